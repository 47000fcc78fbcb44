import { describe, expect, it } from "vitest";
import { formatManualKey, matchTotpCode, newTotpSecret, normaliseCode, stepAt, totpCodeAt, totpQrDataUrl, totpUri } from "./totp";
import { demoTotpSecret } from "./demo-totp";

const t0 = 1_795_000_020; // a step boundary (divisible by 30)
const at = (s: number) => new Date(s * 1000);

describe("TOTP", () => {
  const secret = newTotpSecret();

  it("accepts the current step and one either side, nothing further", async () => {
    const code = await totpCodeAt(secret, t0);
    expect(await matchTotpCode(secret, code, null, at(t0))).toBe(stepAt(t0));
    expect(await matchTotpCode(secret, code, null, at(t0 + 30))).toBe(stepAt(t0));
    expect(await matchTotpCode(secret, code, null, at(t0 - 30))).toBe(stepAt(t0));
    expect(await matchTotpCode(secret, code, null, at(t0 + 60))).toBeNull();
    expect(await matchTotpCode(secret, code, null, at(t0 - 60))).toBeNull();
  });

  it("refuses a code whose step is not later than the last one used", async () => {
    const code = await totpCodeAt(secret, t0);
    expect(await matchTotpCode(secret, code, stepAt(t0), at(t0))).toBeNull();
    expect(await matchTotpCode(secret, code, stepAt(t0) - 1, at(t0))).toBe(stepAt(t0));
  });

  it("refuses another secret's code and malformed input", async () => {
    const other = await totpCodeAt(newTotpSecret(), t0);
    const mine = await totpCodeAt(secret, t0);
    if (other !== mine) expect(await matchTotpCode(secret, other, null, at(t0))).toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", 123456, null]) expect(normaliseCode(bad)).toBeNull();
    expect(normaliseCode(" 123 456 ")).toBe("123456");
  });

  it("secrets carry 160 random bits and format for manual entry", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    expect(formatManualKey("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });

  it("builds an otpauth URI and a PNG data URL QR code locally", async () => {
    const uri = totpUri(secret, "lawyer@example.org");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Haven:lawyer%40example\.org\?secret=[A-Z2-7]+&issuer=Haven$/);
    expect(await totpQrDataUrl(uri)).toMatch(/^data:image\/png;base64,/);
  });

  it("demo secrets are stable per email and differ between users", () => {
    expect(demoTotpSecret("Lawyer.A@haven.test")).toBe(demoTotpSecret("lawyer.a@haven.test"));
    expect(demoTotpSecret("lawyer.a@haven.test")).not.toBe(demoTotpSecret("lawyer.b@haven.test"));
    expect(demoTotpSecret("admin@haven.test")).toMatch(/^[A-Z2-7]{32}$/);
  });
});
