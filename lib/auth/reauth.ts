// Re-authentication (S7): before a password or 2FA change, an admin role change or an export,
// the person at the keyboard proves again that they hold the password (and the code where
// enrolled). An unattended signed-in laptop, or a stolen session cookie, is not enough.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { isAppError, ReauthRequiredError } from "@/lib/errors";
import { verifyPassword } from "./password";
import { checkUserCode } from "./second-factor";
import { reserveSignInAttempt, settleSuccess } from "./throttle";
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
  const user = await db.user.findUnique({ where: { id: viewer.id }, select: { passwordHash: true, totpEnabledAt: true } });
  // Check and reservation in one step, on the same keys as sign-in (S2).
  const verdict = await reserveSignInAttempt(db, viewer.email, viewer.ip, now, { purpose: "reauth", action: "auth.reauth.failure", actor: viewer, userId: viewer.id });
  const passwordOk = await verifyPassword(verdict.allowed ? user?.passwordHash : null, password);
  if (!verdict.allowed) return "locked";
  const reservation = verdict.reservation;
  if (!user || !passwordOk) {
    // The reservation already counted this failure.
    await recordAudit(db, viewer, { action: "auth.reauth.failure", entityType: "User", entityId: viewer.id, meta: { reason: "wrong-password" } });
    return "invalid";
  }
  const sessionId = viewer.sessionId;
  if (user.totpEnabledAt) {
    // The password was right: no failure. It counts as a success only with the code.
    await db.loginAttempt.deleteMany({ where: { id: { in: reservation.ids } } });
    const result = await checkUserCode(viewer.id, input.code, {
      actor: viewer, purpose: "reauth", now,
      onSuccess: async (tx) => {
        await settleSuccess(tx, { ids: [], successKeys: reservation.successKeys }, now);
        await markReauth(tx, sessionId, now);
      },
    });
    return result === "ok" ? "ok" : result === "locked" ? "locked" : "invalid";
  }
  await db.$transaction(async (tx) => {
    await settleSuccess(tx, reservation, now);
    await markReauth(tx, sessionId, now);
    await recordAudit(tx, viewer, { action: "auth.reauth.success", entityType: "User", entityId: viewer.id });
  });
  return "ok";
}
