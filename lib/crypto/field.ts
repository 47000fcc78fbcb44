// Field-level encryption at rest for restricted data (family contacts, source identities,
// confidential notes, consent givers, TOTP secrets): AES-256-GCM, a random 96-bit IV per value,
// and the key id stored with the ciphertext so keys can be rotated (S18). A stolen database dump
// or backup reveals none of these values without the key, which lives only in the environment.
//
// Format v2 (written since issue 12) also binds each ciphertext to where it lives: the GCM
// associated data is "v2:<key id>:<table>:<row id>:<field>", so a ciphertext copied to another
// row or column (someone with database write access swapping one person's family contacts into
// another case) fails to decrypt instead of showing the wrong person's data. Format v1 (no row
// binding) still decrypts, so older databases keep working until `npm run keys:rotate` rewrites
// every value under the current key and v2 (docs/operations.md).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export type Keyring = { currentId: string; keys: Map<string, Buffer> };

/** Where an encrypted value is stored: its table, row id and column. */
export type FieldSite = { table: string; id: string; field: string };

/**
 * Why a key is refused, or null: exactly 32 bytes that look random. All bytes equal (an all-zero
 * key from a template) or very few distinct byte values (a typed word repeated) are refused; 32
 * random bytes have ~30 distinct values, fewer than 16 happens with probability below 2^-100.
 */
export function weakKeyReason(key: Buffer): string | null {
  if (key.length !== 32) return "must be 32 bytes (base64 of 32 random bytes)";
  if (key.every((b) => b === key[0])) return "has all 32 bytes equal (a placeholder, not a random key)";
  if (new Set(key).size < 16) return "does not look random (too few distinct bytes); generate it with `openssl rand -base64 32`";
  return null;
}

/**
 * HAVEN_ENCRYPTION_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>" — the first is used to
 * encrypt, all of them to decrypt.
 */
export function parseKeyring(spec: string | undefined): Keyring {
  if (!spec?.trim()) throw new Error("HAVEN_ENCRYPTION_KEYS is not set: Haven will not store restricted data without an encryption key");
  const keys = new Map<string, Buffer>();
  let currentId = "";
  for (const part of spec.split(",")) {
    const [id, b64, extra] = part.trim().split(":");
    if (!id || !b64 || extra !== undefined || !/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new Error("HAVEN_ENCRYPTION_KEYS: each entry must be <id>:<base64 key>");
    if (keys.has(id)) throw new Error(`HAVEN_ENCRYPTION_KEYS: key id ${id} appears twice; every key needs its own id`);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) throw new Error(`HAVEN_ENCRYPTION_KEYS: key ${id} is not valid base64`);
    const key = Buffer.from(b64, "base64");
    const weak = weakKeyReason(key);
    if (weak) throw new Error(`HAVEN_ENCRYPTION_KEYS: key ${id} ${weak}`);
    for (const [otherId, other] of keys) {
      if (other.equals(key)) throw new Error(`HAVEN_ENCRYPTION_KEYS: keys ${otherId} and ${id} are the same key`);
    }
    keys.set(id, key);
    currentId ||= id;
  }
  return { currentId, keys };
}

let cached: { spec: string | undefined; ring: Keyring } | null = null;
export function keyring(): Keyring {
  const spec = process.env.HAVEN_ENCRYPTION_KEYS;
  if (!cached || cached.spec !== spec) cached = { spec, ring: parseKeyring(spec) };
  return cached.ring;
}

export function generateKeySpec(id = "k1"): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}

function siteAad(keyId: string, site: FieldSite): Buffer {
  if (!site.table || !site.id || !site.field) throw new Error("Encrypted field: table, row id and field are required");
  return Buffer.from(`v2:${keyId}:${site.table}:${site.id}:${site.field}`);
}

export function encryptField(plaintext: string, site: FieldSite, ring: Keyring = keyring()): string {
  const key = ring.keys.get(ring.currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(siteAad(ring.currentId, site));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v2", ring.currentId, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(".");
}

/**
 * Throws if the value was altered, moved to another row or field, or the key is unknown:
 * tampering is never silently accepted. v1 values (before row binding) are checked against
 * their key id only, until keys:rotate rewrites them.
 */
export function decryptField(stored: string, site: FieldSite, ring: Keyring = keyring()): string {
  const [version, keyId, iv, tag, ct, extra] = stored.split(".");
  if ((version !== "v1" && version !== "v2") || !keyId || !iv || !tag || ct === undefined || extra !== undefined) {
    throw new Error("Encrypted field has an unknown format");
  }
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`Encrypted field uses key ${keyId}, which is not configured`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAAD(version === "v2" ? siteAad(keyId, site) : Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(`Encrypted field ${site.table}.${site.field} of ${site.id} does not decrypt: altered, or moved from another row or field`);
  }
}

/** True when the value is already in the current format under the current key (keys:rotate skips it). */
export function isCurrentFormat(stored: string, ring: Keyring = keyring()): boolean {
  return stored.startsWith(`v2.${ring.currentId}.`);
}

export function encryptOptional(value: string | null | undefined, site: FieldSite): string | null {
  return value?.trim() ? encryptField(value, site) : null;
}

export function decryptOptional(value: string | null | undefined, site: FieldSite): string | null {
  return value ? decryptField(value, site) : null;
}
