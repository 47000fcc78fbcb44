// Server-side sessions (S5). The JWT cookie only names a UserSession row; the row decides: it
// can be revoked, it expires 12 h after sign-in and after 30 min without a request, and it
// records whether the second factor and a recent re-authentication happened.
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { SESSION_LIMITS } from "./session-state";

type Db = Pick<Tx, "userSession" | "user">;

/** 128 random bits: unguessable even by someone who can watch ids being issued. */
export function newSessionId(): string {
  return randomBytes(16).toString("base64url");
}

export async function createUserSession(
  db: Db,
  input: { userId: string; ip: string | null; userAgent: string | null; secondFactorDone: boolean; now: Date },
): Promise<string> {
  const id = newSessionId();
  await db.userSession.create({
    data: {
      id,
      userId: input.userId,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + SESSION_LIMITS.absoluteMs),
      secondFactorAt: input.secondFactorDone ? input.now : null,
      ip: input.ip?.slice(0, 64) ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    },
  });
  return id;
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/**
 * Ends every session of a user: the version bump kills every token ever issued, the row
 * revocation keeps the session list truthful. Use for logout, password, role and 2FA changes.
 */
export async function endAllSessions(db: Db, userId: string, now: Date): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await db.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends the user's other sessions, keeping the one in use (after the user changes a factor). */
export async function endOtherSessions(db: Db, userId: string, keepSessionId: string | null | undefined, now: Date): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

export async function markSecondFactor(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { secondFactorAt: now } });
}

export async function markReauth(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { reauthAt: now } });
}
