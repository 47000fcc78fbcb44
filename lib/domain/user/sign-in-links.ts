import "server-only";
// Sign-in links (S23): the way a new colleague sets their first password, and the way an
// administrator helps someone who forgot theirs. The administrator never chooses or learns the
// password. A link is a one-time token (lib/security/tokens.ts: 256 bits from the CSPRNG, only
// its SHA-256 stored, single use, expiring); it travels in the URL fragment
// (/login/set-password#<token>), which browsers never send to a server, so it stays out of
// access logs and proxies. A new link ends the earlier ones; using one ends every session of
// the account and is audited.
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, PASSWORD_MAX } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-schema";
import { requireRecentReauth } from "@/lib/auth/reauth";
import { endAllSessions } from "@/lib/auth/user-session";
import type { Viewer } from "@/lib/auth/viewer";
import { consumeToken, hashToken, issueToken, revokeTokens } from "@/lib/security/tokens";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";

export const SIGN_IN_LINK_KIND = "password.set";
/** Long enough to reach someone across time zones, short enough that a forgotten link dies. */
export const SIGN_IN_LINK_TTL_MS = 72 * 60 * 60 * 1000;
export { SIGN_IN_LINK_PATH } from "@/lib/auth/sign-in-link-path";

const userIdSchema = z.strictObject({ userId: z.string().min(1).max(40).regex(/^[a-z0-9]+$/i) });
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * Issues a link for the user and returns the token (shown to the administrator once). Needs the
 * administrator's fresh re-authentication: whoever holds the link can take over the account.
 */
export async function createSignInLink(viewer: Viewer, input: unknown, now: Date = new Date()): Promise<{ token: string; expiresAt: Date }> {
  assertCan(viewer, "user.manage");
  await requireRecentReauth(viewer, undefined, now);
  const { userId } = userIdSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, disabledAt: true } });
    if (!user) throw new AppError("NOT_FOUND", "User not found.");
    if (user.disabledAt) throw new AppError("INVALID", "userDisabled");
    const revoked = await revokeTokens(tx, SIGN_IN_LINK_KIND, userId, now);
    const issued = await issueToken(tx, { kind: SIGN_IN_LINK_KIND, ttlMs: SIGN_IN_LINK_TTL_MS, userId, createdById: viewer.id, now });
    await recordAudit(tx, viewer, { action: "user.signInLink.create", entityType: "User", entityId: userId, meta: { expiresAt: issued.expiresAt.toISOString(), replaced: revoked } });
    return { token: issued.token, expiresAt: issued.expiresAt };
  });
}

export type SignInLinkInfo = { email: string; displayName: string; expiresAt: Date };

/** What the set-password page shows before the form: whose account, until when. Reads only. */
export async function describeSignInLink(token: unknown, now: Date = new Date()): Promise<SignInLinkInfo | null> {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const row = await prisma().oneTimeToken.findFirst({
    where: { tokenHash: hashToken(parsed.data), kind: SIGN_IN_LINK_KIND, usedAt: null, expiresAt: { gt: now } },
    select: { expiresAt: true, userId: true },
  });
  const user = row?.userId
    ? await prisma().user.findUnique({ where: { id: row.userId }, select: { email: true, displayName: true, disabledAt: true } })
    : null;
  if (!row || !user || user.disabledAt) return null;
  return { email: user.email, displayName: user.displayName, expiresAt: row.expiresAt };
}

const setPasswordSchema = z
  .strictObject({
    token: z.string().max(100),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX * 4),
  })
  .refine((d) => d.newPassword === d.confirmPassword, { path: ["confirmPassword"], message: "passwordsDiffer" });

/**
 * Sets the password of the link's account and uses the link up, in one transaction: a refused
 * password leaves the link usable; a used, expired, replaced or unknown link sets nothing (one
 * answer for all four — "linkInvalid" — so nothing can be probed). Ends every session.
 */
export async function setPasswordWithLink(input: unknown, now: Date = new Date()): Promise<{ email: string }> {
  const { token, newPassword } = setPasswordSchema.parse(input);
  const passwordHash = await hashPassword(newPassword);
  return prisma().$transaction(async (tx) => {
    const claimed = await consumeToken(tx, SIGN_IN_LINK_KIND, token, now);
    const user = claimed?.userId
      ? await tx.user.findUnique({ where: { id: claimed.userId }, select: { id: true, email: true, disabledAt: true } })
      : null;
    if (!claimed || !user || user.disabledAt) throw new AppError("INVALID", "linkInvalid");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    await endAllSessions(tx, user.id, now);
    await recordAudit(tx, { system: "sign-in-link" }, { action: "auth.password.setWithLink", entityType: "User", entityId: user.id, meta: { tokenId: claimed.id } });
    return { email: user.email };
  });
}
