// Checking a TOTP code for a user: throttled (a 6-digit code must not be brute-forced), single
// use (the accepted step is stored with a compare-and-set, so two requests racing with the same
// code cannot both win), and audited either way (S4, S19).
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { decryptField } from "@/lib/crypto/field";
import type { Actor } from "./viewer";
import { reserveCodeAttempt, settleSuccess } from "./throttle";
import { matchTotpCode } from "./totp";

export type CodeCheck = "ok" | "invalid" | "locked" | "not-enrolled";

/**
 * Verifies `code` for `userId` and, inside the same transaction, runs `onSuccess` (e.g. mark the
 * session as second-factor verified). `purpose` names the audit action: auth.2fa.<purpose>.
 */
export async function checkUserCode(
  userId: string,
  code: unknown,
  opts: { actor: Actor; purpose: "login" | "reauth"; now?: Date; onSuccess?: (tx: Tx) => Promise<void> },
): Promise<CodeCheck> {
  const now = opts.now ?? new Date();
  const db = prisma();
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true } });
  if (!user?.totpSecretEnc || !user.totpEnabledAt) return "not-enrolled";
  // Check and reservation in one step (S2, S4): a parallel guess already sees this one counted.
  const verdict = await reserveCodeAttempt(db, userId, now, { purpose: `2fa.${opts.purpose}`, action: `auth.2fa.${opts.purpose}.failure`, actor: opts.actor, userId });
  if (!verdict.allowed) return "locked";
  const step = await matchTotpCode(decryptField(user.totpSecretEnc, { table: "User", id: userId, field: "totpSecretEnc" }), code, user.totpLastStep, now);
  const accepted = step !== null && await db.$transaction(async (tx) => {
    const won = await tx.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    if (won.count === 0) return false;
    await settleSuccess(tx, verdict.reservation, now);
    await opts.onSuccess?.(tx);
    await recordAudit(tx, opts.actor, { action: `auth.2fa.${opts.purpose}.success`, entityType: "User", entityId: userId });
    return true;
  });
  if (accepted) return "ok";
  // The reservation already counted this failure.
  await recordAudit(db, opts.actor, { action: `auth.2fa.${opts.purpose}.failure`, entityType: "User", entityId: userId, meta: { reason: step === null ? "wrong-code" : "replayed" } });
  return "invalid";
}
