// Re-authentication (S7): before a password or 2FA change, an admin role change or an export,
// the person at the keyboard proves again that they hold the password (and the code where
// enrolled). An unattended signed-in laptop, or a stolen session cookie, is not enough.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { isAppError, ReauthRequiredError } from "@/lib/errors";
import { verifyPassword } from "./password";
import { checkUserCode } from "./second-factor";
import { accountKey, ipKey, isSignInLocked, recordFailures, recordSuccess } from "./throttle";
import { markReauth } from "./user-session";
import { isViewer, type Actor, type Viewer } from "./viewer";

export const REAUTH_MAX_AGE_MS = 5 * 60_000;
/** The AppError message of a refused action; forms translate it (messages key errors.reauthRequired). */
export const REAUTH_REQUIRED = "reauthRequired";

export async function hasRecentReauth(viewer: Viewer, maxAgeMs = REAUTH_MAX_AGE_MS, now: Date = new Date()): Promise<boolean> {
  if (!viewer.sessionId) return false;
  const row = await prisma().userSession.findUnique({ where: { id: viewer.sessionId }, select: { userId: true, reauthAt: true, revokedAt: true } });
  if (!row || row.userId !== viewer.id || row.revokedAt || !row.reauthAt) return false;
  const age = now.getTime() - row.reauthAt.getTime();
  return age >= 0 && age <= maxAgeMs;
}

/** Throws ReauthRequiredError (AppError FORBIDDEN "reauthRequired") unless this session re-authenticated within maxAgeMs. */
export async function requireRecentReauth(viewer: Viewer, maxAgeMs = REAUTH_MAX_AGE_MS, now: Date = new Date()): Promise<void> {
  if (!(await hasRecentReauth(viewer, maxAgeMs, now))) throw new ReauthRequiredError();
}

/**
 * The domain's gate for every privilege change (users, teams, roles, memberships, policy,
 * sign-in links, one's own factors): a signed-in person needs a fresh re-authentication stamp on
 * this session. A system actor (a command-line tool, the seed, the sign-in flow's own steps) is
 * code running on the server, not a browser session, and passes.
 */
export async function requireReauthOf(actor: Actor, now: Date = new Date()): Promise<void> {
  if (isViewer(actor)) await requireRecentReauth(actor, REAUTH_MAX_AGE_MS, now);
}

export function isReauthRequired(e: unknown): boolean {
  return isAppError(e) && e.message === REAUTH_REQUIRED;
}

/** Only same-site paths survive as the place to return to (no open redirect, S17). */
export function safeNextPath(next: unknown, fallback = "/account"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\") || next.length > 500) return fallback;
  return /[\u0000-\u001f]/.test(next) ? fallback : next;
}

/** Where to send someone whose action needs a fresh re-authentication. */
export function reauthPath(next: string): string {
  return `/account/reauth?next=${encodeURIComponent(safeNextPath(next))}`;
}

export type ReauthResult = "ok" | "invalid" | "locked";

/** Checks the password (and the code where enrolled) and stamps the session. Throttled like sign-in. */
export async function reauthenticate(viewer: Viewer, input: { password: unknown; code?: unknown }, now: Date = new Date()): Promise<ReauthResult> {
  if (!viewer.sessionId) return "invalid";
  const db = prisma();
  const password = typeof input.password === "string" ? input.password : "";
  const [locked, user] = await Promise.all([
    isSignInLocked(db, viewer.email, viewer.ip, now),
    db.user.findUnique({ where: { id: viewer.id }, select: { passwordHash: true, totpEnabledAt: true } }),
  ]);
  const passwordOk = await verifyPassword(locked ? null : user?.passwordHash, password);
  if (locked || !user || !passwordOk) {
    await db.$transaction(async (tx) => {
      if (!locked) await recordFailures(tx, [accountKey(viewer.email), ipKey(viewer.ip)], now);
      await recordAudit(tx, viewer, { action: "auth.reauth.failure", entityType: "User", entityId: viewer.id, meta: { reason: locked ? "throttled" : "wrong-password" } });
    });
    return locked ? "locked" : "invalid";
  }
  const sessionId = viewer.sessionId;
  if (user.totpEnabledAt) {
    const result = await checkUserCode(viewer.id, input.code, {
      actor: viewer, purpose: "reauth", now,
      onSuccess: async (tx) => {
        await recordSuccess(tx, accountKey(viewer.email), now);
        await markReauth(tx, sessionId, now);
      },
    });
    return result === "ok" ? "ok" : result === "locked" ? "locked" : "invalid";
  }
  await db.$transaction(async (tx) => {
    await recordSuccess(tx, accountKey(viewer.email), now);
    await markReauth(tx, sessionId, now);
    await recordAudit(tx, viewer, { action: "auth.reauth.success", entityType: "User", entityId: viewer.id });
  });
  return "ok";
}
