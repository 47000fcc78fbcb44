import { describe, expect, it } from "vitest";
import { decryptField, encryptField, generateKeySpec, parseKeyring } from "./field";

const ring = parseKeyring(`${generateKeySpec("k2")},${generateKeySpec("k1")}`);

describe("field encryption", () => {
  it("round-trips and never stores the plaintext", () => {
    const secret = "Mother in Seoul: 010-0000-1234 (어머니)";
    const enc = encryptField(secret, ring);
    expect(enc).not.toContain("010-0000-1234");
    expect(enc.startsWith("v1.k2.")).toBe(true);
    expect(decryptField(enc, ring)).toBe(secret);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptField("same", ring)).not.toBe(encryptField("same", ring));
  });

  it("fails when one bit of the ciphertext is flipped", () => {
    const parts = encryptField("canary-value", ring).split(".");
    const ct = Buffer.from(parts[4]!, "base64");
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString("base64");
    expect(() => decryptField(parts.join("."), ring)).toThrow();
  });

  it("fails when the key id is swapped", () => {
    const enc = encryptField("canary-value", ring).replace("v1.k2.", "v1.k1.");
    expect(() => decryptField(enc, ring)).toThrow();
  });

  it("refuses to run without a key or with a short one", () => {
    expect(() => parseKeyring(undefined)).toThrow(/not set/);
    expect(() => parseKeyring("k1:" + Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
