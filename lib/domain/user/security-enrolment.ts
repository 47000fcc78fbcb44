// Setting up (or replacing) an authenticator. The new secret waits, encrypted, in a single-use
// OneTimeToken until the person proves with a first code that their app has it; only then does
// it replace the active secret, so a half-finished set-up never locks anyone out (S4, S18).
// The pending secret belongs to the session that started the set-up (issue 12, item 6): another
// session of the same person — someone else who knows the password — never sees it and cannot
// confirm it. Starting a set-up in another session replaces the pending secret with a fresh one
// (audited); the first session's confirmation then fails with "enrolmentReplaced" and it starts
// over. Replacing rather than refusing: a refusal would let whoever starts first (an attacker
// with the password) block the owner's set-up for the token's lifetime, while a replacement
// leaks nothing — each session only ever sees a secret made for it.
import { createHash, randomBytes } from "node:crypto";
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { decryptField, encryptField } from "@/lib/crypto/field";
import { newId } from "@/lib/db/new-id";
import { AppError } from "@/lib/errors";
import { matchTotpCode, newTotpSecret, totpUri } from "@/lib/auth/totp";
import { reserveCodeAttempt, settleSuccess } from "@/lib/auth/throttle";
import { endOtherSessions, markSecondFactor } from "@/lib/auth/user-session";
import { isTwoFactorRequired } from "@/lib/auth/session-state";
import { requireReauthOf } from "@/lib/auth/reauth";
import { getRequireTwoFactorForAll } from "@/lib/auth/two-factor-policy";
import type { Actor } from "@/lib/auth/viewer";

const ENROLMENT_KIND = "totp.enrolment";
const ENROLMENT_TTL_MS = 30 * 60_000;

/** Whoever is enrolling: a signed-in viewer, or a session forced to enrol after its password. */
export type EnrolmentSubject = { userId: string; email: string; sessionId: string | null | undefined; actor: Actor };

async function pendingToken(db: Pick<Tx, "oneTimeToken">, userId: string, now: Date) {
  return db.oneTimeToken.findFirst({
    where: { userId, kind: ENROLMENT_KIND, usedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, payload: true },
  });
}

/** The session a pending secret was made for (null for tokens from before the binding: never matched). */
function sessionOf(payload: unknown): string | null {
  const id = (payload as { sessionId?: unknown } | null)?.sessionId;
  return typeof id === "string" ? id : null;
}

/** A set-up belongs to a session; without one (never the case in a request) there is nothing to bind it to. */
function sessionIdOf(subject: EnrolmentSubject): string {
  if (!subject.sessionId) throw new AppError("INVALID", "enrolmentExpired");
  return subject.sessionId;
}

function secretOf(token: { id: string; payload: unknown }): string {
  const enc = (token.payload as { secretEnc?: unknown } | null)?.secretEnc;
  if (typeof enc !== "string") throw new AppError("INVALID", "enrolmentExpired");
  return decryptField(enc, { table: "OneTimeToken", id: token.id, field: "payload.secretEnc" });
}

/**
 * This session's pending secret (reused across reloads, so a scanned QR code stays valid) and its
 * otpauth URI. A secret pending for another session is never returned: it is replaced.
 */
export async function startTotpEnrolment(subject: EnrolmentSubject, now: Date = new Date()): Promise<{ secret: string; uri: string }> {
  const sessionId = sessionIdOf(subject);
  const existing = await pendingToken(prisma(), subject.userId, now);
  if (existing && sessionOf(existing.payload) === sessionId) {
    const secret = secretOf(existing);
    return { secret, uri: totpUri(secret, subject.email) };
  }
  const secret = newTotpSecret();
  const id = newId();
  await prisma().$transaction(async (tx) => {
    // Every earlier pending secret of this person is retired, whichever session made it.
    const replaced = await tx.oneTimeToken.updateMany({ where: { userId: subject.userId, kind: ENROLMENT_KIND, usedAt: null }, data: { usedAt: now } });
    await tx.oneTimeToken.create({
      data: {
        id, kind: ENROLMENT_KIND, userId: subject.userId, expiresAt: new Date(now.getTime() + ENROLMENT_TTL_MS),
        tokenHash: createHash("sha256").update(randomBytes(32)).digest("hex"),
        payload: { secretEnc: encryptField(secret, { table: "OneTimeToken", id, field: "payload.secretEnc" }), sessionId },
      },
    });
    if (existing) {
      await recordAudit(tx, subject.actor, { action: "auth.2fa.enrol.restart", entityType: "User", entityId: subject.userId, meta: { replaced: replaced.count } });
    }
  });
  return { secret, uri: totpUri(secret, subject.email) };
}

/**
 * Confirms the pending secret with a first code: it becomes the user's factor, this session
 * counts as second-factor verified and the user's other sessions end. Returns false on a wrong code.
 */
export async function confirmTotpEnrolment(subject: EnrolmentSubject, code: unknown, now: Date = new Date()): Promise<boolean> {
  await requireReauthOf(subject.actor, now);
  const db = prisma();
  const sessionId = sessionIdOf(subject);
  const token = await pendingToken(db, subject.userId, now);
  if (!token) throw new AppError("INVALID", "enrolmentExpired");
  // Set up again in another session since: this one's secret is gone; start over (nothing is counted).
  if (sessionOf(token.payload) !== sessionId) throw new AppError("INVALID", "enrolmentReplaced");
  // Check and reservation in one step, as for every code (S2): parallel guesses see each other counted.
  const verdict = await reserveCodeAttempt(db, subject.userId, now, { purpose: "2fa.enrol", action: "auth.2fa.enrol.failure", actor: subject.actor, userId: subject.userId });
  if (!verdict.allowed) throw new AppError("FORBIDDEN", "tooManyAttempts");
  const secret = secretOf(token);
  const step = await matchTotpCode(secret, code, null, now);
  if (step === null) {
    // The reservation already counted this failure.
    await recordAudit(db, subject.actor, { action: "auth.2fa.enrol.failure", entityType: "User", entityId: subject.userId });
    return false;
  }
  await db.$transaction(async (tx) => {
    await settleSuccess(tx, verdict.reservation, now);
    const used = await tx.oneTimeToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: now } });
    if (used.count === 0) throw new AppError("INVALID", "enrolmentExpired");
    const before = await tx.user.findUniqueOrThrow({ where: { id: subject.userId }, select: { totpEnabledAt: true } });
    await tx.user.update({ where: { id: subject.userId }, data: { totpSecretEnc: encryptField(secret, { table: "User", id: subject.userId, field: "totpSecretEnc" }), totpEnabledAt: now, totpLastStep: step } });
    if (subject.sessionId) await markSecondFactor(tx, subject.sessionId, now);
    const ended = await endOtherSessions(tx, subject.userId, subject.sessionId, now);
    await recordAudit(tx, subject.actor, {
      action: before.totpEnabledAt ? "auth.2fa.replace" : "auth.2fa.enrol", entityType: "User", entityId: subject.userId, meta: { otherSessionsEnded: ended },
    });
  });
  return true;
}

/** Turns the second factor off (only for roles that do not require it; needs a fresh re-auth, S7). */
export async function removeOwnTwoFactor(subject: EnrolmentSubject, now: Date = new Date()): Promise<void> {
  await requireReauthOf(subject.actor, now);
  const { role } = await prisma().user.findUniqueOrThrow({ where: { id: subject.userId }, select: { role: true } });
  if (isTwoFactorRequired(role, await getRequireTwoFactorForAll())) throw new AppError("FORBIDDEN", "twoFactorRequired");
  await prisma().$transaction(async (tx) => {
    await tx.user.update({ where: { id: subject.userId }, data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null } });
    await tx.oneTimeToken.updateMany({ where: { userId: subject.userId, kind: ENROLMENT_KIND, usedAt: null }, data: { usedAt: now } });
    await recordAudit(tx, subject.actor, { action: "auth.2fa.remove", entityType: "User", entityId: subject.userId });
  });
}
