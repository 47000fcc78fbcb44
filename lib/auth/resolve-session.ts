import "server-only";
// Turns the claims of a signed cookie into a verdict, reading the session row and the user
// afresh (role, teams, disabled, sessionVersion never come from the cookie). Kept apart from
// Next's request APIs so database tests can drive it directly.
import { prisma } from "@/lib/db/client";
import type { Locale, Role } from "@/lib/generated/prisma/enums";
import { judgeSession, shouldTouch, TWO_FACTOR_ROLES, type SessionClaims, type SessionVerdict } from "./session-state";
import { getRequireTwoFactorForAll } from "./two-factor-policy";
import type { Viewer } from "./viewer";

export type ResolvedSession = {
  verdict: SessionVerdict;
  user: { id: string; email: string; displayName: string; role: Role; locale: Locale; teamIds: string[] } | null;
  sessionId: string;
};

export async function resolveSession(claims: SessionClaims, now: Date = new Date()): Promise<ResolvedSession> {
  const db = prisma();
  const row = await db.userSession.findUnique({
    where: { id: claims.sid },
    select: {
      userId: true, expiresAt: true, lastSeenAt: true, revokedAt: true, secondFactorAt: true,
      user: {
        select: {
          id: true, email: true, displayName: true, role: true, locale: true, sessionVersion: true, disabledAt: true, totpEnabledAt: true,
          memberships: { select: { teamId: true } },
        },
      },
    },
  });
  const user = row?.user ?? null;
  // The admin setting matters only for roles that do not always need a second factor.
  const requireForAll = user && !user.totpEnabledAt && !TWO_FACTOR_ROLES.includes(user.role) ? await getRequireTwoFactorForAll() : false;
  const verdict = judgeSession({ claims, row, user, requireForAll, now });
  if (verdict.kind !== "invalid" && row && shouldTouch(row.lastSeenAt, now)) {
    // Conditional, so concurrent requests do not all write.
    await db.userSession.updateMany({
      where: { id: claims.sid, lastSeenAt: { lt: new Date(now.getTime() - 1000) } },
      data: { lastSeenAt: now },
    });
  }
  return {
    verdict,
    sessionId: claims.sid,
    user: user && {
      id: user.id, email: user.email, displayName: user.displayName, role: user.role, locale: user.locale,
      teamIds: user.memberships.map((m) => m.teamId),
    },
  };
}

/** The viewer for a fully signed-in session; null for anything less (including 2FA pending). */
export async function resolveViewer(claims: SessionClaims, meta: { requestId: string | null; ip: string | null }, now?: Date): Promise<Viewer | null> {
  const resolved = await resolveSession(claims, now);
  if (resolved.verdict.kind !== "active" || !resolved.user) return null;
  return { ...resolved.user, requestId: meta.requestId, ip: meta.ip, sessionId: resolved.sessionId };
}

export type PendingSession = {
  userId: string;
  email: string;
  locale: Locale;
  sessionId: string;
  step: "code" | "enrolment";
  requestId: string | null;
  ip: string | null;
};

/** A session that has passed the password but still owes the second factor (or its set-up). */
export async function resolvePendingSession(claims: SessionClaims, meta: { requestId: string | null; ip: string | null }, now?: Date): Promise<PendingSession | null> {
  const resolved = await resolveSession(claims, now);
  const { verdict, user } = resolved;
  if (!user || (verdict.kind !== "needs-code" && verdict.kind !== "needs-enrolment")) return null;
  return {
    userId: user.id, email: user.email, locale: user.locale, sessionId: resolved.sessionId,
    step: verdict.kind === "needs-code" ? "code" : "enrolment", ...meta,
  };
}
