// The repatriation risk model as pure functions: plain data in, score + level + explanation out.
// No database, no clock (callers pass `now`), no locale (contributions carry message keys under
// the "risk" namespace and ICU params). See docs/risk-model.md; every weight is in ./weights.
import type { Confidence, DatePrecision, DetaineeStatus, FacilityType, IndicatorType, VerificationStatus } from "@/lib/generated/prisma/enums";
import * as W from "./weights";
import type { RiskLevel } from "./weights";

export type { RiskLevel } from "./weights";

export type RiskEventInput = {
  date: Date;
  precision: DatePrecision;
  verification: VerificationStatus;
  reportedMin: number | null;
  reportedMax: number | null;
};

export type RiskIndicatorInput = { type: IndicatorType; observedOn: Date; precision?: DatePrecision; confidence: Confidence };

export type FacilityRiskInput = {
  type: FacilityType;
  /** ISO 3166 alpha-2; "KP" scores the type as 0 whatever the type says. */
  country?: string;
  /** Returns from this facility (archived ones already left out by the caller). */
  events: RiskEventInput[];
  /** Indicators recorded at this facility. */
  indicators: RiskIndicatorInput[];
  /** Returns from OTHER facilities in the same province (the caller filters by province). */
  regionalEvents: RiskEventInput[];
};

export type DetaineeRiskInput = {
  status: DetaineeStatus;
  /** scoreFacility() of the facility of the open custody period; null when not known. */
  facility: RiskResult | null;
  /** Whole days since the open custody period started; null when there is none. */
  daysInCustody: number | null;
  /** The move into the current facility: previous type (null if unknown), current type, when. */
  lastTransfer: { fromType: FacilityType | null; toType: FacilityType; on: Date } | null;
  /** Indicators about this person; IDENTITY_CONFIRMED_TO_DPRK among them is scored on its own. */
  indicators: RiskIndicatorInput[];
};

export type ContributionKey =
  | "facilityType" | "facilityTypeDprk" | "event" | "eventRange" | "eventCountUnknown" | "regionalWave"
  | "facilityIndicator" | "detaineeIndicator" | "facility" | "facilityUnknown" | "daysInCustody"
  | "transferToBorder" | "identityConfirmed" | "statusNoRisk" | "capped";

export type Contribution = { key: ContributionKey; points: number; params: Record<string, string | number> };
export type RiskResult = { score: number; level: RiskLevel; contributions: Contribution[] };

export function levelFor(score: number): RiskLevel {
  if (score >= W.LEVEL_FLOORS.IMMINENT) return "IMMINENT";
  if (score >= W.LEVEL_FLOORS.HIGH) return "HIGH";
  if (score >= W.LEVEL_FLOORS.ELEVATED) return "ELEVATED";
  return "LOW";
}

/** The day a dated fact is counted from: DAY as is, MONTH from the 15th, YEAR from 1 July (UTC). */
export function effectiveDate(date: Date, precision: DatePrecision = "DAY"): number {
  if (precision === "MONTH") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 15);
  if (precision === "YEAR") return Date.UTC(date.getUTCFullYear(), 6, 1);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Days from the fact to now, never negative: a future-dated entry counts as today, not more. */
function ageDays(date: Date, precision: DatePrecision | undefined, now: Date): number {
  return Math.max(0, (now.getTime() - effectiveDate(date, precision)) / W.MS_PER_DAY);
}

const decay = (age: number, halfLife: number) => Math.pow(0.5, age / halfLife);

/** The batch size used: the lowest reported figure (sources disagree; we do not inflate). */
function batchSize(e: RiskEventInput): number {
  return Math.max(1, e.reportedMin ?? e.reportedMax ?? 1);
}

const batchFactor = (size: number) => 1 + W.BATCH_LOG10_FACTOR * Math.log10(size);

function eventContribution(e: RiskEventInput, now: Date): Contribution {
  const age = ageDays(e.date, e.precision, now);
  const raw = W.EVENT_BASE_POINTS * W.VERIFICATION_WEIGHT[e.verification] * batchFactor(batchSize(e)) * decay(age, W.EVENT_HALF_LIFE_DAYS);
  const common = { verification: e.verification, days: Math.floor(age), precision: e.precision };
  const points = Math.round(raw);
  if (e.reportedMin == null && e.reportedMax == null) return { key: "eventCountUnknown", points, params: common };
  if (e.reportedMin != null && e.reportedMax != null && e.reportedMax > e.reportedMin) {
    return { key: "eventRange", points, params: { ...common, min: e.reportedMin, max: e.reportedMax } };
  }
  return { key: "event", points, params: { ...common, count: batchSize(e) } };
}

function indicatorContribution(i: RiskIndicatorInput, key: "facilityIndicator" | "detaineeIndicator", now: Date): Contribution {
  const age = ageDays(i.observedOn, i.precision, now);
  const raw = W.INDICATOR_WEIGHT[i.type] * W.CONFIDENCE_WEIGHT[i.confidence] * decay(age, W.INDICATOR_HALF_LIFE_DAYS);
  return { key, points: Math.round(raw), params: { type: i.type, confidence: i.confidence, days: Math.floor(age), precision: i.precision ?? "DAY" } };
}

function regionalContribution(events: RiskEventInput[], now: Date): Contribution | null {
  const recent = events.filter((e) => ageDays(e.date, e.precision, now) <= W.REGIONAL_WINDOW_DAYS);
  if (recent.length === 0) return null;
  const raw = recent.reduce((s, e) => s + W.REGIONAL_EVENT_POINTS * W.VERIFICATION_WEIGHT[e.verification] * batchFactor(batchSize(e)), 0);
  const people = recent.reduce((s, e) => s + (e.reportedMin ?? e.reportedMax ?? 0), 0);
  return { key: "regionalWave", points: Math.min(W.REGIONAL_CAP, Math.round(raw)), params: { count: recent.length, people, windowDays: W.REGIONAL_WINDOW_DAYS } };
}

/** Sum the (already rounded) points and clamp to 0..100; a "capped" line keeps the list adding up. */
function finish(contributions: Contribution[]): RiskResult {
  const shown = contributions.filter((c) => c.points !== 0 || c.key === "facilityType" || c.key === "facilityTypeDprk" || c.key === "facilityUnknown" || c.key === "statusNoRisk");
  const sum = shown.reduce((s, c) => s + c.points, 0);
  const score = Math.min(100, Math.max(0, sum));
  if (score !== sum) shown.push({ key: "capped", points: score - sum, params: { max: 100 } });
  return { score, level: levelFor(score), contributions: shown };
}

const isDprkFacility = (type: FacilityType, country?: string) => country === W.DPRK_COUNTRY || W.FACILITY_TYPE_POINTS[type] === 0;

export function scoreFacility(input: FacilityRiskInput, now: Date): RiskResult {
  const dprk = isDprkFacility(input.type, input.country);
  const out: Contribution[] = [
    dprk
      ? { key: "facilityTypeDprk", points: 0, params: { type: input.type } }
      : { key: "facilityType", points: W.FACILITY_TYPE_POINTS[input.type], params: { type: input.type } },
  ];
  // Once people are in the DPRK, Chinese-side signals no longer describe a return ahead of them.
  if (dprk) return finish(out);
  const events = input.events.map((e) => eventContribution(e, now)).sort((a, b) => b.points - a.points);
  const indicators = input.indicators.map((i) => indicatorContribution(i, "facilityIndicator", now)).sort((a, b) => b.points - a.points);
  const wave = regionalContribution(input.regionalEvents, now);
  return finish([...out, ...events, ...(wave ? [wave] : []), ...indicators]);
}

const AT_RISK: ReadonlySet<DetaineeStatus> = new Set<DetaineeStatus>(["REPORTED", "DETAINED"]);
const BORDER: FacilityType = "BORDER_DEFENCE_STATION";

export function scoreDetainee(input: DetaineeRiskInput, now: Date): RiskResult {
  // Released, resettled, already returned etc.: forced return from China is not ahead of them.
  if (!AT_RISK.has(input.status)) return finish([{ key: "statusNoRisk", points: 0, params: { status: input.status } }]);
  const out: Contribution[] = [
    input.facility
      ? { key: "facility", points: input.facility.score, params: { score: input.facility.score, level: input.facility.level } }
      : { key: "facilityUnknown", points: 0, params: {} },
  ];
  if (input.daysInCustody != null && input.daysInCustody > 0) {
    const days = Math.floor(input.daysInCustody);
    out.push({ key: "daysInCustody", points: Math.min(W.CUSTODY_CAP, Math.round(days * W.CUSTODY_POINTS_PER_DAY)), params: { days } });
  }
  const t = input.lastTransfer;
  const transferAge = t ? ageDays(t.on, "DAY", now) : Infinity;
  const transferCounts = !!t && t.toType === BORDER && t.fromType !== BORDER && transferAge <= W.TRANSFER_WINDOW_DAYS;
  if (transferCounts) out.push({ key: "transferToBorder", points: W.TRANSFER_POINTS, params: { days: Math.floor(transferAge) } });
  for (const i of input.indicators) {
    if (i.type === "IDENTITY_CONFIRMED_TO_DPRK") continue;
    // The same move recorded both as custody and as an indicator is counted once.
    if (transferCounts && i.type === "TRANSFER_TO_BORDER_FACILITY") continue;
    out.push(indicatorContribution(i, "detaineeIndicator", now));
  }
  if (input.indicators.some((i) => i.type === "IDENTITY_CONFIRMED_TO_DPRK")) {
    out.push({ key: "identityConfirmed", points: W.IDENTITY_CONFIRMED_POINTS, params: {} });
  }
  return finish(out);
}
