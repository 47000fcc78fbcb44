// The password step of sign-in. Every refusal looks the same to the caller — unknown email,
// wrong password, disabled account, throttled — and costs one argon2 verification, so neither
// the answer nor its timing tells an attacker whether an account exists (S2, S3).
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/logger";
import { verifyPassword, PASSWORD_MAX } from "./password";
import { accountKey, ipKey, isSignInLocked, pruneLoginAttempts, recordFailures, recordSuccess } from "./throttle";
import { createUserSession } from "./user-session";
import { isTwoFactorRequired } from "./session-state";
import { getRequireTwoFactorForAll } from "./two-factor-policy";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(PASSWORD_MAX * 4),
});

export type SignInContext = { ip: string | null; userAgent: string | null; now?: Date };
export type SignedIn = { id: string; sv: number; sid: string };

export async function authorizeCredentials(raw: unknown, ctx: SignInContext): Promise<SignedIn | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const now = ctx.now ?? new Date();
  const db = prisma();
  const [locked, user] = await Promise.all([
    isSignInLocked(db, email, ctx.ip, now),
    db.user.findUnique({ where: { email }, select: { id: true, role: true, passwordHash: true, disabledAt: true, sessionVersion: true, totpEnabledAt: true } }),
  ]);
  // While locked even the right password is refused; the dummy hash keeps the cost the same.
  const ok = await verifyPassword(locked ? null : user?.passwordHash, password);
  if (locked || !user || !ok || user.disabledAt) {
    const reason = locked ? "throttled" : !user ? "unknown-account" : user.disabledAt ? "disabled" : "wrong-password";
    await db.$transaction(async (tx) => {
      // Attempts made while locked are not counted: a flood cannot grow the table without bound.
      if (!locked) await recordFailures(tx, [accountKey(email), ipKey(ctx.ip)], now);
      await recordAudit(tx, { system: "auth" }, {
        action: "auth.login.failure", entityType: user ? "User" : undefined, entityId: user?.id, meta: { reason },
      });
    });
    return null;
  }
  const needsSecondFactor = Boolean(user.totpEnabledAt) || isTwoFactorRequired(user.role, await getRequireTwoFactorForAll());
  const sid = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await recordSuccess(tx, accountKey(email), now);
    const id = await createUserSession(tx, { userId: user.id, ip: ctx.ip, userAgent: ctx.userAgent, secondFactorDone: !needsSecondFactor, now });
    await recordAudit(tx, { system: "auth" }, {
      action: "auth.login.success", entityType: "User", entityId: user.id, meta: { secondFactor: needsSecondFactor ? "pending" : "not-required" },
    });
    return id;
  });
  await pruneLoginAttempts(db, now).catch((e: unknown) => logger.warn({ err: e instanceof Error ? e.name : "unknown" }, "login attempt pruning failed"));
  return { id: user.id, sv: user.sessionVersion, sid };
}

/** The client address as the nearest proxy saw it (the last X-Forwarded-For entry). */
export function clientIp(headers: { get(name: string): string | null } | Record<string, unknown> | undefined): string | null {
  const raw = typeof (headers as { get?: unknown })?.get === "function"
    ? (headers as { get(name: string): string | null }).get("x-forwarded-for")
    : (headers as Record<string, unknown> | undefined)?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : null;
  const last = value?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last ? last.slice(0, 64) : null;
}
