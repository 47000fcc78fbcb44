import "server-only";
// Turns the claims of a signed cookie into a verdict, reading the session row and the user
// afresh (role, teams, disabled, sessionVersion never come from the cookie). Kept apart from
// Next's request APIs so database tests can drive it directly.
import { prisma } from "@/lib/db/client";
import type { Locale, Role } from "@/lib/generated/prisma/enums";
import { judgeSession, shouldTouch, TWO_FACTOR_ROLES, type SessionClaims, type SessionRow, type SessionVerdict } from "./session-state";
import { REQUIRE_2FA_FOR_ALL } from "./two-factor-policy";
import { UNREAD_COUNT_CAP } from "@/lib/domain/notification/queries";
import type { Viewer } from "./viewer";

export type ResolvedSession = {
  verdict: SessionVerdict;
  user: { id: string; email: string; displayName: string; role: Role; locale: Locale; teamIds: string[]; unreadNotifications: number } | null;
  sessionId: string;
};

type SessionQueryRow = SessionRow & {
  uId: string | null; email: string; displayName: string; role: Role; locale: Locale; sessionVersion: number;
  disabledAt: Date | null; totpEnabledAt: Date | null; teamIds: string[] | null; requireForAll: boolean | null; unread: number | null;
};

/**
 * The session row, its user, the user's teams and the two-factor policy: one statement per
 * request (getViewer memoises it for the request), whatever the page.
 */
export async function resolveSession(claims: SessionClaims, now: Date = new Date()): Promise<ResolvedSession> {
  const db = prisma();
  const [found] = await db.$queryRaw<SessionQueryRow[]>`
    SELECT s."userId", s."expiresAt", s."lastSeenAt", s."revokedAt", s."secondFactorAt",
           u.id AS "uId", u.email, u."displayName", u.role::text AS role, u.locale::text AS locale, u."sessionVersion",
           u."disabledAt", u."totpEnabledAt",
           ARRAY(SELECT m."teamId" FROM "TeamMembership" m WHERE m."userId" = u.id ORDER BY m."teamId") AS "teamIds",
           (SELECT a.value = 'true'::jsonb FROM "AppSetting" a WHERE a.key = ${REQUIRE_2FA_FOR_ALL}) AS "requireForAll",
           (SELECT count(*)::int FROM (SELECT 1 FROM "Notification" n WHERE n."userId" = u.id AND n."readAt" IS NULL LIMIT ${UNREAD_COUNT_CAP}) x) AS unread
    FROM "UserSession" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${claims.sid}`;
  const row: SessionRow | null = found
    ? { userId: found.userId, expiresAt: new Date(found.expiresAt), lastSeenAt: new Date(found.lastSeenAt), revokedAt: found.revokedAt && new Date(found.revokedAt), secondFactorAt: found.secondFactorAt && new Date(found.secondFactorAt) }
    : null;
  const user = found?.uId
    ? { id: found.uId, email: found.email, displayName: found.displayName, role: found.role, locale: found.locale, sessionVersion: Number(found.sessionVersion), disabledAt: found.disabledAt, totpEnabledAt: found.totpEnabledAt, teamIds: found.teamIds ?? [] }
    : null;
  // The admin setting matters only for roles that do not always need a second factor.
  const requireForAll = user && !user.totpEnabledAt && !TWO_FACTOR_ROLES.includes(user.role) ? found?.requireForAll === true : false;
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
      id: user.id, email: user.email, displayName: user.displayName, role: user.role, locale: user.locale, teamIds: user.teamIds,
      unreadNotifications: Number(found?.unread ?? 0),
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
