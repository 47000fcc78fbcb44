// Login throttling stored in the database (S2), so every app instance behind a load balancer
// sees the same counts. Keys are hashed: the table never holds the addresses or the emails
// people typed.
//
// Reservation (issue 12 item 2): the check and the counting are one atomic step. Inside one
// transaction the keys are locked (pg_advisory_xact_lock: PostgreSQL serialises concurrent
// attempts for the same key; PGlite has one connection, so it serialises anyway), the counts
// are read, and — if the attempt may go ahead — a *failure* row is inserted for it before the
// password or code is checked. A parallel attempt therefore already sees it. A correct password
// or code then turns the reservation into a success (the provisional failure rows are deleted).
//
// Progressive delay, not a hard lock (item 3): per account, the first `accountFailures`
// failures are free; after that each further attempt must wait delayBaseMs · 2^(n − free),
// capped at delayCapMs, after the latest counted failure. Attempts arriving early are refused
// without their password being checked, and are not counted, so a stranger can hold the
// account-wide delay at most at its cap — and an address that has signed in to the account
// successfully before (a "known address") is judged only by its own failures on that account,
// so the owner at their usual address is not delayed by a stranger at all. Per address, at most
// `ipFailures` failures in `windowMs` (unchanged). Second-factor codes use the same delay on
// the user's code key.
//
// Throttled attempts are audited once per burst (./throttle-burst below): the first refused
// attempt writes a row; later ones only count; the next allowed attempt (or the daily job)
// writes one summary row with the count.
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "./viewer";

const MINUTE = 60_000;

export const THROTTLE = {
  /** Per-address window, and the window of the legacy hard code limit. */
  windowMs: 15 * MINUTE,
  /** Failures per account (per known address for that address) before delays start. */
  accountFailures: 10,
  ipFailures: 50,
  /** Second-factor codes: free wrong codes before delays start. */
  codeFailures: 10,
  /** The first delay after the free failures; doubles with each further counted failure. */
  delayBaseMs: 30_000,
  /** The longest delay: the owner waits at most this long after a stranger's latest counted failure. */
  delayCapMs: 15 * MINUTE,
  /** How far back failures count toward an account's delay (a success resets the count). */
  accountWindowMs: 24 * 60 * MINUTE,
  /** How long a successful sign-in makes its address "known" for that account. */
  knownAddressMs: 30 * 24 * 60 * MINUTE,
  /** Failure rows older than this are of no use to any window and are deleted. */
  retentionMs: 24 * 60 * MINUTE,
  /** The daily job closes bursts idle this long. */
  burstIdleMs: 15 * MINUTE,
} as const;

type Db = Pick<Tx, "loginAttempt">;


function digest(kind: string, value: string): string {
  return `${kind}:${createHash("sha256").update(`${kind}\u0000${value}`).digest("hex").slice(0, 40)}`;
}

export const accountKey = (email: string) => digest("acct", email.trim().toLowerCase());
export const ipKey = (ip: string | null) => digest("ip", ip ?? "unknown");
export const codeKey = (userId: string) => digest("totp", userId);
/** One account at one address: its successes make the address known, its failures delay only it. */
export const pairKey = (email: string, ip: string | null) => digest("pair", `${email.trim().toLowerCase()}\u0000${ip ?? "unknown"}`);

/** The delay an attempt must wait after the latest failure, given `failures` counted failures. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.delayBaseMs * 2 ** Math.min(failures - free, 20), THROTTLE.delayCapMs);
}

type KeyState = { count: number; last: Date | null };

/** Failures after `since`, counting only those after the key's latest success. */
async function failuresSince(db: Db, key: string, since: Date): Promise<KeyState> {
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { key, success: true, at: { gt: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const agg = await db.loginAttempt.aggregate({ where: { key, success: false, at: { gt: lastSuccess?.at ?? since } }, _count: { _all: true }, _max: { at: true } });
  return { count: agg._count._all, last: agg._max.at ?? null };
}

/** Failures inside the per-address window, counting only those after the key's latest success. */
export async function recentFailures(db: Db, key: string, now: Date): Promise<number> {
  return (await failuresSince(db, key, new Date(now.getTime() - THROTTLE.windowMs))).count;
}

/** When a key under progressive delay may try next, or null if it may try now. */
async function delayedUntil(db: Db, key: string, free: number, now: Date): Promise<Date | null> {
  const state = await failuresSince(db, key, new Date(now.getTime() - THROTTLE.accountWindowMs));
  const wait = delayAfter(state.count, free);
  if (wait === 0 || !state.last) return null;
  const until = new Date(state.last.getTime() + wait);
  return now < until ? until : null;
}

/** When the address's oldest counted failure leaves the window, if it is at its limit. */
async function addressBlockedUntil(db: Db, key: string, now: Date): Promise<Date | null> {
  // Address keys never record successes (an office's colleagues signing in clear nothing).
  const where = { key, success: false, at: { gt: new Date(now.getTime() - THROTTLE.windowMs) } };
  const pivot = await db.loginAttempt.findFirst({ where, orderBy: { at: "desc" }, skip: THROTTLE.ipFailures - 1, select: { at: true } });
  return pivot ? new Date(pivot.at.getTime() + THROTTLE.windowMs) : null;
}

export async function isKnownAddress(db: Db, email: string, ip: string | null, now: Date): Promise<boolean> {
  if (!ip) return false;
  const row = await db.loginAttempt.findFirst({
    where: { key: pairKey(email, ip), success: true, at: { gt: new Date(now.getTime() - THROTTLE.knownAddressMs) } },
    select: { id: true },
  });
  return row !== null;
}

export type Reservation = { ids: string[]; successKeys: string[] };
export type Throttled = { retryAt: Date; scope: "account" | "address" | "code"; burstKey: string };
export type Verdict = { allowed: true; reservation: Reservation } | { allowed: false; throttled: Throttled };

type Client = { $transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T> };
const BUSY = Symbol("busy");
/** How long an attempt waits for its keys before it is refused as throttled (a flood on one key). */
export const LOCK_WAIT_MS = 10_000;

/**
 * Runs `fn` in a transaction holding advisory locks on `keys` (both engines; PGlite has one
 * session, so they are always free there), or returns BUSY at once if another transaction holds
 * one. The locks are *tried*, never waited on inside a transaction: a flood on one key must not
 * park every pooled connection on the lock (the health check and everyone else need them).
 */
async function tryUnderLock<T>(db: Client, keys: string[], fn: (tx: Tx) => Promise<T>): Promise<T | typeof BUSY> {
  const sorted = [...new Set(keys)].sort();
  const out = await db.$transaction(async (tx) => {
    for (const key of sorted) {
      const [row] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS ok`;
      if (!row?.ok) return BUSY;
    }
    return { value: await fn(tx) };
  }, { maxWait: LOCK_WAIT_MS, timeout: LOCK_WAIT_MS });
  return out === BUSY ? BUSY : out.value;
}

async function reserve(tx: Tx, failureKeys: string[], successKeys: string[], now: Date): Promise<Reservation> {
  const ids: string[] = [];
  for (const key of failureKeys) ids.push((await tx.loginAttempt.create({ data: { key, success: false, at: now }, select: { id: true } })).id);
  return { ids, successKeys };
}

/** Refused for contention: the key stayed locked by others for LOCK_WAIT_MS (a flood on it). */
const busy = (now: Date, scope: Throttled["scope"], burstKey: string): Throttled =>
  ({ retryAt: new Date(now.getTime() + THROTTLE.delayBaseMs), scope, burstKey });

/**
 * Decides with `decide` and reserves `failureKeys` when allowed — one atomic step under the lock
 * of `lockKeys` (the keys whose counts decide). An attempt that an unlocked read already finds
 * throttled is refused without taking the lock (counts only grow until a success, so such a read
 * never lets too many through), which keeps a flood from queueing on the lock.
 */
async function decideAndReserve(
  db: Client & Db, now: Date, burst: BurstContext,
  keys: { lock: string[]; failures: string[]; successes: string[]; close: string[]; busy: Throttled["scope"] },
  decide: (db: Db) => Promise<Throttled | null>,
): Promise<Verdict> {
  const refused = async (throttled: Throttled): Promise<Verdict> => {
    await db.$transaction((tx) => noteThrottled(tx, throttled, burst, now), { maxWait: LOCK_WAIT_MS });
    return { allowed: false, throttled };
  };
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let round = 0; ; round++) {
    // Unlocked first: once the parallel attempts ahead of this one are counted, it leaves here.
    const early = await decide(db);
    if (early) return refused(early);
    const verdict = await tryUnderLock(db, keys.lock, async (tx): Promise<Verdict> => {
      const throttled = await decide(tx);
      if (throttled) {
        await noteThrottled(tx, throttled, burst, now);
        return { allowed: false, throttled };
      }
      await closeBursts(tx, burst.purpose, keys.close);
      return { allowed: true, reservation: await reserve(tx, keys.failures, keys.successes, now) };
    });
    if (verdict !== BUSY) return verdict;
    if (Date.now() > deadline) return refused(busy(now, keys.busy, keys.lock[0]!));
    await new Promise((r) => setTimeout(r, 5 + Math.random() * Math.min(200, 5 * 2 ** round)));
  }
}

/**
 * Decides a password attempt (sign-in or re-authentication) for `email` from `ip` and, when it
 * may go ahead, reserves it as a failure — atomically. A refused attempt is noted in its burst;
 * an allowed one closes the open bursts on its keys (`burst.purpose`).
 */
export async function reserveSignInAttempt(db: Client & Db, email: string, ip: string | null, now: Date, burst: BurstContext): Promise<Verdict> {
  const acct = accountKey(email);
  const addr = ipKey(ip);
  const pair = pairKey(email, ip);
  // A known address is judged by its own failures on this account only (its pair key).
  const delayKey = (await isKnownAddress(db, email, ip, now)) ? pair : acct;
  return decideAndReserve(db, now, burst, { lock: [delayKey, addr], failures: [acct, addr, pair], successes: [acct, pair], close: [acct, addr, pair], busy: "account" }, async (tx) => {
    const addressUntil = await addressBlockedUntil(tx, addr, now);
    if (addressUntil) return { retryAt: addressUntil, scope: "address", burstKey: addr };
    const accountUntil = await delayedUntil(tx, delayKey, THROTTLE.accountFailures, now);
    return accountUntil ? { retryAt: accountUntil, scope: "account", burstKey: delayKey } : null;
  });
}

/** The same for a second-factor code of `userId`. */
export async function reserveCodeAttempt(db: Client & Db, userId: string, now: Date, burst: BurstContext): Promise<Verdict> {
  const key = codeKey(userId);
  return decideAndReserve(db, now, burst, { lock: [key], failures: [key], successes: [key], close: [key], busy: "code" }, async (tx) => {
    const until = await delayedUntil(tx, key, THROTTLE.codeFailures, now);
    return until ? { retryAt: until, scope: "code", burstKey: key } : null;
  });
}

/** A reserved attempt succeeded: it was no failure after all; its keys record a success. */
export async function settleSuccess(tx: Pick<Tx, "loginAttempt">, reservation: Reservation, now: Date): Promise<void> {
  await tx.loginAttempt.deleteMany({ where: { id: { in: reservation.ids } } });
  await tx.loginAttempt.createMany({ data: reservation.successKeys.map((key) => ({ key, success: true, at: now })) });
}

export async function recordFailures(db: Db, keys: string[], now: Date): Promise<void> {
  await db.loginAttempt.createMany({ data: keys.map((key) => ({ key, success: false, at: now })) });
}

export async function recordSuccess(db: Db, key: string, now: Date): Promise<void> {
  await db.loginAttempt.create({ data: { key, success: true, at: now } });
}

// ---- Bursts of throttled attempts: O(1) audit rows per burst -------------------------------

export type BurstContext = { purpose: string; action: string; actor: Actor; userId?: string };

/**
 * A refused attempt: the first of a burst writes the purpose's failure audit row (reason
 * "throttled", with the retry time); the rest only increment the burst's count.
 */
export async function noteThrottled(tx: Tx, t: Throttled, ctx: BurstContext, now: Date): Promise<void> {
  const id = `${ctx.purpose}|${t.burstKey}`;
  const bump = () => tx.throttleBurst.updateMany({ where: { id }, data: { count: { increment: 1 }, lastAt: now } });
  if ((await bump()).count > 0) return;
  // Not under the keys' lock (refusals skip it): a parallel refusal may create the row first.
  const created = await tx.throttleBurst.createMany({ data: [{ id, purpose: ctx.purpose, scope: t.scope, userId: ctx.userId ?? null, startedAt: now, lastAt: now }], skipDuplicates: true });
  if (created.count === 0) {
    await bump();
    return;
  }
  await recordAudit(tx, ctx.actor, {
    action: ctx.action, entityType: ctx.userId ? "User" : undefined, entityId: ctx.userId,
    meta: { reason: "throttled", scope: t.scope, burst: "start", retryAt: t.retryAt.toISOString() },
  });
}

type BurstRow = { id: string; purpose: string; scope: string; userId: string | null; startedAt: Date; lastAt: Date; count: number };

async function closeBurst(tx: Tx, row: BurstRow, closedBy: "attempt" | "daily-job"): Promise<void> {
  const gone = await tx.throttleBurst.deleteMany({ where: { id: row.id, count: row.count } });
  if (gone.count === 0) return; // bumped or closed meanwhile: whoever sees the final count closes it
  await recordAudit(tx, { system: "auth" }, {
    action: "auth.throttle.burst", entityType: row.userId ? "User" : undefined, entityId: row.userId ?? undefined,
    meta: { purpose: row.purpose, scope: row.scope, attempts: row.count, from: row.startedAt.toISOString(), to: row.lastAt.toISOString(), closedBy },
  });
}

/** An allowed attempt closes the open bursts on its keys with one summary audit row each. */
export async function closeBursts(tx: Tx, purpose: string, keys: string[]): Promise<void> {
  const rows = await tx.throttleBurst.findMany({ where: { id: { in: keys.map((k) => `${purpose}|${k}`) } } });
  for (const row of rows) await closeBurst(tx, row, "attempt");
}

/** Daily job: closes bursts idle for burstIdleMs. Returns how many. */
export async function closeIdleBursts(db: { $transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> } & Pick<Tx, "throttleBurst">, now: Date): Promise<number> {
  const rows = await db.throttleBurst.findMany({ where: { lastAt: { lt: new Date(now.getTime() - THROTTLE.burstIdleMs) } }, take: 1000 });
  for (const row of rows) await db.$transaction((tx) => closeBurst(tx, row, "daily-job"));
  return rows.length;
}

/** Deletes attempts no window can still count (successes of known addresses live longer). Returns how many went. */
export async function pruneLoginAttempts(db: Db, now: Date): Promise<number> {
  const old = new Date(now.getTime() - THROTTLE.retentionMs);
  const { count } = await db.loginAttempt.deleteMany({
    where: {
      at: { lt: old },
      OR: [
        { success: false },
        { NOT: { key: { startsWith: "pair:" } } },
        { at: { lt: new Date(now.getTime() - THROTTLE.knownAddressMs) } },
      ],
    },
  });
  return count;
}
