// Field-level encryption at rest for restricted data (family contacts, source identities,
// confidential notes, TOTP secrets): AES-256-GCM, a random 96-bit IV per value, and the key id
// stored with the ciphertext so keys can be rotated (S18). A stolen database dump or backup
// reveals none of these values without the key, which lives only in the environment.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

type Keyring = { currentId: string; keys: Map<string, Buffer> };

/**
 * HAVEN_ENCRYPTION_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>" — the first is used to
 * encrypt, all of them to decrypt.
 */
export function parseKeyring(spec: string | undefined): Keyring {
  if (!spec?.trim()) throw new Error("HAVEN_ENCRYPTION_KEYS is not set: Haven will not store restricted data without an encryption key");
  const keys = new Map<string, Buffer>();
  let currentId = "";
  for (const part of spec.split(",")) {
    const [id, b64] = part.trim().split(":");
    if (!id || !b64 || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new Error("HAVEN_ENCRYPTION_KEYS: each entry must be <id>:<base64 key>");
    const key = Buffer.from(b64, "base64");
    if (key.length !== 32) throw new Error(`HAVEN_ENCRYPTION_KEYS: key ${id} must be 32 bytes (base64 of 32 random bytes)`);
    keys.set(id, key);
    currentId ||= id;
  }
  return { currentId, keys };
}

let cached: { spec: string | undefined; ring: Keyring } | null = null;
function keyring(): Keyring {
  const spec = process.env.HAVEN_ENCRYPTION_KEYS;
  if (!cached || cached.spec !== spec) cached = { spec, ring: parseKeyring(spec) };
  return cached.ring;
}

export function generateKeySpec(id = "k1"): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}

export function encryptField(plaintext: string, ring: Keyring = keyring()): string {
  const key = ring.keys.get(ring.currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(ring.currentId));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", ring.currentId, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(".");
}

/** Throws if the value was altered or the key is unknown: tampering is never silently accepted. */
export function decryptField(stored: string, ring: Keyring = keyring()): string {
  const [version, keyId, iv, tag, ct] = stored.split(".");
  if (version !== "v1" || !keyId || !iv || !tag || ct === undefined) throw new Error("Encrypted field has an unknown format");
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`Encrypted field uses key ${keyId}, which is not configured`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
}

export function encryptOptional(value: string | null | undefined): string | null {
  return value?.trim() ? encryptField(value) : null;
}

export function decryptOptional(value: string | null | undefined): string | null {
  return value ? decryptField(value) : null;
}
