// The rules a server-side session must pass on every request (S4, S5), as a pure function so
// each one has a unit test. The database rows are loaded by lib/auth/resolve-session.ts.
import type { Role } from "@/lib/generated/prisma/enums";

export const SESSION_LIMITS = {
  absoluteMs: 12 * 60 * 60_000,
  idleMs: 30 * 60_000,
  /** lastSeenAt is written at most this often, so reading a page is not a write per request. */
  touchEveryMs: 60_000,
} as const;

/** Roles that must always have a second factor; others only when the admin setting says so. */
export const TWO_FACTOR_ROLES: readonly Role[] = ["ADMIN", "LAWYER"];

export function isTwoFactorRequired(role: Role, requireForAll: boolean): boolean {
  return requireForAll || TWO_FACTOR_ROLES.includes(role);
}

export type SessionClaims = { uid: string; sv: number; sid: string };
export type SessionRow = { userId: string; expiresAt: Date; lastSeenAt: Date; revokedAt: Date | null; secondFactorAt: Date | null };
export type SessionUser = { id: string; role: Role; sessionVersion: number; disabledAt: Date | null; totpEnabledAt: Date | null };

export type SessionVerdict =
  | { kind: "invalid"; reason: "missing" | "mismatch" | "revoked" | "expired" | "idle" | "disabled" | "stale" }
  /** Password accepted; the code is still owed. Reaches only the two-factor page. */
  | { kind: "needs-code" }
  /** Password accepted; the role needs a second factor the user has not set up yet. */
  | { kind: "needs-enrolment" }
  | { kind: "active" };

export function judgeSession(input: {
  claims: SessionClaims;
  row: SessionRow | null;
  user: SessionUser | null;
  requireForAll: boolean;
  now: Date;
}): SessionVerdict {
  const { claims, row, user, now } = input;
  if (!row || !user) return { kind: "invalid", reason: "missing" };
  if (row.userId !== claims.uid || user.id !== claims.uid) return { kind: "invalid", reason: "mismatch" };
  if (row.revokedAt) return { kind: "invalid", reason: "revoked" };
  if (now.getTime() >= row.expiresAt.getTime()) return { kind: "invalid", reason: "expired" };
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_LIMITS.idleMs) return { kind: "invalid", reason: "idle" };
  if (user.disabledAt) return { kind: "invalid", reason: "disabled" };
  if (user.sessionVersion !== claims.sv) return { kind: "invalid", reason: "stale" };
  if (user.totpEnabledAt) return row.secondFactorAt ? { kind: "active" } : { kind: "needs-code" };
  // Not enrolled: a policy switched on mid-session applies at once.
  return isTwoFactorRequired(user.role, input.requireForAll) ? { kind: "needs-enrolment" } : { kind: "active" };
}

export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_LIMITS.touchEveryMs;
}
