// Demo data only: enrols a demo account with its published TOTP secret (lib/auth/demo-totp.ts),
// so ADMIN and LAWYER demo users can sign in (`npm run demo:totp -- <email>` prints the code).
// Refuses anything but the demo domain: a real account must never get a published secret.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { encryptField } from "@/lib/crypto/field";
import { demoTotpSecret } from "@/lib/auth/demo-totp";

export const DEMO_EMAIL_DOMAIN = "@haven.test";

/** Returns false when the user does not exist or is already enrolled. */
export async function enrolDemoTwoFactor(email: string): Promise<boolean> {
  if (!email.toLowerCase().endsWith(DEMO_EMAIL_DOMAIN)) throw new Error(`Only demo accounts (${DEMO_EMAIL_DOMAIN}) get a published TOTP secret`);
  return prisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, totpEnabledAt: true } });
    if (!user || user.totpEnabledAt) return false;
    await tx.user.update({ where: { id: user.id }, data: { totpSecretEnc: encryptField(demoTotpSecret(email), { table: "User", id: user.id, field: "totpSecretEnc" }), totpEnabledAt: new Date() } });
    await recordAudit(tx, { system: "seed" }, { action: "auth.2fa.enrol", entityType: "User", entityId: user.id, meta: { demo: true } });
    return true;
  });
}
