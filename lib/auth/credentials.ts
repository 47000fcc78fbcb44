// The password step of sign-in. Every refusal looks the same to the caller — unknown email,
// wrong password, disabled account, throttled — and costs one argon2 verification, so neither
// the answer nor its timing tells an attacker whether an account exists (S2, S3).
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/logger";
import { verifyPassword, PASSWORD_MAX } from "./password";
import { pruneLoginAttempts, reserveSignInAttempt, settleSuccess } from "./throttle";
import { SIGN_IN_THROTTLED_PREFIX } from "./sign-in-throttled";
import { createUserSession } from "./user-session";
import { isTwoFactorRequired } from "./session-state";
import { getRequireTwoFactorForAll } from "./two-factor-policy";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(PASSWORD_MAX * 4),
});

export type SignInContext = { ip: string | null; userAgent: string | null; now?: Date };
export type SignedIn = { id: string; sv: number; sid: string };

/**
 * Thrown (as next-auth's error) when an attempt arrives before its delay ends: the sign-in page
 * shows when to try again. Unknown emails are throttled by the same keys, so they get the same
 * answer at the same moment (S3).
 */
export class SignInThrottled extends Error {
  constructor(readonly retryAt: Date) {
    super(`${SIGN_IN_THROTTLED_PREFIX}${Math.ceil(retryAt.getTime() / 1000)}`);
    this.name = "SignInThrottled";
  }
}

export async function authorizeCredentials(raw: unknown, ctx: SignInContext): Promise<SignedIn | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const now = ctx.now ?? new Date();
  const db = prisma();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, role: true, passwordHash: true, disabledAt: true, sessionVersion: true, totpEnabledAt: true } });
  // Check and reservation in one step (S2): a parallel attempt already sees this one counted.
  const verdict = await reserveSignInAttempt(db, email, ctx.ip, now, { purpose: "login", action: "auth.login.failure", actor: { system: "auth" }, userId: user?.id });
  // A throttled attempt is refused without checking its password; the dummy hash keeps the cost the same (S3).
  const ok = await verifyPassword(verdict.allowed ? user?.passwordHash : null, password);
  if (!verdict.allowed) throw new SignInThrottled(verdict.throttled.retryAt);
  if (!user || !ok || user.disabledAt) {
    // The reservation already counted this failure.
    const reason = !user ? "unknown-account" : user.disabledAt ? "disabled" : "wrong-password";
    await recordAudit(db, { system: "auth" }, {
      action: "auth.login.failure", entityType: user ? "User" : undefined, entityId: user?.id, meta: { reason },
    });
    return null;
  }
  const needsSecondFactor = Boolean(user.totpEnabledAt) || isTwoFactorRequired(user.role, await getRequireTwoFactorForAll());
  const sid = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await settleSuccess(tx, verdict.reservation, now);
    const id = await createUserSession(tx, { userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent, secondFactorDone: !needsSecondFactor, now });
    await recordAudit(tx, { system: "auth" }, {
      action: "auth.login.success", entityType: "User", entityId: user.id, meta: { secondFactor: needsSecondFactor ? "pending" : "not-required" },
    });
    return id;
  });
  await pruneLoginAttempts(db, now).catch((e: unknown) => logger.warn({ err: e instanceof Error ? e.name : "unknown" }, "login attempt pruning failed"));
  return { id: user.id, sv: user.sessionVersion, sid };
}
