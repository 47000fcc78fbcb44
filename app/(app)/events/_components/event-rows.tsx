import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatPartialDate } from "@/lib/dates/partial-date";
import type { EventListRow } from "@/lib/domain/event/queries";
import { ReportedNumber } from "./reported-number";
import { VerificationBadge } from "./verification-badge";

/** The events table (events list, facility page). Linked counts are the viewer's own cases only. */
export async function EventTable({ rows, showFacility = true }: { rows: EventListRow[]; showFacility?: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("events"), getLocale()]);
  return (
    <div className="mt-3 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
      <table className="min-w-full divide-y divide-stone-200 text-sm">
        <thead className="bg-stone-100 text-left text-xs font-semibold uppercase tracking-wide text-stone-700">
          <tr>
            <th scope="col" className="px-3 py-2">{t("date")}</th>
            {showFacility ? <th scope="col" className="px-3 py-2">{t("from")}</th> : null}
            <th scope="col" className="hidden px-3 py-2 md:table-cell">{t("handover")}</th>
            <th scope="col" className="hidden px-3 py-2 sm:table-cell">{t("reported")}</th>
            <th scope="col" className="px-3 py-2">{t("verification")}</th>
            <th scope="col" className="hidden px-3 py-2 text-right sm:table-cell">{t("linked")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((e) => (
            <tr key={e.id} className="hover:bg-brand-50">
              <td className="whitespace-nowrap px-3 py-2">
                <Link href={`/events/${e.id}`} className="font-medium text-brand-700 underline">{formatPartialDate(e.date, locale)}</Link>
              </td>
              {showFacility ? (
                <td className="px-3 py-2">
                  {e.facility ? <Link href={`/facilities/${e.facility.id}`} className="hover:underline">{e.facility.nameEn}</Link> : e.fromRegion ?? <span className="text-stone-600">{t("unknownPlace")}</span>}
                  {e.province ? <span className="block text-xs text-stone-600">{e.province}</span> : null}
                </td>
              ) : null}
              <td className="hidden px-3 py-2 md:table-cell">{e.handoverPoint ?? "—"}</td>
              <td className="hidden whitespace-nowrap px-3 py-2 sm:table-cell"><ReportedNumber min={e.reportedMin} max={e.reportedMax} /></td>
              <td className="px-3 py-2"><VerificationBadge value={e.verification} /></td>
              <td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">{e.linkedCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
