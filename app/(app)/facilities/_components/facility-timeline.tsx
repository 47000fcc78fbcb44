import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatPartialDate } from "@/lib/dates/partial-date";
import type { EventListRow } from "@/lib/domain/event/queries";
import type { IndicatorRow } from "@/lib/domain/indicator/queries";
import { facilityTimeline } from "@/lib/domain/facility/timeline";
import { ReportedNumber } from "../../events/_components/reported-number";
import { VerificationBadge } from "../../events/_components/verification-badge";

/**
 * Returns and warning signs at one facility on one line of time, newest first: the newest
 * `limit` of them, with a link to all (a border station's history runs to hundreds of entries,
 * most of a large page; the returns are also in the events table above).
 */
export async function FacilityTimeline({ events, indicators, limit, allHref }: { events: EventListRow[]; indicators: IndicatorRow[]; limit?: number; allHref: string }) {
  const [t, tt, tc, ti, locale] = await Promise.all([getTranslations("risk"), getTranslations("indicatorType"), getTranslations("confidence"), getTranslations("indicators"), getLocale()]);
  const { shown, total } = facilityTimeline(events, indicators, limit);
  if (total === 0) return <p className="mt-2 text-sm text-stone-600">{t("timelineEmpty")}</p>;
  return (
    <>
      <ol className="mt-3 space-y-3" data-testid="facility-timeline">
        {shown.map((item) => (
          <li key={item.key} className={`border-l-4 pl-3 ${item.kind === "event" ? "border-red-600" : "border-amber-400"}`}>
            {item.kind === "event" ? (
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <time dateTime={item.e.date.date.toISOString().slice(0, 10)} className="text-stone-600">{formatPartialDate(item.e.date, locale)}</time>
                <span className="font-semibold text-red-900">{t("timelineEvent")}</span>
                <ReportedNumber min={item.e.reportedMin} max={item.e.reportedMax} />
                <VerificationBadge value={item.e.verification} />
                <Link href={`/events/${item.e.id}`} className="text-brand-700 underline">{item.e.handoverPoint ?? formatPartialDate(item.e.date, locale)}</Link>
              </p>
            ) : (
              <>
                <p className="text-sm">
                  <time dateTime={item.i.observedOn.date.toISOString().slice(0, 10)} className="text-stone-600">{formatPartialDate(item.i.observedOn, locale)}</time>
                  {" · "}<span className="font-semibold text-amber-900">{t("timelineIndicator")}</span>
                  {" · "}<span className="font-medium">{tt(item.i.type)}</span>
                  {" · "}<span className="text-stone-700">{ti("confidenceLabel", { level: tc(item.i.confidence) })}</span>
                </p>
                {item.i.description ? <p className="mt-1 whitespace-pre-line text-sm">{item.i.description}</p> : null}
              </>
            )}
          </li>
        ))}
      </ol>
      {shown.length < total ? (
        <p className="mt-3 text-sm text-stone-600" data-testid="facility-timeline-more">
          {t("timelineShowing", { shown: shown.length, count: total })}{" "}
          <Link href={allHref} className="text-brand-700 underline">{t("timelineShowAll", { count: total })}</Link>
        </p>
      ) : null}
    </>
  );
}
