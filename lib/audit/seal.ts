// Sealing the audit chain (S19). recordAudit appends rows *pending* — seq, prevHash and hash NULL —
// inside the writer's own transaction and takes no lock, so a restricted view or a change never
// waits on other people's audit rows. The sealer then gives committed pending rows, in id order,
// the next chain positions (seq 1, 2, 3… without gaps) and their hashes, a batch per short
// transaction, under a transaction-scoped advisory lock that only sealers take. A transaction that
// commits late simply has its rows sealed later, after rows with higher ids: the chain's order is
// seq, not id, so id gaps from transactions still in flight never break it.
//
// The database trigger allows exactly this update and nothing else (the audit_sealing migration).
// The hashes are computed here, in the app, by lib/audit/chain.ts: an HMAC under HAVEN_AUDIT_KEY,
// a secret the database never sees, so whoever controls the database cannot recompute them.
//
// Who seals: a pass kicked in the background by every audit write of a server process
// (requestAuditSeal, coalesced, never awaited by a request), `npm run audit:verify` (seals before
// verifying) and anything else that calls sealAuditLog (the daily job).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { auditHash, auditKey, GENESIS_HASH } from "./chain";

// Any constant works; it only has to be the same for every sealer. Writers never take it.
export const AUDIT_SEAL_LOCK = 727_3001;
/** Rows per sealing transaction: keeps each one short (milliseconds), whatever the backlog. */
export const AUDIT_SEAL_BATCH = 500;

type Db = Pick<PrismaClient, "$transaction" | "auditLog">;

export type SealResult = {
  /** Rows sealed by this call. */
  sealed: number;
  /** Another sealer held the lock, so this call stopped (its rows will be sealed by that one or the next pass). */
  busy: boolean;
  /** Stopped at maxBatches with pending rows left. */
  more: boolean;
};

/** The last sealed row's position and hash (where the next sealed row chains on), or the genesis. */
export async function auditChainHead(db: Pick<PrismaClient, "auditLog">): Promise<{ seq: bigint; hash: string }> {
  const head = await db.auditLog.findFirst({ where: { seq: { not: null } }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  if (!head) return { seq: 0n, hash: GENESIS_HASH };
  if (head.seq === null || head.hash === null) throw new Error("audit chain head has no hash");
  return { seq: head.seq, hash: head.hash };
}

/**
 * Seals committed pending rows in id order, `batchSize` per transaction, until none are left (or
 * `maxBatches` transactions ran). Without `wait` it gives up at once when another sealer holds the
 * lock (`busy`); with it, it queues behind that sealer (scripts and tests that need everything
 * sealed before they read hashes).
 */
export async function sealAuditLog(
  db: Db = prisma(),
  opts: { wait?: boolean; batchSize?: number; maxBatches?: number; key?: Buffer } = {},
): Promise<SealResult> {
  const key = opts.key ?? auditKey(); // (throws a clear message when HAVEN_AUDIT_KEY is missing)
  const batchSize = opts.batchSize ?? AUDIT_SEAL_BATCH;
  const maxBatches = opts.maxBatches ?? Number.POSITIVE_INFINITY;
  let sealed = 0;
  // Nothing pending (the usual case for a background pass): one index probe, no transaction.
  if (!(await db.auditLog.findFirst({ where: { seq: null }, select: { id: true } }))) return { sealed, busy: false, more: false };
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = await db.$transaction(async (tx) => {
      if (opts.wait) {
        await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${AUDIT_SEAL_LOCK})) AS l`;
      } else {
        const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${AUDIT_SEAL_LOCK}) AS locked`;
        if (!row?.locked) return null;
      }
      // Under the lock, each statement sees every earlier sealer's committed work (READ COMMITTED).
      const pending = await tx.auditLog.findMany({ where: { seq: null }, orderBy: { id: "asc" }, take: batchSize });
      if (pending.length === 0) return 0;
      let { seq, hash: prev } = await auditChainHead(tx);
      const ids: string[] = [];
      const seqs: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of pending) {
        seq += 1n;
        const hash = auditHash(prev, row, key);
        ids.push(row.id.toString());
        seqs.push(seq.toString());
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      const updated = await tx.$executeRaw`
        UPDATE "AuditLog" AS a SET "seq" = u.seq, "prevHash" = u.prev, "hash" = u.hash
        FROM unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) AS u(id, seq, prev, hash)
        WHERE a."id" = u.id AND a."seq" IS NULL`;
      // Every row read above is still pending (only sealers change them, and we hold the lock).
      if (updated !== pending.length) throw new Error(`audit seal: ${updated} of ${pending.length} rows updated`);
      return pending.length;
    }, { timeout: 30_000, maxWait: 10_000 });
    if (n === null) return { sealed, busy: true, more: false };
    sealed += n;
    if (n < batchSize) return { sealed, busy: false, more: false };
  }
  return { sealed, busy: false, more: true };
}

// ---------------------------------------------------------------------------------------------
// Background sealing in a server process. Every audit write calls requestAuditSeal(); a pass runs
// kickMs (100 ms) later (the writer's transaction has usually committed by then; writes in between
// share the pass). Rows whose transaction was still open, or that committed during the pass, are
// caught by follow-up passes every followUpMs (1 s) until trailingMs (30 s) after the last audit
// write; after that, a sweep every sweepMs (5 min) seals whatever scripts or a crashed process left
// pending. Nothing here is awaited by a request, and a failed pass only logs.
// ---------------------------------------------------------------------------------------------

export type SealSchedulerOptions = {
  seal: () => Promise<SealResult>;
  kickMs?: number;
  followUpMs?: number;
  trailingMs?: number;
  /** Once idle, a pass this often anyway (0: none). */
  sweepMs?: number;
  now?: () => number;
  onError?: (e: unknown) => void;
};

export type SealScheduler = {
  request(): void;
  /** Resolves when no pass is running or scheduled. */
  idle(): Promise<void>;
  stop(): void;
};

export function createSealScheduler(o: SealSchedulerOptions): SealScheduler {
  const kickMs = o.kickMs ?? 100;
  const followUpMs = o.followUpMs ?? 1_000;
  // Longer than a request's transaction may stay open (5 s), with room for slow imports.
  const trailingMs = o.trailingMs ?? 30_000;
  const sweepMs = o.sweepMs ?? 0;
  const now = o.now ?? Date.now;
  let timer: NodeJS.Timeout | null = null;
  let due = 0;
  let running = false;
  let again = false;
  let stopped = false;
  let lastRequest = Number.NEGATIVE_INFINITY;
  let waiters: (() => void)[] = [];

  const settle = () => {
    if (timer || running) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  /** A pass in `ms`, unless one is already due sooner. */
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) {
      if (due <= now() + ms) return;
      clearTimeout(timer);
    }
    due = now() + ms;
    timer = setTimeout(() => void pass(), ms);
    timer.unref?.();
  };
  const pass = async () => {
    timer = null;
    running = true;
    again = false;
    let result: SealResult | null = null;
    try {
      result = await o.seal();
    } catch (e) {
      o.onError?.(e);
    } finally {
      running = false;
    }
    if (again || result?.more) schedule(kickMs);
    else if (now() - lastRequest < trailingMs) schedule(followUpMs);
    else if (sweepMs > 0) schedule(sweepMs);
    settle();
  };
  return {
    request() {
      lastRequest = now();
      if (running) again = true;
      else schedule(kickMs);
    },
    idle: () => new Promise<void>((resolve) => {
      waiters.push(resolve);
      settle();
    }),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      settle();
    },
  };
}

const holder = globalThis as unknown as { __havenAuditSealer?: SealScheduler };

/** The process's background sealer (one per process, however many module copies Next makes). */
export function backgroundAuditSealer(): SealScheduler {
  holder.__havenAuditSealer ??= createSealScheduler({
    seal: () => sealAuditLog(prisma(), { maxBatches: 20 }),
    sweepMs: 5 * 60_000,
    onError: (e) => logger.warn({ err: e }, "audit seal pass failed"),
  });
  return holder.__havenAuditSealer;
}

/** Stops the background sealer (a pass under way finishes); the next request starts a new one. */
export function stopBackgroundAuditSealer(): void {
  holder.__havenAuditSealer?.stop();
  delete holder.__havenAuditSealer;
}

/**
 * Called by recordAudit. Only a server process seals in the background (NEXT_RUNTIME is set by
 * Next.js); scripts and tests leave their rows pending for the server, `audit:verify` or an explicit
 * sealAuditLog(). HAVEN_AUDIT_AUTOSEAL=off turns it off in a server too.
 */
export function requestAuditSeal(): void {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.HAVEN_AUDIT_AUTOSEAL === "off") return;
  backgroundAuditSealer().request();
}
