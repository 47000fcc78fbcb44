// Walks the sealed audit log in chain order (seq), in pages, recomputing the hash chain; then
// reports the rows still pending (appended, not yet sealed: see ./seal.ts). A pending row older
// than a few minutes means no sealer has run (or one keeps failing) and is flagged.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findChainBreak, GENESIS_HASH, type AuditRow } from "./chain";

export const PENDING_STALE_MS = 5 * 60_000;

export type AuditChainBreak = { id: bigint; seq: bigint | null; reason: string };

export type AuditVerification = {
  /** Sealed rows verified (before the break, if any). */
  rows: number;
  broken: AuditChainBreak | null;
  pending: {
    count: number;
    /** `at` of the oldest pending row. */
    oldestAt: Date | null;
    oldestAgeMs: number | null;
    /** Some pending row is older than `staleAfterMs`: the sealer is not keeping up. */
    stale: boolean;
  };
};

type Db = Pick<PrismaClient, "auditLog" | "$queryRaw">;

export async function verifyAuditChain(
  db: Db,
  opts: { pageSize?: number; staleAfterMs?: number; now?: Date } = {},
): Promise<AuditVerification> {
  const pageSize = opts.pageSize ?? 5000;
  const pending = await pendingRows(db, opts.staleAfterMs ?? PENDING_STALE_MS, opts.now ?? new Date());
  let prev = GENESIS_HASH;
  let expectedSeq = 1n;
  let after: bigint | null = null;
  let rows = 0;
  for (;;) {
    const page: Awaited<ReturnType<typeof db.auditLog.findMany>> = await db.auditLog.findMany({
      where: { seq: after === null ? { not: null } : { gt: after } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    if (page.length === 0) return { rows, broken: null, pending };
    const chained: AuditRow[] = [];
    for (const r of page) {
      // The database keeps seq, prevHash and hash set together; a row without them is damage.
      if (r.seq !== expectedSeq || r.prevHash === null || r.hash === null) {
        const broken = findChainBreak(chained, prev);
        if (broken) return { rows: rows + chained.findIndex((c) => c.id === broken.id), broken: withSeq(broken, page), pending };
        const reason = r.seq !== expectedSeq ? `chain position ${r.seq} where ${expectedSeq} was expected (a sealed row is missing or was renumbered)` : "sealed row without a hash";
        return { rows: rows + chained.length, broken: { id: r.id, seq: r.seq, reason }, pending };
      }
      chained.push({ ...r, prevHash: r.prevHash, hash: r.hash });
      expectedSeq += 1n;
    }
    const broken = findChainBreak(chained, prev);
    if (broken) return { rows: rows + chained.findIndex((c) => c.id === broken.id), broken: withSeq(broken, page), pending };
    rows += page.length;
    const last = page[page.length - 1]!;
    prev = last.hash!;
    after = last.seq!;
  }
}

function withSeq(broken: { id: bigint; reason: string }, page: { id: bigint; seq: bigint | null }[]): AuditChainBreak {
  return { ...broken, seq: page.find((r) => r.id === broken.id)?.seq ?? null };
}

async function pendingRows(db: Db, staleAfterMs: number, now: Date): Promise<AuditVerification["pending"]> {
  const [row] = await db.$queryRaw<{ count: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS count, min("at") AS oldest FROM "AuditLog" WHERE "seq" IS NULL`;
  const count = row?.count ?? 0;
  const oldestAt = row?.oldest ?? null;
  const oldestAgeMs = oldestAt ? Math.max(0, now.getTime() - oldestAt.getTime()) : null;
  return { count, oldestAt, oldestAgeMs, stale: oldestAgeMs !== null && oldestAgeMs > staleAfterMs };
}
