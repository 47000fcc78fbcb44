// Walks the sealed audit log in chain order (seq), in pages, recomputing the keyed hash chain
// (lib/audit/chain.ts) and comparing it with every signed checkpoint (lib/audit/checkpoint.ts);
// then reports the rows still pending (appended, not yet sealed: see ./seal.ts). A pending row
// older than a few minutes means no sealer has run (or one keeps failing) and is flagged.
//
// What fails (S19): a row whose content, link or position changed; a row whose hash is not the
// HMAC under HAVEN_AUDIT_KEY (a chain recomputed with plain SHA-256 or another key), except the
// legacy rows before a keyed adoption row; a checkpoint with a wrong signature, or whose position
// is beyond the last row (the newest rows were dropped), or whose hash differs from the row there.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditHash, auditKey, chainRowProblem, GENESIS_HASH, LEGACY_ADOPTION_ACTION } from "./chain";
import { checkAuditCheckpoint, type CheckpointLine } from "./checkpoint";

export const PENDING_STALE_MS = 5 * 60_000;

/** The first bad row: its id and chain position (id null when the row is missing altogether). */
export type AuditChainBreak = { id: bigint | null; seq: bigint | null; reason: string };

export type AuditVerification = {
  /** Sealed rows verified (before the break, if any). */
  rows: number;
  broken: AuditChainBreak | null;
  /** The last sealed row's position and hash (what a checkpoint records). */
  head: { seq: bigint; hash: string };
  /** Rows up to this position were sealed with plain SHA-256 before the key existed (0: none). */
  legacyUntilSeq: bigint;
  /** Checkpoints compared with the chain. */
  checkpoints: number;
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

export type VerifyOptions = {
  pageSize?: number;
  staleAfterMs?: number;
  now?: Date;
  /** Default: HAVEN_AUDIT_KEY. */
  key?: Buffer;
  /** The checkpoint file's lines (readAuditCheckpoints); each must be signed and match the chain. */
  checkpoints?: CheckpointLine[];
  /**
   * Start after this (already checkpointed) position instead of the genesis: the row there must
   * still have this hash. Used before writing a new checkpoint; `audit:verify` walks everything.
   */
  from?: { seq: bigint; hash: string };
};

export async function verifyAuditChain(db: Db, opts: VerifyOptions = {}): Promise<AuditVerification> {
  const key = opts.key ?? auditKey();
  const pageSize = opts.pageSize ?? 5000;
  const pending = await pendingRows(db, opts.staleAfterMs ?? PENDING_STALE_MS, opts.now ?? new Date());
  const from = opts.from ?? { seq: 0n, hash: GENESIS_HASH };
  let rows = 0;
  let legacyUntilSeq = 0n;
  let checkpoints = 0;
  const result = (broken: AuditChainBreak | null, head = from): AuditVerification => ({ rows, broken, head, legacyUntilSeq, checkpoints, pending });

  // Checkpoints: every line must be signed with the key; then they are compared row by row.
  const expected = new Map<bigint, { hash: string; at: string }[]>();
  for (const l of opts.checkpoints ?? []) {
    const c = checkAuditCheckpoint(key, l);
    if (!c.ok) return result({ id: null, seq: null, reason: c.reason });
    const list = expected.get(c.seq) ?? [];
    list.push({ hash: c.hash, at: c.at });
    expected.set(c.seq, list);
    checkpoints++;
  }

  // The legacy boundary comes only from a row that carries a valid HMAC: without the key nobody
  // can write one, move it, or claim more rows as legacy.
  let legacyHead: string | null = null;
  const adoption = await db.auditLog.findFirst({ where: { action: LEGACY_ADOPTION_ACTION, seq: { not: null } }, orderBy: { seq: "asc" } });
  if (adoption) {
    const meta = adoption.meta as { legacyUntilSeq?: unknown; legacyHeadHash?: unknown } | null;
    const n = typeof meta?.legacyUntilSeq === "string" && /^\d{1,19}$/.test(meta.legacyUntilSeq) ? BigInt(meta.legacyUntilSeq) : null;
    if (adoption.prevHash === null || adoption.hash === null || auditHash(adoption.prevHash, adoption, key) !== adoption.hash) {
      return result({ id: adoption.id, seq: adoption.seq, reason: "the legacy adoption row is not keyed with HAVEN_AUDIT_KEY (forged or altered)" });
    }
    if (n === null || n >= adoption.seq! || typeof meta?.legacyHeadHash !== "string") {
      return result({ id: adoption.id, seq: adoption.seq, reason: "the legacy adoption row does not name a chain position before itself" });
    }
    legacyUntilSeq = n;
    legacyHead = meta.legacyHeadHash;
  }

  let prev = from.hash;
  let expectedSeq = from.seq + 1n;
  if (from.seq > 0n) {
    // The checkpointed row itself: still there, same hash, and its content still matches it.
    const start = await db.auditLog.findUnique({ where: { seq: from.seq } });
    const problem = !start ? "is missing" : start.hash !== from.hash || start.prevHash === null ? "no longer has the checkpointed hash"
      : chainRowProblem({ ...start, seq: from.seq, prevHash: start.prevHash, hash: start.hash }, start.prevHash, { key, legacyUntilSeq });
    if (problem) return result({ id: start?.id ?? null, seq: from.seq, reason: `the row at chain position ${from.seq} ${problem}` });
  }
  for (;;) {
    const page = await db.auditLog.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: pageSize });
    for (const r of page) {
      // The database keeps seq, prevHash and hash set together; a row without them is damage.
      if (r.seq !== expectedSeq) {
        return result({ id: r.id, seq: r.seq, reason: `chain position ${r.seq} where ${expectedSeq} was expected (a sealed row is missing or was renumbered)` });
      }
      if (r.prevHash === null || r.hash === null) return result({ id: r.id, seq: r.seq, reason: "sealed row without a hash" });
      const problem = chainRowProblem({ ...r, seq: r.seq, prevHash: r.prevHash, hash: r.hash }, prev, { key, legacyUntilSeq });
      if (problem) return result({ id: r.id, seq: r.seq, reason: problem });
      if (r.seq === legacyUntilSeq && legacyHead !== r.hash) return result({ id: r.id, seq: r.seq, reason: "the last legacy row is not the one the adoption row recorded" });
      for (const c of expected.get(r.seq) ?? []) {
        if (c.hash !== r.hash) return result({ id: r.id, seq: r.seq, reason: `hash differs from the checkpoint of ${c.at}: the chain was rewritten from here` });
      }
      prev = r.hash;
      expectedSeq += 1n;
      rows++;
    }
    if (page.length < pageSize) break;
  }
  const last = expectedSeq - 1n;
  const head = { seq: last, hash: prev };
  // Checkpoints beyond the end: the newest rows were removed (what remains still links up).
  const beyond = [...expected.entries()].filter(([seq]) => seq > last).sort(([a], [b]) => (a < b ? -1 : 1))[0];
  if (beyond) {
    return result({ id: null, seq: last + 1n, reason: `the checkpoint of ${beyond[1][0]!.at} records chain position ${beyond[0]}, but the chain ends at ${last}: sealed rows were removed` }, head);
  }
  if (legacyUntilSeq > last) return result({ id: null, seq: last + 1n, reason: `the legacy adoption row records position ${legacyUntilSeq}, but the chain ends at ${last}` }, head);
  return result(null, head);
}

async function pendingRows(db: Db, staleAfterMs: number, now: Date): Promise<AuditVerification["pending"]> {
  const [row] = await db.$queryRaw<{ count: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS count, min("at") AS oldest FROM "AuditLog" WHERE "seq" IS NULL`;
  const count = row?.count ?? 0;
  const oldestAt = row?.oldest ?? null;
  const oldestAgeMs = oldestAt ? Math.max(0, now.getTime() - oldestAt.getTime()) : null;
  return { count, oldestAt, oldestAgeMs, stale: oldestAgeMs !== null && oldestAgeMs > staleAfterMs };
}
