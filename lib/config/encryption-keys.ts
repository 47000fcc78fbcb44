import { parseKeyring } from "@/lib/crypto/field";

/** Why HAVEN_ENCRYPTION_KEYS cannot be used (duplicated id, all-zero or non-random key…), or null. */
export function encryptionKeysProblem(spec: string | undefined): string | null {
  try {
    parseKeyring(spec);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
