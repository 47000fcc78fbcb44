// Password hashing with argon2id (OWASP parameters: m=19 MiB, t=2, p=1). Never bcrypt: it
// silently truncates at 72 bytes, so two long passwords sharing a prefix would both verify.
import { hash, verify } from "@node-rs/argon2";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against for unknown emails so a miss costs as much as a wrong password (no
// account enumeration by timing, S3).
let dummyHash: Promise<string> | null = null;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("haven-dummy-password-for-timing-equalisation");
  return dummyHash;
}

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX * 4) return false; // bound the work an attacker can ask for
  if (!storedHash) {
    await verify(await getDummyHash(), password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A message key (messages/*.json `password.*`) when the password is unacceptable, else null. */
export function passwordProblem(password: string): "tooShort" | "tooLong" | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  return null;
}
