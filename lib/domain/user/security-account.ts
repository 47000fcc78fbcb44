import "server-only";
// A signed-in person's own account security: their sessions (see and end the others) and their
// password. Password changes need a fresh re-authentication and end every session (S5, S7).
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, PASSWORD_MAX } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-schema";
import { requireRecentReauth } from "@/lib/auth/reauth";
import { SESSION_LIMITS } from "@/lib/auth/session-state";
import { endAllSessions, revokeSession } from "@/lib/auth/user-session";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

export type OwnSession = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null; isCurrent: boolean };

/** The viewer's live sessions, newest activity first. Dead ones (expired, idle, revoked) are not listed. */
export async function listOwnSessions(viewer: Viewer, now: Date = new Date()): Promise<OwnSession[]> {
  const rows = await prisma().userSession.findMany({
    where: {
      userId: viewer.id, revokedAt: null, expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - SESSION_LIMITS.idleMs) },
    },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
  });
  return rows.map((r) => ({ ...r, isCurrent: r.id === viewer.sessionId }));
}

const sessionIdSchema = z.strictObject({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

/** Ends one of the viewer's other sessions. Someone else's session id is simply not found. */
export async function revokeOwnSession(viewer: Viewer, input: unknown, now: Date = new Date()): Promise<void> {
  const { sessionId } = sessionIdSchema.parse(input);
  if (sessionId === viewer.sessionId) throw new AppError("INVALID", "useSignOut");
  await prisma().$transaction(async (tx) => {
    const row = await tx.userSession.findFirst({ where: { id: sessionId, userId: viewer.id }, select: { id: true } });
    if (!row) throw new AppError("NOT_FOUND", "Session not found.");
    await revokeSession(tx, sessionId, now);
    await recordAudit(tx, viewer, { action: "auth.session.revoke", entityType: "UserSession", entityId: sessionId });
  });
}

const changePasswordSchema = z
  .strictObject({
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX * 4),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { path: ["confirmPassword"], message: "passwordsDiffer" });

/** Sets a new password and ends every session, this one included: the user signs in again. */
export async function changeOwnPassword(viewer: Viewer, input: unknown, now: Date = new Date()): Promise<void> {
  await requireRecentReauth(viewer, undefined, now);
  const { newPassword } = changePasswordSchema.parse(input);
  const passwordHash = await hashPassword(newPassword);
  await prisma().$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash, passwordChangedAt: now } });
    await endAllSessions(tx, viewer.id, now);
    await recordAudit(tx, viewer, { action: "auth.password.change", entityType: "User", entityId: viewer.id });
  });
}
