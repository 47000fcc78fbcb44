// Scores with their explanation and history as stored by ./refresh, for the pages that show
// "why". Nothing here recomputes: a page costs the same whatever the number of events. Callers
// pass ids they already obtained through a scoped query (getDetainee, listDetainees…): these
// functions do not scope detainees themselves.
import "server-only";
import { cache } from "react";
import { prisma } from "@/lib/db/client";
import { levelFor, type RiskResult } from "./model";
import { fromStoredExplanation } from "./stored";
import { HISTORY_DAYS, historyPoints, type RiskPoint } from "./history";
import { MS_PER_DAY } from "./weights";

export type { RiskPoint } from "./history";

/** A facility's current score and why; null for an unknown or never-scored facility. */
export const explainFacility = cache(async (facilityId: string, now: Date = new Date()): Promise<RiskResult | null> => {
  const f = await prisma().detentionFacility.findUnique({ where: { id: facilityId }, select: { riskScore: true, riskExplanation: true } });
  return f ? fromStoredExplanation(f.riskExplanation, f.riskScore, now) : null;
});

/**
 * The last `days` days of a facility's score (stored history: what was known to have happened
 * by each day, with today's weights), plus the daily snapshots that were actually shown then.
 */
export async function facilityRiskHistory(facilityId: string, days = HISTORY_DAYS, now: Date = new Date()): Promise<{ recomputed: RiskPoint[]; snapshots: RiskPoint[] }> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - (days - 1) * MS_PER_DAY);
  const [f, snaps] = await Promise.all([
    prisma().detentionFacility.findUnique({ where: { id: facilityId }, select: { riskHistory: true } }),
    prisma().facilityRiskSnapshot.findMany({ where: { facilityId, day: { gte: from } }, orderBy: { day: "asc" }, select: { day: true, score: true, level: true } }),
  ]);
  return {
    recomputed: historyPoints(f?.riskHistory, now, days, levelFor),
    snapshots: snaps.map((s) => ({ day: s.day.toISOString().slice(0, 10), score: s.score, level: s.level as RiskPoint["level"] })),
  };
}

/** Stored scores with explanations for detainees the caller may already see (ids from a scoped query, one page at most). */
export async function explainDetainees(detaineeIds: readonly string[], now: Date = new Date()): Promise<Map<string, RiskResult>> {
  const out = new Map<string, RiskResult>();
  if (detaineeIds.length === 0) return out;
  const rows = await prisma().$queryRaw<{ id: string; riskScore: number | null; riskExplanation: unknown }[]>`
    SELECT id, "riskScore", "riskExplanation" FROM "Detainee" WHERE id = ANY(${[...detaineeIds]}::text[])`;
  for (const r of rows) {
    const result = fromStoredExplanation(r.riskExplanation, r.riskScore, now);
    if (result) out.set(r.id, result);
  }
  return out;
}
