import { getTranslations } from "next-intl/server";
import type { Contribution, RiskResult } from "@/lib/domain/risk/model";
import { RiskBadge } from "./risk-badge";

/** One contribution as a sentence in the reader's language (messages: risk.contribution.*). */
export async function contributionText(c: Contribution): Promise<string> {
  const t = await getTranslations("risk");
  return t(`contribution.${c.key}`, { ...c.params, points: c.points });
}

/** Score, level and every contribution with its points — the "why" behind a score. */
export async function RiskExplanation({ result, headingId, heading }: { result: RiskResult; headingId: string; heading: string }) {
  const t = await getTranslations("risk");
  const lines = await Promise.all(result.contributions.map(contributionText));
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="risk-explanation">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="text-lg font-semibold">{heading}</h2>
        <RiskBadge level={result.level} score={result.score} size="lg" />
      </div>
      <h3 className="mt-3 text-sm font-semibold text-stone-700">{t("explanation")}</h3>
      <ul className="mt-1 space-y-1 text-sm">
        {lines.map((line, i) => (
          <li key={i} className={`border-l-4 pl-2 wrap-anywhere ${result.contributions[i]!.points > 0 ? "border-red-300" : "border-stone-200"}`}>{line}</li>
        ))}
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
