// Risk columns for the generated population. First choice: the project's own full rescore
// (lib/domain/risk/refresh.ts refreshRisk with { all: true }), when a Prisma client is given. If it
// fails or is not available, the generator scores every facility and detainee in memory with the
// project's pure model (lib/domain/risk/model.ts) from the rows it just wrote — the same inputs
// the refresh reads — and writes them in bulk. The report says which one ran.
import type { SqlRunner } from "@/lib/db/migrate";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scoreDetainee, scoreFacility, type RiskEventInput, type RiskIndicatorInput, type RiskResult } from "@/lib/domain/risk/model";
import { wholeDaysSince } from "@/lib/domain/risk/inputs";
import type { FacilityType } from "@/lib/generated/prisma/enums";
import type { PopulationForRisk } from "./generate";
import { BATCH } from "./sql";

type Options = { now: Date; prisma?: PrismaClient; timeoutSeconds: number; log: (line: string) => void };
export type RiskOutcome = { method: "refreshRisk" | "model-in-memory"; note: string };

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n").map((l) => l.trim()).filter(Boolean).slice(-1)[0]?.slice(0, 160) ?? "error";

export async function applyRisk(runner: SqlRunner, pop: PopulationForRisk, opts: Options): Promise<RiskOutcome> {
  let note = "no Prisma client given";
  if (opts.prisma) {
    const started = Date.now();
    try {
      const { refreshRisk } = await import("@/lib/domain/risk/refresh");
      const result = await opts.prisma.$transaction((tx) => refreshRisk(tx, { all: true }, opts.now, { notify: false }), {
        timeout: opts.timeoutSeconds * 1000, maxWait: 10_000,
      });
      const s = ((Date.now() - started) / 1000).toFixed(1);
      return { method: "refreshRisk", note: `refreshRisk({ all: true }) scored ${result.facilities} facilities and ${result.detainees} detainees in ${s} s` };
    } catch (e) {
      note = `refreshRisk({ all: true }) failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${firstLine(e)}`;
      opts.log(`  ${note}`);
    }
  }
  await scoreInMemory(runner, pop, opts.now);
  return { method: "model-in-memory", note: `${note}; scored in memory with lib/domain/risk/model.ts and written directly` };
}

async function scoreInMemory(runner: SqlRunner, pop: PopulationForRisk, now: Date): Promise<void> {
  const facility = new Map(pop.facilities.map((f) => [f.id, f]));
  const key = (country: string, province: string | null) => (province ? `${country}|${province.trim().toLowerCase()}` : null);
  const byFacility = new Map<string, RiskEventInput[]>();
  const byProvince = new Map<string, { facilityId: string | null; e: RiskEventInput }[]>();
  for (const ev of pop.events) {
    const e: RiskEventInput = { date: ev.date, precision: ev.precision, verification: ev.verification as RiskEventInput["verification"], reportedMin: ev.reportedMin, reportedMax: ev.reportedMax };
    if (ev.facilityId) byFacility.set(ev.facilityId, [...(byFacility.get(ev.facilityId) ?? []), e]);
    const f = ev.facilityId ? facility.get(ev.facilityId) : null;
    const k = f ? key(f.country, f.province) : key("CN", ev.province);
    if (k) byProvince.set(k, [...(byProvince.get(k) ?? []), { facilityId: ev.facilityId, e }]);
  }
  const facilityIndicators = new Map<string, RiskIndicatorInput[]>();
  const detaineeIndicators = new Map<number, RiskIndicatorInput[]>();
  for (const i of pop.indicators) {
    const input = { type: i.type as RiskIndicatorInput["type"], observedOn: i.observedOn, precision: "DAY" as const, confidence: i.confidence as RiskIndicatorInput["confidence"] };
    if (i.detainee !== null) detaineeIndicators.set(i.detainee, [...(detaineeIndicators.get(i.detainee) ?? []), input]);
    else if (i.facilityId) facilityIndicators.set(i.facilityId, [...(facilityIndicators.get(i.facilityId) ?? []), input]);
  }
  const scores = new Map<string, RiskResult>();
  for (const f of pop.facilities) {
    const k = key(f.country, f.province);
    scores.set(f.id, scoreFacility({
      type: f.type as FacilityType, country: f.country, events: byFacility.get(f.id) ?? [], indicators: facilityIndicators.get(f.id) ?? [],
      regionalEvents: k ? (byProvince.get(k) ?? []).filter((x) => x.facilityId !== f.id).map((x) => x.e) : [],
    }, now));
  }
  const fIds = [...scores.keys()];
  const day = now.toISOString().slice(0, 10);
  await runner.query(`UPDATE "DetentionFacility" AS f SET "riskScore" = u.score, "riskLevel" = u.level, "riskComputedAt" = $4::timestamp(3)
    FROM unnest($1::text[], $2::int4[], $3::text[]) AS u(id, score, level) WHERE f.id = u.id`,
  [fIds, fIds.map((i) => scores.get(i)!.score), fIds.map((i) => scores.get(i)!.level), now.toISOString()]);
  await runner.query(`INSERT INTO "FacilityRiskSnapshot" ("facilityId", "day", "score", "level")
    SELECT u.id, $4::date, u.score, u.level FROM unnest($1::text[], $2::int4[], $3::text[]) AS u(id, score, level)
    ON CONFLICT ("facilityId", "day") DO UPDATE SET "score" = EXCLUDED."score", "level" = EXCLUDED."level"`,
  [fIds, fIds.map((i) => scores.get(i)!.score), fIds.map((i) => scores.get(i)!.level), day]);

  for (let start = 0; start < pop.detaineeIds.length; start += BATCH) {
    const ids: string[] = [], s: number[] = [], l: string[] = [];
    for (let i = start; i < Math.min(pop.detaineeIds.length, start + BATCH); i++) {
      const periods = pop.custodyOf[i] ?? [];
      const open = periods.at(-1)?.to === null ? periods.at(-1)! : null;
      const previous = open && periods.length > 1 ? facility.get(periods.at(-2)!.facilityId) : undefined;
      const current = open ? facility.get(open.facilityId) : undefined;
      const result = scoreDetainee({
        status: pop.status[i]!,
        facility: open ? scores.get(open.facilityId) ?? null : null,
        daysInCustody: open ? wholeDaysSince(open.from, "DAY", now) : null,
        lastTransfer: open && current ? { fromType: (previous?.type ?? null) as FacilityType | null, toType: current.type as FacilityType, on: open.from } : null,
        indicators: detaineeIndicators.get(i) ?? [],
      }, now);
      ids.push(pop.detaineeIds[i]!);
      s.push(result.score);
      l.push(result.level);
    }
    await runner.query(`UPDATE "Detainee" AS d SET "riskScore" = u.score, "riskLevel" = u.level, "riskComputedAt" = $4::timestamp(3)
      FROM unnest($1::text[], $2::int4[], $3::text[]) AS u(id, score, level) WHERE d.id = u.id`, [ids, s, l, now.toISOString()]);
  }
}
