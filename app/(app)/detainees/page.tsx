import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { listDetainees, listWritableTeams } from "@/lib/domain/detainee/queries";
import { facilityOptionById } from "@/lib/domain/facility/queries";
import { FacilityCombobox } from "@/components/ui/facility-combobox";
import { listDetaineesSchema } from "@/lib/domain/detainee/schemas";
import { ALL_STATUSES } from "@/lib/domain/detainee/status";
import { StatusBadge } from "@/components/ui/status-badge";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/field";
import { FilterActions, firstParam, ListHeader } from "@/components/ui/list-page";
import { can } from "@/lib/auth/permissions";
import { CsvLinks } from "./_components/csv-links";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("detainees"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DetaineesPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const raw = await searchParams;
  // Bad query strings fall back to defaults instead of failing (S12).
  const filters = listDetaineesSchema.parse({
    q: firstParam(raw.q), status: firstParam(raw.status), teamId: firstParam(raw.teamId), facilityId: firstParam(raw.facilityId),
    mine: firstParam(raw.mine), page: firstParam(raw.page), sort: firstParam(raw.sort),
  });
  const [result, teams, facility, t, ts, format] = await Promise.all([
    listDetainees(viewer, filters),
    listWritableTeams(viewer),
    facilityOptionById(filters.facilityId),
    getTranslations("detainees"),
    getTranslations("status"),
    getFormatter(),
  ]);
  const params = {
    q: filters.q, status: filters.status, teamId: filters.teamId, facilityId: filters.facilityId, mine: filters.mine,
    sort: raw.sort ? filters.sort : undefined,
  };
  const filtered = Boolean(filters.q || filters.status || filters.teamId || filters.facilityId || filters.mine);
  return (
    <div>
      <ListHeader title={t("title")} countText={result.more ? t("countMore", { count: result.total }) : t("count", { count: result.total })} countTestId="case-count"
        newHref={can(viewer, "detainee.create") ? "/detainees/new" : null} newLabel={t("newCase")}>
        <CsvLinks viewer={viewer} searchParams={raw} />
      </ListHeader>

      <form method="get" role="search" className="mt-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr] lg:items-start">
        <div className="space-y-1">
          <label htmlFor="q" className="block text-sm font-medium">{t("search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} aria-describedby="q-hint" className={inputClass} />
          <p id="q-hint" className="text-xs text-stone-600">{t("searchHint")}</p>
        </div>
        <div className="space-y-1 self-start">
          <label htmlFor="status" className="block text-sm font-medium">{t("statusFilter")}</label>
          <select id="status" name="status" defaultValue={filters.status ?? ""} className={inputClass}>
            <option value="">{t("allStatuses")}</option>
            {ALL_STATUSES.map((s) => <option key={s} value={s}>{ts(s)}</option>)}
          </select>
        </div>
        <FacilityCombobox name="facilityId" label={t("facilityFilter")} placeholder={t("facilityFilterPlaceholder")}
          noResults={t("facilityFilterNone")} anyLabel={t("allFacilities")} selected={facility} />
        {teams.length > 1 ? (
          <div className="space-y-1 self-start">
            <label htmlFor="teamId" className="block text-sm font-medium">{t("teamFilter")}</label>
            <select id="teamId" name="teamId" defaultValue={filters.teamId ?? ""} className={inputClass}>
              <option value="">{t("allTeams")}</option>
              {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
            </select>
          </div>
        ) : null}
        <div className="space-y-1 self-start">
          <label htmlFor="sort" className="block text-sm font-medium">{t("sort")}</label>
          <select id="sort" name="sort" defaultValue={filters.sort} className={inputClass}>
            {filters.q ? <option value="relevance">{t("sortRelevance")}</option> : null}
            <option value="updated">{t("sortUpdated")}</option>
            <option value="caseNumber">{t("sortCaseNumber")}</option>
            <option value="name">{t("sortName")}</option>
            <option value="status">{t("sortStatus")}</option>
          </select>
        </div>
        <label className="inline-flex min-h-10 items-center gap-2 self-end text-sm font-medium">
          <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine === "1"} className="size-4" />
          {t("assignedToMe")}
        </label>
        <FilterActions applyLabel={t("apply")} clearHref={filtered ? "/detainees" : null} clearLabel={t("clear")} />
      </form>

      {result.rows.length === 0 ? (
        <p className="mt-6 rounded-lg bg-white p-6 text-center text-stone-600 ring-1 ring-stone-200">{t("empty")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
          <table className="min-w-full divide-y divide-stone-200 text-sm">
            <thead className="bg-stone-100 text-left text-xs font-semibold uppercase tracking-wide text-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("caseNumber")}</th>
                <th scope="col" className="px-3 py-2">{t("name")}</th>
                <th scope="col" className="px-3 py-2">{t("status")}</th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">{t("facility")}</th>
                <th scope="col" className="hidden px-3 py-2 lg:table-cell">{t("team")}</th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">{t("updated")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {result.rows.map((r) => (
                <tr key={r.id} className="hover:bg-brand-50">
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                    <Link href={`/detainees/${r.id}`} className="text-brand-700 underline">{r.caseNumber}</Link>
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/detainees/${r.id}`} className="font-medium hover:underline">
                      {r.nameHangul ? <span lang="ko">{r.nameHangul}</span> : null}
                      {r.nameHangul && (r.familyNameRoman || r.givenNameRoman) ? " · " : null}
                      {[r.familyNameRoman, r.givenNameRoman].filter(Boolean).join(" ")}
                    </Link>
                  </td>
                  <td className="px-3 py-2"><StatusBadge status={r.status} /></td>
                  <td className="hidden px-3 py-2 md:table-cell">{r.currentFacility?.nameEn ?? <span className="text-stone-500">{t("noFacility")}</span>}</td>
                  <td className="hidden px-3 py-2 lg:table-cell">{r.teamName}</td>
                  <td className="hidden whitespace-nowrap px-3 py-2 text-stone-600 sm:table-cell">{format.dateTime(r.updatedAt, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} params={params} basePath="/detainees" />
    </div>
  );
}
