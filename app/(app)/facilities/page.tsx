import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { facilityFilterOptions, listFacilities } from "@/lib/domain/facility/queries";
import { listFacilitiesSchema } from "@/lib/domain/facility/schemas";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/field";
import { FilterActions, firstParam, ListHeader } from "@/components/ui/list-page";
import { countryName } from "./_components/country-name";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("facilities"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
export default async function FacilitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const raw = await searchParams;
  // Bad query strings fall back to defaults instead of failing (S12).
  const filters = listFacilitiesSchema.parse(Object.fromEntries(["q", "country", "province", "type", "holding", "sort", "page"].map((k) => [k, firstParam(raw[k])])));
  const [result, options, t, tt, locale] = await Promise.all([
    listFacilities(viewer, filters), facilityFilterOptions(), getTranslations("facilities"), getTranslations("facilityType"), getLocale(),
  ]);
  const { q, country, province, type, holding, sort } = filters;
  const params = { q, country, province, type, holding, sort: sort === "name" ? undefined : sort };
  const filtered = Boolean(filters.q || filters.country || filters.province || filters.type || filters.holding);
  const label = "block text-sm font-medium";
  return (
    <div>
      <ListHeader title={t("title")} countText={t("count", { count: result.total })} countTestId="facility-count"
        newHref={can(viewer, "facility.write") ? "/facilities/new" : null} newLabel={t("new")} intro={t("intro")} />

      <form method="get" role="search" className="mt-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:grid-cols-2 lg:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor="q" className={label}>{t("search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="country" className={label}>{t("country")}</label>
          <select id="country" name="country" defaultValue={filters.country ?? ""} className={inputClass}>
            <option value="">{t("allCountries")}</option>
            {options.countries.map((c) => <option key={c} value={c}>{countryName(c, locale)}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="province" className={label}>{t("province")}</label>
          <select id="province" name="province" defaultValue={filters.province ?? ""} className={inputClass}>
            <option value="">{t("allProvinces")}</option>
            {options.countries.map((c) => (
              <optgroup key={c} label={countryName(c, locale)}>
                {options.provinces.filter((p) => p.country === c).map((p) => <option key={`${c}-${p.province}`} value={p.province}>{p.province}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="type" className={label}>{t("type")}</label>
          <select id="type" name="type" defaultValue={filters.type ?? ""} className={inputClass}>
            <option value="">{t("allTypes")}</option>
            {options.types.map((v) => <option key={v} value={v}>{tt(v)}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="sort" className={label}>{t("sort")}</label>
          <select id="sort" name="sort" defaultValue={filters.sort} className={inputClass}>
            {(["name", "location", "type", "events"] as const).map((s) => <option key={s} value={s}>{t(`sort_${s}`)}</option>)}
          </select>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className="inline-flex min-h-10 items-center gap-2 text-sm">
            <input type="checkbox" name="holding" value="1" defaultChecked={Boolean(filters.holding)} className="size-4" />
            {t("holdingOnly")}
          </label>
          <FilterActions applyLabel={t("apply")} clearHref={filtered ? "/facilities" : null} clearLabel={t("clear")} />
        </div>
      </form>

      {result.rows.length === 0 ? (
        <p className="mt-6 rounded-lg bg-white p-6 text-center text-stone-600 ring-1 ring-stone-200">{t("empty")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
          <table className="min-w-full divide-y divide-stone-200 text-sm">
            <thead className="bg-stone-100 text-left text-xs font-semibold uppercase tracking-wide text-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("name")}</th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">{t("type")}</th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">{t("location")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("held")}</th>
                <th scope="col" className="hidden px-3 py-2 text-right sm:table-cell">{t("events")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {result.rows.map((r) => (
                <tr key={r.id} className="hover:bg-brand-50">
                  <td className="px-3 py-2">
                    <Link href={`/facilities/${r.id}`} className="font-medium text-brand-700 underline">{r.nameEn}</Link>
                    {r.nameLocal ? <span className="block text-stone-600">{r.nameLocal}</span> : null}
                  </td>
                  <td className="hidden px-3 py-2 md:table-cell">{tt(r.type)}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{[r.city, r.province, countryName(r.country, locale)].filter(Boolean).join(", ")}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.heldCount}</td>
                  <td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">{r.eventCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-2 text-xs text-stone-600">{t("heldNote")}</p>
      <Pagination page={result.page} pageCount={result.pageCount} params={params} basePath="/facilities" />
    </div>
  );
}
