import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

describe("password hashing", () => {
  it("uses argon2id with m>=19456 and t>=2", async () => {
    const h = await hashPassword("correct horse battery staple");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("verifies exactly as typed, beyond 72 bytes", async () => {
    const a = "x".repeat(72) + "AAA";
    const h = await hashPassword(a);
    expect(await verifyPassword(h, a)).toBe(true);
    expect(await verifyPassword(h, "x".repeat(72) + "BBB")).toBe(false);
    expect(await verifyPassword(h, a + " ")).toBe(false);
  });

  it("accepts 64- and 128-character passwords", async () => {
    for (const len of [64, 128]) {
      const p = "한".repeat(4) + "p".repeat(len - 4);
      expect(passwordProblem(p)).toBeNull();
      expect(await verifyPassword(await hashPassword(p), p)).toBe(true);
    }
  });

  it("rejects too short and too long passwords", () => {
    expect(passwordProblem("short")).toBe("tooShort");
    expect(passwordProblem("a".repeat(11))).toBe("tooShort");
    expect(passwordProblem("a".repeat(129))).toBe("tooLong");
  });

  it("returns false (not throws) for unknown users and garbage hashes", async () => {
    expect(await verifyPassword(null, "whatever password")).toBe(false);
    expect(await verifyPassword("not-a-hash", "whatever password")).toBe(false);
  });
});
