import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { eventFilterOptions, listEvents } from "@/lib/domain/event/queries";
import { listEventsSchema, verificationSchema } from "@/lib/domain/event/schemas";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/field";
import { FilterActions, firstParam, ListHeader } from "@/components/ui/list-page";
import { EventTable } from "./_components/event-rows";
import { FacilityCombobox } from "@/components/ui/facility-combobox";
import { facilityOptionById } from "@/lib/domain/facility/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const raw = await searchParams;
  // Bad query strings fall back to defaults instead of failing (S12).
  const filters = listEventsSchema.parse({ verification: firstParam(raw.verification), year: firstParam(raw.year), facilityId: firstParam(raw.facilityId), page: firstParam(raw.page) });
  const [result, options, facility, t, tv] = await Promise.all([listEvents(viewer, filters), eventFilterOptions(), facilityOptionById(filters.facilityId), getTranslations("events"), getTranslations("verification")]);
  const params = { verification: filters.verification, year: filters.year?.toString(), facilityId: filters.facilityId };
  const filtered = Boolean(filters.verification || filters.year || filters.facilityId);
  const label = "block text-sm font-medium";
  return (
    <div>
      <ListHeader title={t("title")} countText={t("count", { count: result.total })} countTestId="event-count"
        newHref={can(viewer, "event.write") ? "/events/new" : null} newLabel={t("new")} intro={t("intro")} />

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
        <FacilityCombobox name="facilityId" label={t("facility")} placeholder={t("facilityPlaceholder")} noResults={t("facilityNone")}
          anyLabel={t("allFacilities")} selected={facility} source="/api/facilities/options?all=1" />
        <FilterActions applyLabel={t("apply")} clearHref={filtered ? "/events" : null} clearLabel={t("clear")} />
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
