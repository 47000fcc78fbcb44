import { getLocale, getTranslations } from "next-intl/server";
import { formatPartialDate } from "@/lib/dates/partial-date";
import type { IndicatorRow } from "@/lib/domain/indicator/queries";

/** Warning signs, newest first: date (to its precision), type, confidence, description. */
export async function IndicatorList({ items }: { items: IndicatorRow[] }) {
  const [t, tt, tc, locale] = await Promise.all([getTranslations("indicators"), getTranslations("indicatorType"), getTranslations("confidence"), getLocale()]);
  if (items.length === 0) return <p className="mt-2 text-sm text-stone-600">{t("empty")}</p>;
  return (
    <ol className="mt-3 space-y-3" data-testid="indicators">
      {items.map((i) => (
        <li key={i.id} className="border-l-4 border-amber-400 pl-3">
          <p className="text-sm">
            <time dateTime={i.observedOn.date.toISOString().slice(0, 10)} className="text-stone-600">{formatPartialDate(i.observedOn, locale)}</time>
            {" · "}
            <span className="font-medium">{tt(i.type)}</span>
            {" · "}
            <span className="text-stone-700">{t("confidenceLabel", { level: tc(i.confidence) })}</span>
          </p>
          {i.description ? <p className="mt-1 whitespace-pre-line text-sm">{i.description}</p> : null}
        </li>
      ))}
    </ol>
  );
}
