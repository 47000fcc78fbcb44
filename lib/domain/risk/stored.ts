// A score's explanation as stored beside the score (Detainee/DetentionFacility.riskExplanation),
// so pages read "why" instead of recomputing it. Ages ("returned 12 days ago") are stored as the
// day they count from, not as a number of days: the stored form then stays the same from one day
// to the next unless the points themselves move, the daily job rewrites only rows whose score or
// explanation changed, and a page shows the right age on any later day.
import type { Contribution, ContributionKey, RiskResult } from "./model";
import { levelFor } from "./model";
import { MS_PER_DAY } from "./weights";

export type StoredContribution = { key: ContributionKey; points: number; params: Record<string, string | number> };
export type StoredExplanation = { v: 1; contributions: StoredContribution[] };

const dayNumber = (d: Date) => Math.floor(d.getTime() / MS_PER_DAY);
const isoOfDay = (n: number) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

export function toStoredExplanation(result: RiskResult, now: Date): StoredExplanation {
  const today = dayNumber(now);
  return {
    v: 1,
    contributions: result.contributions.map((c) => {
      if (typeof c.params.days !== "number") return { key: c.key, points: c.points, params: { ...c.params } };
      const { days, ...rest } = c.params;
      return { key: c.key, points: c.points, params: { ...rest, since: isoOfDay(today - days) } };
    }),
  };
}

function isStored(value: unknown): value is StoredExplanation {
  return !!value && typeof value === "object" && (value as { v?: unknown }).v === 1 && Array.isArray((value as { contributions?: unknown }).contributions);
}

/** The stored explanation as the model's result on `now` (ages counted to that day); null when none is stored. */
export function fromStoredExplanation(value: unknown, score: number | null, now: Date): RiskResult | null {
  if (score == null || !isStored(value)) return null;
  const today = dayNumber(now);
  const contributions: Contribution[] = value.contributions.map((c) => {
    if (typeof c.params.since !== "string") return { key: c.key, points: c.points, params: { ...c.params } };
    const { since, ...rest } = c.params;
    const from = Math.floor(Date.parse(`${since}T00:00:00Z`) / MS_PER_DAY);
    return { key: c.key, points: c.points, params: { ...rest, days: Math.max(0, today - from) } };
  });
  return { score, level: levelFor(score), contributions };
}
