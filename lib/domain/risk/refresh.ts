// Keeps the cached scores current. Refresh rule (docs/risk-model.md):
//  1. every change to an input (event, indicator, custody, status) rescores, in the same
//     transaction, the facilities it touches — plus every facility in the same province, because
//     of the regional-wave term — and every detainee held in them;
//  2. once per UTC day everything is rescored (decay moves scores as time passes) and a daily
//     snapshot per facility is written; the first request of the day or `npm run risk:refresh` does it.
// Detainees whose level rises to HIGH or IMMINENT notify their lawyers, at most once per level per day.
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { notifyUsers } from "@/lib/domain/notification/notify";
import { allFacilities, expandByProvince, loadDetaineeRows, loadFacilityInputs, wholeDaysSince, type DetaineeRow } from "./inputs";
import { scoreDetainee, scoreFacility, type RiskResult } from "./model";
import type { RiskLevel } from "./weights";

export type RefreshScope = { facilityIds?: readonly string[]; detaineeIds?: readonly string[]; all?: boolean };
export type RefreshResult = { facilities: number; detainees: number; raised: number };

const RANK: Record<RiskLevel, number> = { LOW: 0, ELEVATED: 1, HIGH: 2, IMMINENT: 3 };
const rank = (level: string | null) => (level && level in RANK ? RANK[level as RiskLevel] : 0);
export const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/** Rescore inside the caller's transaction (rule 1). */
export async function refreshRisk(tx: Tx, scope: RefreshScope, now: Date = new Date(), opts: { notify?: boolean } = {}): Promise<RefreshResult> {
  let facilityRows;
  if (scope.all) {
    facilityRows = await allFacilities(tx);
  } else {
    const ids = new Set(scope.facilityIds ?? []);
    if (scope.detaineeIds?.length) {
      const open = await tx.custodyPeriod.findMany({ where: { detaineeId: { in: [...scope.detaineeIds] }, toDate: null }, select: { facilityId: true } });
      for (const c of open) ids.add(c.facilityId);
    }
    facilityRows = await expandByProvince(tx, [...ids]);
  }
  const inputs = await loadFacilityInputs(tx, facilityRows);
  const facilityScores = new Map<string, RiskResult>();
  const typeOf = new Map(facilityRows.map((f) => [f.id, f.type]));
  for (const f of facilityRows) facilityScores.set(f.id, scoreFacility(inputs.get(f.id)!, now));

  if (facilityScores.size > 0) {
    const ids = [...facilityScores.keys()];
    const scores = ids.map((id) => facilityScores.get(id)!.score);
    const levels = ids.map((id) => facilityScores.get(id)!.level);
    await tx.$executeRaw`
      UPDATE "DetentionFacility" AS f SET "riskScore" = u.score, "riskLevel" = u.level, "riskComputedAt" = ${now}
      FROM unnest(${ids}::text[], ${scores}::int[], ${levels}::text[]) AS u(id, score, level) WHERE f.id = u.id`;
    const day = utcDay(now).toISOString().slice(0, 10);
    await tx.$executeRaw`
      INSERT INTO "FacilityRiskSnapshot" ("facilityId", "day", "score", "level")
      SELECT u.id, ${day}::date, u.score, u.level FROM unnest(${ids}::text[], ${scores}::int[], ${levels}::text[]) AS u(id, score, level)
      ON CONFLICT ("facilityId", "day") DO UPDATE SET "score" = EXCLUDED."score", "level" = EXCLUDED."level"`;
  }

  const detainees = await loadDetaineeRows(tx, scope.all ? { all: true } : { ids: scope.detaineeIds, facilityIds: [...facilityScores.keys()] });
  const results = detainees.map((d) => ({ d, r: scoreDetaineeRow(d, facilityScores, typeOf, now) }));
  if (results.length > 0) {
    await tx.$executeRaw`
      UPDATE "Detainee" AS d SET "riskScore" = u.score, "riskLevel" = u.level, "riskComputedAt" = ${now}
      FROM unnest(${results.map((x) => x.d.id)}::text[], ${results.map((x) => x.r.score)}::int[], ${results.map((x) => x.r.level)}::text[]) AS u(id, score, level)
      WHERE d.id = u.id`;
  }
  const raised = results.filter(({ d, r }) => RANK[r.level] >= RANK.HIGH && RANK[r.level] > rank(d.riskLevel));
  if (opts.notify !== false) for (const { d, r } of raised) await notifyRiskRaised(tx, d, r.level, now);
  return { facilities: facilityScores.size, detainees: results.length, raised: raised.length };
}

function scoreDetaineeRow(d: DetaineeRow, facilities: Map<string, RiskResult>, typeOf: Map<string, string>, now: Date): RiskResult {
  const facility = d.current ? facilities.get(d.current.facilityId) ?? null : null;
  const toType = d.current ? typeOf.get(d.current.facilityId) : undefined;
  return scoreDetainee({
    status: d.status,
    facility,
    daysInCustody: d.current ? wholeDaysSince(d.current.fromDate, d.current.fromPrecision, now) : null,
    lastTransfer: d.current && toType ? { fromType: d.previousType, toType: toType as never, on: d.current.fromDate } : null,
    indicators: d.indicators,
  }, now);
}

/** The case's assigned lawyers; when nobody is assigned, the team's lawyers (someone must hear). */
export async function caseFollowers(tx: Tx, detaineeId: string, teamId: string): Promise<string[]> {
  const assigned = await tx.detaineeAssignment.findMany({ where: { detaineeId, user: { disabledAt: null } }, select: { userId: true } });
  if (assigned.length > 0) return assigned.map((a) => a.userId);
  const lawyers = await tx.teamMembership.findMany({ where: { teamId, user: { disabledAt: null, role: "LAWYER" } }, select: { userId: true } });
  return lawyers.map((l) => l.userId);
}

async function notifyRiskRaised(tx: Tx, d: DetaineeRow, level: RiskLevel, now: Date): Promise<void> {
  const c = await tx.detainee.findUniqueOrThrow({ where: { id: d.id }, select: { caseNumber: true } });
  await notifyUsers(tx, await caseFollowers(tx, d.id, d.teamId), {
    kind: "RISK_RAISED",
    messageKey: "riskRaised",
    params: { caseNumber: c.caseNumber, level },
    href: `/detainees/${d.id}`,
    dedupeKey: `risk:${d.id}:${level}:${utcDay(now).toISOString().slice(0, 10)}`,
  });
}

/**
 * Rule 2: the daily full rescore, run by whoever first notices it is due. An advisory lock keeps
 * two app instances from doing it at once; the loser just skips (the winner's result is the same).
 */
export async function refreshRiskIfStale(now: Date = new Date()): Promise<RefreshResult | null> {
  const dayStart = utcDay(now);
  const stale = await prisma().detentionFacility.findFirst({
    where: { archivedAt: null, OR: [{ riskComputedAt: null }, { riskComputedAt: { lt: dayStart } }] },
    select: { id: true },
  });
  if (!stale) return null;
  return prisma().$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(7201) AS ok`;
    if (!lock?.ok) return null;
    return refreshRisk(tx, { all: true }, now);
  }, { timeout: 120_000 });
}
