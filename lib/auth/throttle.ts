// Login throttling stored in the database (S2), so every app instance behind a load balancer
// sees the same counts. Password guessing is capped per account and per address; the address
// limit is higher so one person mistyping in an office behind NAT does not lock the office out.
// Keys are hashed: the table never holds the addresses or the emails people typed.
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db/client";

export const THROTTLE = {
  windowMs: 15 * 60_000,
  accountFailures: 10,
  ipFailures: 50,
  /** Second-factor codes: a 6-digit code must not be guessable by brute force. */
  codeFailures: 10,
  /** Rows older than this are of no use to any window and are deleted. */
  retentionMs: 24 * 60 * 60_000,
} as const;

type Db = Pick<Tx, "loginAttempt">;

function digest(kind: string, value: string): string {
  return `${kind}:${createHash("sha256").update(`${kind}\u0000${value}`).digest("hex").slice(0, 40)}`;
}

export const accountKey = (email: string) => digest("acct", email.trim().toLowerCase());
export const ipKey = (ip: string | null) => digest("ip", ip ?? "unknown");
export const codeKey = (userId: string) => digest("totp", userId);

/** Failures inside the window, counting only those after the key's latest success. */
export async function recentFailures(db: Db, key: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { key, success: true, at: { gt: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return db.loginAttempt.count({ where: { key, success: false, at: { gt: lastSuccess?.at ?? since } } });
}

export async function isSignInLocked(db: Db, email: string, ip: string | null, now: Date): Promise<boolean> {
  const [account, address] = await Promise.all([recentFailures(db, accountKey(email), now), recentFailures(db, ipKey(ip), now)]);
  return account >= THROTTLE.accountFailures || address >= THROTTLE.ipFailures;
}

export async function isCodeLocked(db: Db, userId: string, now: Date): Promise<boolean> {
  return (await recentFailures(db, codeKey(userId), now)) >= THROTTLE.codeFailures;
}

export async function recordFailures(db: Db, keys: string[], now: Date): Promise<void> {
  await db.loginAttempt.createMany({ data: keys.map((key) => ({ key, success: false, at: now })) });
}

export async function recordSuccess(db: Db, key: string, now: Date): Promise<void> {
  await db.loginAttempt.create({ data: { key, success: true, at: now } });
}

/** Deletes attempts no window can still count. Returns how many went. */
export async function pruneLoginAttempts(db: Db, now: Date): Promise<number> {
  const { count } = await db.loginAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - THROTTLE.retentionMs) } } });
  return count;
}
