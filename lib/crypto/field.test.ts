import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptField, encryptField, generateKeySpec, isCurrentFormat, parseKeyring } from "./field";

const ring = parseKeyring(`${generateKeySpec("k2")},${generateKeySpec("k1")}`);
const site = { table: "Detainee", id: "c0123456789abcdef01234567", field: "familyContactsEnc" };

/** A value as Haven wrote it before issue 12: format v1, the key id as the only associated data. */
function encryptV1(plaintext: string, keyId: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(keyId));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", keyId, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(".");
}

describe("field encryption", () => {
  it("round-trips and never stores the plaintext", () => {
    const secret = "Mother in Seoul: 010-0000-1234 (어머니)";
    const enc = encryptField(secret, site, ring);
    expect(enc).not.toContain("010-0000-1234");
    expect(enc.startsWith("v2.k2.")).toBe(true);
    expect(decryptField(enc, site, ring)).toBe(secret);
    expect(isCurrentFormat(enc, ring)).toBe(true);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptField("same", site, ring)).not.toBe(encryptField("same", site, ring));
  });

  it("fails when one bit of the ciphertext is flipped", () => {
    const parts = encryptField("canary-value", site, ring).split(".");
    const ct = Buffer.from(parts[4]!, "base64");
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString("base64");
    expect(() => decryptField(parts.join("."), site, ring)).toThrow();
  });

  it("fails when the key id is swapped", () => {
    const enc = encryptField("canary-value", site, ring).replace("v2.k2.", "v2.k1.");
    expect(() => decryptField(enc, site, ring)).toThrow();
  });

  it("fails when the ciphertext is moved to another row, field or table (S18: associated data)", () => {
    const enc = encryptField("canary-value", site, ring);
    expect(decryptField(enc, { ...site }, ring)).toBe("canary-value"); // positive control
    expect(() => decryptField(enc, { ...site, id: "c00000000000000000000000" }, ring)).toThrow(/moved from another row or field/);
    expect(() => decryptField(enc, { ...site, field: "narrativeConfidentialEnc" }, ring)).toThrow(/does not decrypt/);
    expect(() => decryptField(enc, { ...site, table: "Source" }, ring)).toThrow(/does not decrypt/);
  });

  it("fails when a v2 value is relabelled v1 (no downgrade around the row binding)", () => {
    const enc = encryptField("canary-value", site, ring).replace(/^v2\./, "v1.");
    expect(() => decryptField(enc, site, ring)).toThrow();
  });

  it("still decrypts v1 values written before row binding, and reports them as not current", () => {
    const v1 = encryptV1("old value", "k1", ring.keys.get("k1")!);
    expect(decryptField(v1, site, ring)).toBe("old value");
    expect(isCurrentFormat(v1, ring)).toBe(false);
    const underOldKey = encryptField("x", site, parseKeyring(`k1:${ring.keys.get("k1")!.toString("base64")}`));
    expect(isCurrentFormat(underOldKey, ring)).toBe(false);
  });

  it("refuses to run without a key or with a short one", () => {
    expect(() => parseKeyring(undefined)).toThrow(/not set/);
    expect(() => parseKeyring("k1:" + randomBytes(16).toString("base64"))).toThrow(/key k1 must be 32 bytes/);
    expect(() => parseKeyring("k1:" + randomBytes(33).toString("base64"))).toThrow(/key k1 must be 32 bytes/);
  });

  it("refuses a duplicated key id, an all-zero or all-equal key, a non-random key and the same key twice", () => {
    const a = generateKeySpec("k1");
    expect(() => parseKeyring(`${a},${generateKeySpec("k1")}`)).toThrow(/key id k1 appears twice/);
    expect(() => parseKeyring(`k1:${Buffer.alloc(32).toString("base64")}`)).toThrow(/key k1 has all 32 bytes equal/);
    expect(() => parseKeyring(`k1:${Buffer.alloc(32, 0x41).toString("base64")}`)).toThrow(/all 32 bytes equal/);
    expect(() => parseKeyring(`k1:${Buffer.from("abcdabcdabcdabcdabcdabcdabcdabcd").toString("base64")}`)).toThrow(/does not look random/);
    expect(() => parseKeyring(`${a},${a.replace(/^k1:/, "k0:")}`)).toThrow(/keys k1 and k0 are the same key/);
    expect(() => parseKeyring("k1:not*base64")).toThrow(/not valid base64/);
    // Positive control: fresh random keys under distinct ids are accepted, the first is current.
    expect(parseKeyring(`${generateKeySpec("k2")},${a}`).currentId).toBe("k2");
  });
});
