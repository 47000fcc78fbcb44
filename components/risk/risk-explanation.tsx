import { getTranslations } from "next-intl/server";
import type { Contribution, RiskResult } from "@/lib/domain/risk/model";
import { RiskBadge } from "./risk-badge";

/** One contribution as a sentence in the reader's language (messages: risk.contribution.*). */
export async function contributionText(c: Contribution): Promise<string> {
  const t = await getTranslations("risk");
  return t(`contribution.${c.key}`, { ...c.params, points: c.points });
}

/** A facility with hundreds of recorded returns would list every one: the strongest lines are shown, the rest summed. */
const MAX_LINES = 12;

/** The contributions to show (in the model's order: the strongest, plus the type and any cap line) and what the others add up to. */
export function strongest(all: Contribution[], max: number): { shown: Contribution[]; rest: { count: number; points: number } } {
  if (all.length <= max) return { shown: all, rest: { count: 0, points: 0 } };
  const always = (c: Contribution) => c.key === "facilityType" || c.key === "facilityTypeDprk" || c.key === "capped" || c.key === "statusNoRisk";
  const ranked = all.filter((c) => !always(c)).sort((a, b) => b.points - a.points);
  const keep = new Set<Contribution>([...all.filter(always), ...ranked.slice(0, Math.max(0, max - all.filter(always).length))]);
  const shown = all.filter((c) => keep.has(c));
  const hidden = all.filter((c) => !keep.has(c));
  return { shown, rest: { count: hidden.length, points: hidden.reduce((s, c) => s + c.points, 0) } };
}

/** Score, level and the contributions with their points — the "why" behind a score. */
export async function RiskExplanation({ result, headingId, heading }: { result: RiskResult; headingId: string; heading: string }) {
  const t = await getTranslations("risk");
  const { shown, rest } = strongest(result.contributions, MAX_LINES);
  const lines = await Promise.all(shown.map(contributionText));
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="risk-explanation">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="text-lg font-semibold">{heading}</h2>
        <RiskBadge level={result.level} score={result.score} size="lg" />
      </div>
      <h3 className="mt-3 text-sm font-semibold text-stone-700">{t("explanation")}</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {lines.map((line, i) => (
          <li key={i} className={`border-l-4 pl-2 wrap-anywhere ${shown[i]!.points > 0 ? "border-red-300" : "border-stone-200"}`}>{line}</li>
        ))}
        {rest.count > 0 ? <li className="border-l-4 border-stone-200 pl-2">{t("moreContributions", { count: rest.count, points: rest.points })}</li> : null}
      </ul>
      <p className="mt-3 text-xs text-stone-600">{t("disclaimer")}</p>
    </section>
  );
}

/** The strongest one or two reasons, for lists ("why" in a table cell). */
export async function topReasons(result: RiskResult, n = 2): Promise<string[]> {
  const top = [...result.contributions].filter((c) => c.points > 0).sort((a, b) => b.points - a.points).slice(0, n);
  return Promise.all(top.map(contributionText));
}
