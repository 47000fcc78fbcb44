// Keeps the stored scores current. Refresh rule (docs/risk-model.md):
//  1. every change to an input (event, indicator, custody, status) rescores, in the same
//     transaction, the facilities it touches — plus every facility in the same province, because
//     of the regional-wave term — and every person held in them;
//  2. once per UTC day everything is rescored (decay moves scores as time passes) and a daily
//     snapshot per facility is written, by the daily job (lib/jobs/daily.ts), never by a request.
// With each score go its explanation (./stored) and, for facilities, the 180-day history
// (./history), so pages read them instead of recomputing. People are read and written in chunks
// (./inputs DETAINEE_CHUNK) with array parameters, and only rows whose score or explanation
// changed are written. Detainees whose level rises to HIGH or IMMINENT notify their lawyers, at
// most once per level per day.
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { runOncePerDay } from "@/lib/jobs/lease";
import { jobDuty, pacer, yieldEvery } from "@/lib/jobs/yield";
import { allFacilities, detaineeIdChunks, expandByProvince, loadDetaineeRows, loadFacilityInputs, wholeDaysSince, type DetaineeRow, type FacilityRow } from "./inputs";
import { scoreDetainee, scoreFacility, type RiskResult } from "./model";
import { computeHistory, extendHistory } from "./history";
import { toStoredExplanation } from "./stored";
import type { RiskLevel } from "./weights";

export type RefreshScope = { facilityIds?: readonly string[]; detaineeIds?: readonly string[]; all?: boolean };
export type RefreshResult = { facilities: number; detainees: number; written: number; raised: number };

const RANK: Record<RiskLevel, number> = { LOW: 0, ELEVATED: 1, HIGH: 2, IMMINENT: 3 };
const rank = (level: string | null) => (level && level in RANK ? RANK[level as RiskLevel] : 0);
export const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/**
 * Options for a transaction that may rescore a province and everyone held there (events,
 * facility edits, facility indicators): at 70,000 people that is seconds, not milliseconds
 * (docs/performance.md), so such writes get a longer budget than the 5 s default.
 */
export const RESCORE_TX = { timeout: 120_000, maxWait: 10_000 } as const;

type Writer = (work: (tx: Tx) => Promise<void>) => Promise<void>;
/** Facilities written per statement (and, in the daily pass, per transaction). */
const FACILITY_CHUNK = 500;

type FacilityScores = { scores: Map<string, RiskResult>; typeOf: Map<string, FacilityRow["type"]> };

/**
 * Score facilities and write score, explanation, history and today's snapshot. `recompute`
 * names the facilities whose inputs changed (their whole history is rebuilt); the others only
 * gain today's point.
 */
async function rescoreFacilities(tx: Tx, rows: FacilityRow[], now: Date, recompute: ReadonlySet<string> | "all-extend", all = false, write: Writer = (work) => work(tx)): Promise<FacilityScores> {
  const scores = new Map<string, RiskResult>();
  const typeOf = new Map(rows.map((f) => [f.id, f.type]));
  if (rows.length === 0) return { scores, typeOf };
  const inputs = await loadFacilityInputs(tx, rows, { all });
  const stored = recompute === "all-extend" || rows.some((f) => !recompute.has(f.id))
    ? new Map((await tx.$queryRaw<{ id: string; riskHistory: unknown }[]>`
        SELECT id, "riskHistory" FROM "DetentionFacility" WHERE id = ANY(${rows.map((f) => f.id)}::text[])`).map((r) => [r.id, r.riskHistory]))
    : new Map<string, unknown>();
  const ids: string[] = [], values: number[] = [], levels: string[] = [], explanations: string[] = [], histories: string[] = [];
  for (const [i, f] of rows.entries()) {
    await yieldEvery(i, 25); // a facility's history costs up to a few ms of CPU
    const input = inputs.get(f.id)!;
    const r = scoreFacility(input, now);
    scores.set(f.id, r);
    const history = recompute !== "all-extend" && recompute.has(f.id) ? computeHistory(input, now) : extendHistory(stored.get(f.id), input, now);
    ids.push(f.id); values.push(r.score); levels.push(r.level);
    explanations.push(JSON.stringify(toStoredExplanation(r, now)));
    histories.push(JSON.stringify(history));
  }
  const day = utcDay(now).toISOString().slice(0, 10);
  // Computed above with no transaction open in the daily pass; written FACILITY_CHUNK at a time.
  for (let i = 0; i < ids.length; i += FACILITY_CHUNK) {
    const part = <T,>(xs: T[]) => xs.slice(i, i + FACILITY_CHUNK);
    await write(async (t) => {
      await t.$executeRaw`
        UPDATE "DetentionFacility" AS f SET "riskScore" = u.score, "riskLevel" = u.level, "riskComputedAt" = ${now},
          "riskExplanation" = u.expl::jsonb, "riskHistory" = u.hist::jsonb
        FROM unnest(${part(ids)}::text[], ${part(values)}::int[], ${part(levels)}::text[], ${part(explanations)}::text[], ${part(histories)}::text[]) AS u(id, score, level, expl, hist)
        WHERE f.id = u.id`;
      await t.$executeRaw`
        INSERT INTO "FacilityRiskSnapshot" ("facilityId", "day", "score", "level")
        SELECT u.id, ${day}::date, u.score, u.level FROM unnest(${part(ids)}::text[], ${part(values)}::int[], ${part(levels)}::text[]) AS u(id, score, level)
        ON CONFLICT ("facilityId", "day") DO UPDATE SET "score" = EXCLUDED."score", "level" = EXCLUDED."level"`;
    });
  }
  return { scores, typeOf };
}

/** Score one chunk of people against the given facility scores; write the rows that changed. */
async function rescoreDetaineeChunk(tx: Tx, ids: string[], facilities: FacilityScores, now: Date, notify: boolean): Promise<{ scored: number; written: number; raised: number }> {
  const people = await loadDetaineeRows(tx, ids);
  // People held at a facility outside the set just scored use its stored score.
  const missing = [...new Set(people.flatMap((p) => (p.current && !facilities.scores.has(p.current.facilityId) ? [p.current.facilityId] : [])))];
  if (missing.length > 0) {
    const extra = await tx.$queryRaw<FacilityRow[]>`SELECT id, type::text AS type, country, province FROM "DetentionFacility" WHERE id = ANY(${missing}::text[])`;
    const inputs = await loadFacilityInputs(tx, extra);
    for (const f of extra) {
      facilities.scores.set(f.id, scoreFacility(inputs.get(f.id)!, now));
      facilities.typeOf.set(f.id, f.type);
    }
  }
  const results: { d: DetaineeRow; r: RiskResult }[] = [];
  for (const [i, d] of people.entries()) {
    await yieldEvery(i, 250);
    results.push({ d, r: scoreDetaineeRow(d, facilities, now) });
  }
  if (results.length === 0) return { scored: 0, written: 0, raised: 0 };
  const written = await tx.$executeRaw`
    UPDATE "Detainee" AS d SET "riskScore" = u.score, "riskLevel" = u.level, "riskExplanation" = u.expl::jsonb, "riskComputedAt" = ${now}
    FROM unnest(${results.map((x) => x.d.id)}::text[], ${results.map((x) => x.r.score)}::int[], ${results.map((x) => x.r.level)}::text[],
                ${results.map((x) => JSON.stringify(toStoredExplanation(x.r, now)))}::text[]) AS u(id, score, level, expl)
    WHERE d.id = u.id AND (d."riskScore" IS DISTINCT FROM u.score OR d."riskLevel" IS DISTINCT FROM u.level OR d."riskExplanation" IS DISTINCT FROM u.expl::jsonb)`;
  const raised = results.filter(({ d, r }) => RANK[r.level] >= RANK.HIGH && RANK[r.level] > rank(d.riskLevel));
  if (notify) await notifyRiskRaised(tx, raised.map(({ d, r }) => ({ d, level: r.level })), now);
  return { scored: results.length, written, raised: raised.length };
}

/**
 * Rescore what a change touched, inside the caller's transaction (rule 1). A change to a
 * facility's inputs (`facilityIds`) rescores it and its province — scores, explanations and whole
 * histories — and everyone held there. A change about people (`detaineeIds`: custody, status,
 * their own indicators, a CSV import) rescores only them: a facility's score does not depend on
 * who is held there. Their facilities are scored afresh for them; one never scored before is
 * stored too (with its province), so it has a score to show.
 */
export async function refreshRisk(tx: Tx, scope: RefreshScope, now: Date = new Date(), opts: { notify?: boolean } = {}): Promise<RefreshResult> {
  if (scope.all) return rescoreEverything(now, opts, tx);
  const people = [...(scope.detaineeIds ?? [])];
  const changed = [...(scope.facilityIds ?? [])];
  if (people.length > 0) {
    const unscored = await tx.$queryRaw<{ facilityId: string }[]>`
      SELECT DISTINCT c."facilityId" FROM "CustodyPeriod" c JOIN "DetentionFacility" f ON f.id = c."facilityId"
      WHERE c."toDate" IS NULL AND f."riskScore" IS NULL AND f."archivedAt" IS NULL AND c."detaineeId" = ANY(${people}::text[])`;
    changed.push(...unscored.map((u) => u.facilityId));
  }
  const rows = await expandByProvince(tx, changed);
  const facilities = await rescoreFacilities(tx, rows, now, new Set(rows.map((f) => f.id)));
  const total = { facilities: rows.length, detainees: 0, written: 0, raised: 0 };
  for await (const chunk of detaineeIdChunks(tx, { ids: people, facilityIds: rows.map((f) => f.id) })) {
    const r = await rescoreDetaineeChunk(tx, chunk, facilities, now, opts.notify !== false);
    total.detainees += r.scored; total.written += r.written; total.raised += r.raised;
  }
  return total;
}

/**
 * Rule 2, everyone: facilities in one transaction, then people a chunk per transaction (a long
 * pass holds no lock on the whole table and a failure loses one chunk, redone next time). When a
 * transaction is given (tests, small installations) everything runs inside it.
 */
export async function rescoreEverything(now: Date = new Date(), opts: { notify?: boolean; onChunk?: () => Promise<void> } = {}, tx?: Tx): Promise<RefreshResult> {
  const inTx = <T,>(work: (t: Tx) => Promise<T>) => (tx ? work(tx) : prisma().$transaction(work, { timeout: 120_000 }));
  // Facilities: read and scored with no transaction open (2,000 histories take seconds of CPU,
  // more on a busy machine), then written in short transactions.
  const db: Tx = tx ?? prisma();
  const facilities = await rescoreFacilities(db, await allFacilities(db), now, "all-extend", true, inTx);
  const total = { facilities: facilities.scores.size, detainees: 0, written: 0, raised: 0 };
  let after: string | null = null;
  for (;;) {
    const chunk: string[] = await inTx(async (t) => {
      const ids = await nextChunk(t, after);
      if (ids.length === 0) return ids;
      const r = await rescoreDetaineeChunk(t, ids, facilities, now, opts.notify !== false);
      total.detainees += r.scored; total.written += r.written; total.raised += r.raised;
      return ids;
    });
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1]!;
    await opts.onChunk?.();
  }
  return total;
}

async function nextChunk(tx: Tx, after: string | null): Promise<string[]> {
  for await (const ids of detaineeIdChunks(tx, { all: true, after })) return ids;
  return [];
}

function scoreDetaineeRow(d: DetaineeRow, facilities: FacilityScores, now: Date): RiskResult {
  const facility = d.current ? facilities.scores.get(d.current.facilityId) ?? null : null;
  const toType = d.current ? facilities.typeOf.get(d.current.facilityId) : undefined;
  return scoreDetainee({
    status: d.status,
    facility,
    daysInCustody: d.current ? wholeDaysSince(d.current.fromDate, d.current.fromPrecision, now) : null,
    lastTransfer: d.current && toType ? { fromType: d.previousType, toType, on: d.current.fromDate } : null,
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

/**
 * RISK_RAISED notices for many people at once (a return where thousands are held): followers
 * and case numbers in three array-parameter reads, notices in batches. Same rule as
 * caseFollowers: the assigned lawyers, else the team's lawyers.
 */
async function notifyRiskRaised(tx: Tx, raised: { d: DetaineeRow; level: RiskLevel }[], now: Date): Promise<void> {
  if (raised.length === 0) return;
  const ids = raised.map((x) => x.d.id);
  const [assigned, numbers] = await Promise.all([
    tx.$queryRaw<{ detaineeId: string; userId: string }[]>`
      SELECT a."detaineeId", a."userId" FROM "DetaineeAssignment" a JOIN "User" u ON u.id = a."userId"
      WHERE u."disabledAt" IS NULL AND a."detaineeId" = ANY(${ids}::text[])`,
    tx.$queryRaw<{ id: string; caseNumber: string }[]>`SELECT id, "caseNumber" FROM "Detainee" WHERE id = ANY(${ids}::text[])`,
  ]);
  const followers = new Map<string, string[]>();
  for (const a of assigned) followers.set(a.detaineeId, [...(followers.get(a.detaineeId) ?? []), a.userId]);
  const teams = [...new Set(raised.filter((x) => !followers.has(x.d.id)).map((x) => x.d.teamId))];
  const lawyers = new Map<string, string[]>();
  if (teams.length > 0) {
    const rows = await tx.$queryRaw<{ teamId: string; userId: string }[]>`
      SELECT m."teamId", m."userId" FROM "TeamMembership" m JOIN "User" u ON u.id = m."userId"
      WHERE u."disabledAt" IS NULL AND u.role = 'LAWYER' AND m."teamId" = ANY(${teams}::text[])`;
    for (const r of rows) lawyers.set(r.teamId, [...(lawyers.get(r.teamId) ?? []), r.userId]);
  }
  const caseNumber = new Map(numbers.map((n) => [n.id, n.caseNumber]));
  const day = utcDay(now).toISOString().slice(0, 10);
  const notices = raised.flatMap(({ d, level }) => [...new Set(followers.get(d.id) ?? lawyers.get(d.teamId) ?? [])].map((userId) => ({
    userId, kind: "RISK_RAISED" as const, title: "riskRaised", params: { caseNumber: caseNumber.get(d.id) ?? "", level },
    href: `/detainees/${d.id}`, dedupeKey: `risk:${d.id}:${level}:${day}`,
  })));
  for (let i = 0; i < notices.length; i += 1000) await tx.notification.createMany({ data: notices.slice(i, i + 1000), skipDuplicates: true });
}

/**
 * Rule 2 as a job: the whole rescore, once per UTC day across every instance (lib/jobs/lease.ts);
 * null when today's has been done or another instance is doing it.
 */
export async function refreshRiskIfStale(now: Date = new Date()): Promise<RefreshResult | null> {
  // Paced (lib/jobs/yield.ts): the day's first visitors share the machine with it.
  const pace = pacer(jobDuty());
  return runOncePerDay("risk-daily", now, (renew) => rescoreEverything(now, { onChunk: async () => { await renew(); await pace(); } }));
}
