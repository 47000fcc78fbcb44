// A facility's score over the last days, as stored in DetentionFacility.riskHistory: the score
// each day would have had from what was known to have happened by then (today's weights).
// Recomputed when the facility's inputs change, extended by one point a day by the daily job;
// pages only read it, so their cost does not grow with the number of events.
import { effectiveDate, scoreFacility, type FacilityRiskInput, type RiskResult } from "./model";
import { REGIONAL_WINDOW_DAYS, MS_PER_DAY } from "./weights";

export const HISTORY_DAYS = 180;

/** `scores[i]` is the score of day `start + i` (UTC days). */
export type StoredHistory = { start: string; scores: number[] };
export type RiskPoint = { day: string; score: number; level: RiskResult["level"] };

const dayStart = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Dated<T> = { at: number; item: T };
const byDate = <T>(items: readonly T[], date: (x: T) => number): Dated<T>[] => items.map((item) => ({ at: date(item), item })).sort((a, b) => a.at - b.at);
/** Index of the first element dated after `t` (elements are sorted by date). */
function upperBound<T>(xs: Dated<T>[], t: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.at <= t) lo = mid + 1; else hi = mid;
  }
  return lo;
}
function lowerBound<T>(xs: Dated<T>[], t: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.at < t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * The score on each of `days` days ending today. Same result as scoring, for each day, the
 * inputs with everything dated after it removed; but each day looks only at what can count
 * (what is known by then, and regional events inside the window), so the cost grows with the
 * facility's own records, not with the province's whole history.
 */
export function computeHistory(input: FacilityRiskInput, now: Date, days = HISTORY_DAYS): StoredHistory {
  const events = byDate(input.events, (e) => effectiveDate(e.date, e.precision));
  const indicators = byDate(input.indicators, (i) => effectiveDate(i.observedOn, i.precision));
  const regional = byDate(input.regionalEvents, (e) => effectiveDate(e.date, e.precision));
  const today = dayStart(now);
  const start = today - (days - 1) * MS_PER_DAY;
  const scores: number[] = [];
  for (let t = start; t <= today; t += MS_PER_DAY) scores.push(scoreOn(input, events, indicators, regional, t));
  return { start: iso(start), scores };
}

function scoreOn(input: FacilityRiskInput, events: Dated<FacilityRiskInput["events"][number]>[], indicators: Dated<FacilityRiskInput["indicators"][number]>[], regional: Dated<FacilityRiskInput["regionalEvents"][number]>[], t: number): number {
  const window = regional.slice(lowerBound(regional, t - REGIONAL_WINDOW_DAYS * MS_PER_DAY), upperBound(regional, t));
  return scoreFacility({
    ...input,
    events: events.slice(0, upperBound(events, t)).map((x) => x.item),
    indicators: indicators.slice(0, upperBound(indicators, t)).map((x) => x.item),
    regionalEvents: window.map((x) => x.item),
  }, new Date(t)).score;
}

/** Today's point added to a stored history (yesterday's run kept), or the whole history recomputed when it has a gap. */
export function extendHistory(stored: unknown, input: FacilityRiskInput, now: Date, days = HISTORY_DAYS): StoredHistory {
  const today = dayStart(now);
  const h = isHistory(stored) ? stored : null;
  if (!h) return computeHistory(input, now, days);
  const last = Date.parse(`${h.start}T00:00:00Z`) + (h.scores.length - 1) * MS_PER_DAY;
  if (last !== today && last !== today - MS_PER_DAY) return computeHistory(input, now, days);
  const todays = scoreOn(input, byDate(input.events, (e) => effectiveDate(e.date, e.precision)), byDate(input.indicators, (i) => effectiveDate(i.observedOn, i.precision)), byDate(input.regionalEvents, (e) => effectiveDate(e.date, e.precision)), today);
  const scores = last === today ? [...h.scores.slice(0, -1), todays] : [...h.scores, todays];
  const drop = Math.max(0, scores.length - days);
  return { start: iso(Date.parse(`${h.start}T00:00:00Z`) + drop * MS_PER_DAY), scores: scores.slice(drop) };
}

export function isHistory(value: unknown): value is StoredHistory {
  const v = value as StoredHistory | null;
  return !!v && typeof v === "object" && typeof v.start === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.start) && Array.isArray(v.scores) && v.scores.every((s) => typeof s === "number");
}

/** The chart's points: the stored days that fall within the last `days` days. */
export function historyPoints(stored: unknown, now: Date, days = HISTORY_DAYS, level: (score: number) => RiskResult["level"]): RiskPoint[] {
  if (!isHistory(stored)) return [];
  const today = dayStart(now);
  const first = today - (days - 1) * MS_PER_DAY;
  const start = Date.parse(`${stored.start}T00:00:00Z`);
  const out: RiskPoint[] = [];
  stored.scores.forEach((score, i) => {
    const t = start + i * MS_PER_DAY;
    if (t >= first && t <= today) out.push({ day: iso(t), score, level: level(score) });
  });
  return out;
}
