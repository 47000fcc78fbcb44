import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { eventFilterOptions, listEvents } from "@/lib/domain/event/queries";
import { listEventsSchema, verificationSchema } from "@/lib/domain/event/schemas";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/field";
import { EventTable } from "./_components/event-rows";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const raw = await searchParams;
  // Bad query strings fall back to defaults instead of failing (S12).
  const filters = listEventsSchema.parse({ verification: first(raw.verification), year: first(raw.year), facilityId: first(raw.facilityId), page: first(raw.page) });
  const [result, options, t, tv] = await Promise.all([listEvents(viewer, filters), eventFilterOptions(), getTranslations("events"), getTranslations("verification")]);
  const params = { verification: filters.verification, year: filters.year?.toString(), facilityId: filters.facilityId };
  const filtered = Boolean(filters.verification || filters.year || filters.facilityId);
  const label = "block text-sm font-medium";
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex items-center gap-3">
          <p className="text-sm text-stone-600" data-testid="event-count">{t("count", { count: result.total })}</p>
          {can(viewer, "event.write") ? (
            <Link href="/events/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{t("new")}</Link>
          ) : null}
        </div>
      </div>
      <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>

      <form method="get" role="search" className="mt-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end">
        <div className="space-y-1">
          <label htmlFor="verification" className={label}>{t("verification")}</label>
          <select id="verification" name="verification" defaultValue={filters.verification ?? ""} className={inputClass}>
            <option value="">{t("allVerification")}</option>
            {verificationSchema.options.map((v) => <option key={v} value={v}>{tv(v)}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="year" className={label}>{t("year")}</label>
          <select id="year" name="year" defaultValue={filters.year?.toString() ?? ""} className={inputClass}>
            <option value="">{t("allYears")}</option>
            {options.years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="facilityId" className={label}>{t("facility")}</label>
          <select id="facilityId" name="facilityId" defaultValue={filters.facilityId ?? ""} className={inputClass}>
            <option value="">{t("allFacilities")}</option>
            {options.facilities.map((f) => <option key={f.id} value={f.id}>{f.nameEn}</option>)}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{t("apply")}</button>
          {filtered ? <Link href="/events" className="min-h-10 rounded-md px-3 py-2 text-sm underline">{t("clear")}</Link> : null}
        </div>
      </form>

      {result.rows.length === 0 ? (
        <p className="mt-6 rounded-lg bg-white p-6 text-center text-stone-600 ring-1 ring-stone-200">{t("empty")}</p>
      ) : (
        <EventTable rows={result.rows} />
      )}
      <p className="mt-2 text-xs text-stone-600">{t("linkedNote")}</p>
      <Pagination page={result.page} pageCount={result.pageCount} params={params} basePath="/events" />
    </div>
  );
}
