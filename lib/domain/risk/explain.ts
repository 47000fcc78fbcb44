// Scores with their explanation, computed live from the same inputs the refresh uses, for the
// pages that show "why". Callers pass ids they already obtained through a scoped query
// (getDetainee, listDetainees…): these functions do not scope detainees themselves.
import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/db/client";
import { loadDetaineeRows, loadFacilityInputs, inputsAsOf, wholeDaysSince, type FacilityRow } from "./inputs";
import { scoreDetainee, scoreFacility, type RiskResult } from "./model";
import { MS_PER_DAY } from "./weights";

export type RiskPoint = { day: string; score: number; level: RiskResult["level"] };

async function facilityRows(ids: readonly string[]): Promise<FacilityRow[]> {
  if (ids.length === 0) return [];
  return prisma().detentionFacility.findMany({ where: { id: { in: [...ids] } }, select: { id: true, type: true, country: true, province: true } });
}

/** A facility's current score and why; null for an unknown id. */
export const explainFacility = cache(async (facilityId: string, now: Date = new Date()): Promise<RiskResult | null> => {
  const rows = await facilityRows([facilityId]);
  if (rows.length === 0) return null;
  const inputs = await loadFacilityInputs(prisma(), rows);
  return scoreFacility(inputs.get(facilityId)!, now);
});

/**
 * The last `days` days of a facility's score, recomputed from the records as they stand (what
 * was known to have happened by each day, with today's weights), plus the daily snapshots that
 * were actually shown then. Recomputing keeps the chart whole from the first day Haven runs.
 */
export async function facilityRiskHistory(facilityId: string, days = 180, now: Date = new Date()): Promise<{ recomputed: RiskPoint[]; snapshots: RiskPoint[] }> {
  const rows = await facilityRows([facilityId]);
  if (rows.length === 0) return { recomputed: [], snapshots: [] };
  const input = (await loadFacilityInputs(prisma(), rows)).get(facilityId)!;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const recomputed: RiskPoint[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(today - i * MS_PER_DAY);
    const r = scoreFacility(inputsAsOf(input, day), day);
    recomputed.push({ day: day.toISOString().slice(0, 10), score: r.score, level: r.level });
  }
  const from = new Date(today - (days - 1) * MS_PER_DAY);
  const snaps = await prisma().facilityRiskSnapshot.findMany({ where: { facilityId, day: { gte: from } }, orderBy: { day: "asc" } });
  return { recomputed, snapshots: snaps.map((s) => ({ day: s.day.toISOString().slice(0, 10), score: s.score, level: s.level as RiskPoint["level"] })) };
}

/** Scores with explanations for detainees the caller may already see (ids from a scoped query). */
export async function explainDetainees(detaineeIds: readonly string[], now: Date = new Date()): Promise<Map<string, RiskResult>> {
  const out = new Map<string, RiskResult>();
  if (detaineeIds.length === 0) return out;
  const people = await loadDetaineeRows(prisma(), { ids: detaineeIds });
  const facilityIds = [...new Set(people.flatMap((p) => (p.current ? [p.current.facilityId] : [])))];
  const rows = await facilityRows(facilityIds);
  const inputs = await loadFacilityInputs(prisma(), rows);
  const typeOf = new Map(rows.map((f) => [f.id, f.type]));
  const facilityScore = new Map(rows.map((f) => [f.id, scoreFacility(inputs.get(f.id)!, now)]));
  for (const p of people) {
    const toType = p.current ? typeOf.get(p.current.facilityId) : undefined;
    out.set(p.id, scoreDetainee({
      status: p.status,
      facility: p.current ? facilityScore.get(p.current.facilityId) ?? null : null,
      daysInCustody: p.current ? wholeDaysSince(p.current.fromDate, p.current.fromPrecision, now) : null,
      lastTransfer: p.current && toType ? { fromType: p.previousType, toType, on: p.current.fromDate } : null,
      indicators: p.indicators,
    }, now));
  }
  return out;
}
