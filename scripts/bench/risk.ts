// Risk columns for the generated population. The generator scores every facility and person
// with the project's pure model (lib/domain/risk/model.ts) from the very rows it writes — the
// inputs lib/domain/risk/inputs.ts would read — and stores the scores with the rows (no second
// pass over 100,000 rows). Then, when it has a Prisma client, it runs the project's own full
// rescore once (lib/domain/risk/refresh.ts refreshRisk with { all: true }) within a time budget;
// if that fails or runs out of time, the model's scores stay. The report says which happened.
import type { SqlRunner } from "@/lib/db/migrate";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scoreDetainee, scoreFacility, type RiskEventInput, type RiskIndicatorInput, type RiskResult } from "@/lib/domain/risk/model";
import { wholeDaysSince } from "@/lib/domain/risk/inputs";
import type { DetaineeStatus, FacilityType } from "@/lib/generated/prisma/enums";

export type FacilityForRisk = { id: string; type: string; country: string; province: string | null };
export type EventForRisk = RiskEventInput & { facilityId: string | null; province: string | null };
export type IndicatorForRisk = { type: string; observedOn: Date; confidence: string };
export type PeriodForRisk = { facilityId: string; from: Date; to: Date | null };

const indicatorInput = (i: IndicatorForRisk): RiskIndicatorInput =>
  ({ type: i.type as RiskIndicatorInput["type"], observedOn: i.observedOn, precision: "DAY", confidence: i.confidence as RiskIndicatorInput["confidence"] });

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every facility's score, as refreshRisk computes it (own events and indicators, regional wave by province). */
export function scoreFacilities(facilities: readonly FacilityForRisk[], events: readonly EventForRisk[], indicators: readonly (IndicatorForRisk & { facilityId: string })[], now: Date): Map<string, RiskResult> {
  const byId = new Map(facilities.map((f) => [f.id, f]));
  const key = (country: string, province: string | null) => (province ? `${country}|${province.trim().toLowerCase()}` : null);
  const byFacility = new Map<string, RiskEventInput[]>();
  const byProvince = new Map<string, EventForRisk[]>();
  for (const ev of events) {
    if (ev.facilityId) push(byFacility, ev.facilityId, ev);
    const f = ev.facilityId ? byId.get(ev.facilityId) : null;
    const k = f ? key(f.country, f.province) : key("CN", ev.province);
    if (k) push(byProvince, k, ev);
  }
  const indicatorsOf = new Map<string, RiskIndicatorInput[]>();
  for (const i of indicators) push(indicatorsOf, i.facilityId, indicatorInput(i));
  const scores = new Map<string, RiskResult>();
  for (const f of facilities) {
    const k = key(f.country, f.province);
    scores.set(f.id, scoreFacility({
      type: f.type as FacilityType, country: f.country, events: byFacility.get(f.id) ?? [], indicators: indicatorsOf.get(f.id) ?? [],
      regionalEvents: k ? (byProvince.get(k) ?? []).filter((e) => e.facilityId !== f.id) : [],
    }, now));
  }
  return scores;
}

/** One person's score: current facility (the open period), days held, last transfer, own indicators. */
export function scorePerson(status: string, periods: readonly PeriodForRisk[], indicators: readonly IndicatorForRisk[], facilityScores: Map<string, RiskResult>, typeOf: (facilityId: string) => string | undefined, now: Date): RiskResult {
  const last = periods.at(-1);
  const open = last && last.to === null ? last : null;
  const currentType = open ? typeOf(open.facilityId) : undefined;
  const previousType = open && periods.length > 1 ? typeOf(periods.at(-2)!.facilityId) ?? null : null;
  return scoreDetainee({
    status: status as DetaineeStatus,
    facility: open ? facilityScores.get(open.facilityId) ?? null : null,
    daysInCustody: open ? wholeDaysSince(open.from, "DAY", now) : null,
    lastTransfer: open && currentType ? { fromType: previousType as FacilityType | null, toType: currentType as FacilityType, on: open.from } : null,
    indicators: indicators.map(indicatorInput),
  }, now);
}

/** Facility scores and today's snapshot, as refreshRisk writes them. */
export async function writeFacilityScores(runner: SqlRunner, scores: Map<string, RiskResult>, now: Date): Promise<void> {
  const ids = [...scores.keys()];
  const params = [ids, ids.map((i) => scores.get(i)!.score), ids.map((i) => scores.get(i)!.level)];
  await runner.query(`UPDATE "DetentionFacility" AS f SET "riskScore" = u.score, "riskLevel" = u.level, "riskComputedAt" = $4::timestamp(3)
    FROM unnest($1::text[], $2::int4[], $3::text[]) AS u(id, score, level) WHERE f.id = u.id`, [...params, now.toISOString()]);
  await runner.query(`INSERT INTO "FacilityRiskSnapshot" ("facilityId", "day", "score", "level")
    SELECT u.id, $4::date, u.score, u.level FROM unnest($1::text[], $2::int4[], $3::text[]) AS u(id, score, level)
    ON CONFLICT ("facilityId", "day") DO UPDATE SET "score" = EXCLUDED."score", "level" = EXCLUDED."level"`, [...params, now.toISOString().slice(0, 10)]);
}

export type RiskOutcome = { method: "refreshRisk" | "model"; note: string };

const lastLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n").map((l) => l.trim()).filter(Boolean).slice(-1)[0]?.slice(0, 160) ?? "error";

/** The project's full rescore, once, within `timeoutSeconds`; the model's scores stay if it fails. */
export async function projectRescore(prisma: PrismaClient | undefined, now: Date, timeoutSeconds: number): Promise<RiskOutcome> {
  const model = "scored with lib/domain/risk/model.ts while generating";
  if (!prisma) return { method: "model", note: `${model} (the project's rescoring was not asked for)` };
  const started = Date.now();
  try {
    const { refreshRisk } = await import("@/lib/domain/risk/refresh");
    const result = await prisma.$transaction((tx) => refreshRisk(tx, { all: true }, now, { notify: false }), { timeout: timeoutSeconds * 1000, maxWait: 10_000 });
    return { method: "refreshRisk", note: `refreshRisk({ all: true }) rescored ${result.facilities} facilities and ${result.detainees} detainees in ${((Date.now() - started) / 1000).toFixed(1)} s` };
  } catch (e) {
    return { method: "model", note: `${model}; refreshRisk({ all: true }) failed after ${((Date.now() - started) / 1000).toFixed(1)} s (${lastLine(e)}), so those scores stand` };
  }
}
