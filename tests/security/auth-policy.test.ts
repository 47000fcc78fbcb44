// The numbers SECURITY.md fixes for sign-in (S1, S2, S4, S5, S7), pinned. The behavioural tests
// (tests/db/auth-*.test.ts) loop up to these constants, so a relaxed constant would pass them
// all; these assertions are what fail when a limit is loosened (scripts/security-mutations.ts).
import { describe, expect, it } from "vitest";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password";
import { newPasswordSchema } from "@/lib/auth/password-schema";
import { THROTTLE } from "@/lib/auth/throttle";
import { SESSION_LIMITS } from "@/lib/auth/session-state";
import { REAUTH_MAX_AGE_MS } from "@/lib/auth/reauth";

const MINUTE = 60_000;
/** `n` characters of an uncommon, non-repeating password. */
const typed = (n: number) => ("the tumen river at dawn " + "0123456789".repeat(20)).slice(0, n);
const refusal = (password: string) => {
  const r = newPasswordSchema.safeParse(password);
  return r.success ? null : r.error.issues.map((i) => i.message);
};

describe("S1: the rule for every new password (user creation, password change)", () => {
  it("is 12 to 128 characters, counted as typed", () => {
    expect([PASSWORD_MIN, PASSWORD_MAX]).toEqual([12, 128]);
    expect(refusal(typed(11))).toEqual(["passwordTooShort"]);
    expect(refusal(typed(12))).toBeNull();
    expect(refusal(typed(64))).toBeNull();
    expect(refusal(typed(128))).toBeNull();
    expect(refusal(typed(129))).toEqual(["passwordTooLong"]);
  });

  it("has no composition rules: lower-case words, spaces and any script are fine", () => {
    for (const p of ["correct horse battery staple", "두만강 새벽 안개가 짙다", "tumen river at dawn"]) expect(refusal(p)).toBeNull();
  });

  it("refuses listed common passwords and their trivial variants", () => {
    for (const p of ["password1234", "qwertyuiop123", "Password2024!", "iloveyouiloveyou", "121212121212"]) {
      expect(refusal(p), p).toEqual(["passwordCommon"]);
    }
  });
});

describe("S2/S4: throttling", () => {
  it("locks an account after at most 10 failures within a window of at least 15 minutes", () => {
    expect(THROTTLE.accountFailures).toBeGreaterThan(0);
    expect(THROTTLE.accountFailures).toBeLessThanOrEqual(10);
    expect(THROTTLE.windowMs).toBeGreaterThanOrEqual(15 * MINUTE);
  });

  it("locks an address after at most 50 failures (higher than per account: offices share one address behind NAT)", () => {
    expect(THROTTLE.ipFailures).toBeGreaterThanOrEqual(THROTTLE.accountFailures);
    expect(THROTTLE.ipFailures).toBeLessThanOrEqual(50);
  });

  it("locks second-factor code entry after at most 10 wrong codes", () => {
    expect(THROTTLE.codeFailures).toBeGreaterThan(0);
    expect(THROTTLE.codeFailures).toBeLessThanOrEqual(10);
  });

  it("keeps attempts at least as long as the window", () => {
    expect(THROTTLE.retentionMs).toBeGreaterThanOrEqual(THROTTLE.windowMs);
  });
});

describe("S5/S7: session and re-authentication lifetimes", () => {
  it("ends a session 12 hours after sign-in at most, and after 30 idle minutes at most", () => {
    expect(SESSION_LIMITS.absoluteMs).toBeLessThanOrEqual(12 * 60 * MINUTE);
    expect(SESSION_LIMITS.idleMs).toBeLessThanOrEqual(30 * MINUTE);
    expect(SESSION_LIMITS.touchEveryMs).toBeLessThan(SESSION_LIMITS.idleMs);
  });

  it("honours a re-authentication for 5 minutes at most", () => {
    expect(REAUTH_MAX_AGE_MS).toBeGreaterThan(0);
    expect(REAUTH_MAX_AGE_MS).toBeLessThanOrEqual(5 * MINUTE);
  });
});
