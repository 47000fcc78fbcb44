// S1: the shipped common-password list and its variants.
import { describe, expect, it } from "vitest";
import { commonPasswordCount, isCommonPassword } from "./common-passwords";

describe("isCommonPassword", () => {
  it("ships at least the top 10,000", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it.each(["password", "123456", "qwerty", "iloveyou", "1qaz2wsx3edc", "123qweasdzxc", "qwertyuiop", "letmein", "trustno1"])("refuses the listed password %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(true);
  });

  it("ignores case and Unicode width", () => {
    expect(isCommonPassword("PassWord")).toBe(true);
    expect(isCommonPassword("ｐａｓｓｗｏｒｄ")).toBe(true);
  });

  it.each(["password2024!", "!!Password123456", "qwertyuiop1234", "  dragon  12345678", "iloveyou!!!!!!!"])("refuses a listed password padded with digits or symbols: %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(true);
  });

  it.each(["qwertyqwerty", "passwordpassword", "aaaaaaaaaaaa", "121212121212"])("refuses a repeated pattern: %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(true);
  });

  it.each([
    "correct horse battery staple",
    "Tumen river at dawn, 2026",
    "두만강 새벽 안개가 짙다",
    "xK9#mQ2$vL7@pR4",
    "a".repeat(50) + "b",
    "password is not my password",
  ])("accepts an uncommon password: %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(false);
  });
});
