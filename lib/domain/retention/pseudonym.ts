// Pseudonyms for the audit trail of a purge (S24). The purge entry must show that a case was
// removed and what went with it, without naming whose case it was. HMAC-SHA256 under a random
// per-install key: someone holding a case number from paper files and this database can confirm
// it was purged; a list of case numbers alone cannot be checked against another install's log.
import { createHmac, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";

const SALT_KEY = "retention.pseudonymSalt";

/** The install's pseudonym key, created on first use (upsert: two purges cannot race to two keys). */
export async function installSalt(tx: Tx): Promise<Buffer> {
  const row = await tx.appSetting.upsert({
    where: { key: SALT_KEY },
    create: { key: SALT_KEY, value: { salt: randomBytes(32).toString("base64") } },
    update: {},
    select: { value: true },
  });
  const salt = (row.value as { salt?: unknown } | null)?.salt;
  if (typeof salt !== "string" || salt.length < 40) throw new Error(`AppSetting ${SALT_KEY} is malformed`);
  return Buffer.from(salt, "base64");
}

export function pseudonym(salt: Buffer, value: string): string {
  return createHmac("sha256", salt).update(value, "utf8").digest("hex").slice(0, 32);
}
