import { describe, expect, it } from "vitest";
import { reauthPath, safeNextPath } from "./reauth";
import { accountKey, codeKey, ipKey } from "./throttle";

describe("re-auth return path", () => {
  it("keeps same-site paths and drops everything else", () => {
    expect(safeNextPath("/detainees?status=DETAINED")).toBe("/detainees?status=DETAINED");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", 42, "/a\nb"]) {
      expect(safeNextPath(bad)).toBe("/account");
    }
    expect(reauthPath("/account/password")).toBe("/account/reauth?next=%2Faccount%2Fpassword");
  });
});

describe("throttle keys", () => {
  it("hash the email (case-insensitively) and the address, one namespace each", () => {
    expect(accountKey("A@B.example")).toBe(accountKey(" a@b.example"));
    expect(accountKey("a@b.example")).not.toContain("a@b");
    expect(ipKey("10.0.0.1")).not.toContain("10.0.0.1");
    expect(new Set([accountKey("x"), ipKey("x"), codeKey("x")]).size).toBe(3);
  });
});
