import "server-only";
// Administrators' security tools for other people's accounts: end all of a user's sessions,
// reset a lost second factor (the recovery path of S4), and the "2FA for everyone" switch.
// All audited; each needs the admin's fresh re-authentication (S7).
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { requireRecentReauth } from "@/lib/auth/reauth";
import { SESSION_LIMITS } from "@/lib/auth/session-state";
import { REQUIRE_2FA_FOR_ALL } from "@/lib/auth/two-factor-policy";
import { endAllSessions } from "@/lib/auth/user-session";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";

const userIdSchema = z.strictObject({ userId: z.string().min(1).max(40).regex(/^[a-z0-9]+$/i) });

export async function getUserSecurityForAdmin(viewer: Viewer, userId: string, now: Date = new Date()) {
  assertCan(viewer, "user.manage");
  const user = await prisma().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true, passwordChangedAt: true } });
  if (!user) return null;
  const liveSessions = await prisma().userSession.count({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - SESSION_LIMITS.idleMs) } },
  });
  return { ...user, liveSessions };
}

export async function endUserSessions(viewer: Viewer, input: unknown, now: Date = new Date()): Promise<void> {
  assertCan(viewer, "user.manage");
  await requireRecentReauth(viewer, undefined, now);
  const { userId } = userIdSchema.parse(input);
  await prisma().$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "User not found.");
    await endAllSessions(tx, userId, now);
    await recordAudit(tx, viewer, { action: "user.sessions.end", entityType: "User", entityId: userId });
  });
}

/** Clears the user's authenticator; they set up a new one at their next sign-in. */
export async function resetUserTwoFactor(viewer: Viewer, input: unknown, now: Date = new Date()): Promise<void> {
  assertCan(viewer, "user.manage");
  await requireRecentReauth(viewer, undefined, now);
  const { userId } = userIdSchema.parse(input);
  await prisma().$transaction(async (tx) => {
    const found = await tx.user.updateMany({ where: { id: userId }, data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null } });
    if (found.count === 0) throw new AppError("NOT_FOUND", "User not found.");
    await tx.oneTimeToken.updateMany({ where: { userId, kind: "totp.enrolment", usedAt: null }, data: { usedAt: now } });
    await endAllSessions(tx, userId, now);
    await recordAudit(tx, viewer, { action: "user.2fa.reset", entityType: "User", entityId: userId });
  });
}

export async function setRequireTwoFactorForAll(viewer: Viewer, input: unknown): Promise<void> {
  assertCan(viewer, "settings.manage");
  await requireRecentReauth(viewer);
  const { requireForAll } = z.strictObject({ requireForAll: z.boolean() }).parse(input);
  await prisma().$transaction(async (tx) => {
    await tx.appSetting.upsert({
      where: { key: REQUIRE_2FA_FOR_ALL },
      create: { key: REQUIRE_2FA_FOR_ALL, value: requireForAll, updatedById: viewer.id },
      update: { value: requireForAll, updatedById: viewer.id },
    });
    await recordAudit(tx, viewer, { action: "settings.update", entityType: "AppSetting", entityId: REQUIRE_2FA_FOR_ALL, meta: { value: requireForAll } });
  });
}
