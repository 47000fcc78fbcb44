import { describe, expect, it } from "vitest";
import { isTwoFactorRequired, judgeSession, SESSION_LIMITS, shouldTouch, type SessionRow, type SessionUser } from "./session-state";

const now = new Date("2026-11-28T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const claims = { uid: "u1", sv: 3, sid: "s1" };
const row = (o: Partial<SessionRow> = {}): SessionRow => ({
  userId: "u1", expiresAt: new Date(now.getTime() + 60_000), lastSeenAt: ago(60_000), revokedAt: null, secondFactorAt: ago(120_000), ...o,
});
const user = (o: Partial<SessionUser> = {}): SessionUser => ({ id: "u1", role: "CASEWORKER", sessionVersion: 3, disabledAt: null, totpEnabledAt: null, ...o });
const judge = (r: SessionRow | null, u: SessionUser | null, requireForAll = false) => judgeSession({ claims, row: r, user: u, requireForAll, now });

describe("judgeSession", () => {
  it("accepts a live session of a caseworker without 2FA", () => {
    expect(judge(row(), user())).toEqual({ kind: "active" });
  });

  it.each([
    ["no row", null, user(), "missing"],
    ["another user's session", row({ userId: "u2" }), user(), "mismatch"],
    ["revoked", row({ revokedAt: ago(1) }), user(), "revoked"],
    ["past the absolute end", row({ expiresAt: now }), user(), "expired"],
    ["idle over 30 min", row({ lastSeenAt: ago(SESSION_LIMITS.idleMs + 1) }), user(), "idle"],
    ["disabled user", row(), user({ disabledAt: ago(1) }), "disabled"],
    ["bumped sessionVersion", row(), user({ sessionVersion: 4 }), "stale"],
  ] as const)("refuses %s", (_name, r, u, reason) => {
    expect(judge(r, u)).toEqual({ kind: "invalid", reason });
  });

  it("keeps a session idle for exactly 30 min", () => {
    expect(judge(row({ lastSeenAt: ago(SESSION_LIMITS.idleMs) }), user()).kind).toBe("active");
  });

  it("an enrolled user's password-only session owes the code", () => {
    expect(judge(row({ secondFactorAt: null }), user({ totpEnabledAt: ago(1) }))).toEqual({ kind: "needs-code" });
    expect(judge(row(), user({ totpEnabledAt: ago(1) }))).toEqual({ kind: "active" });
  });

  it("lawyers and admins without an authenticator must enrol; others only when required for all", () => {
    expect(judge(row(), user({ role: "LAWYER" }))).toEqual({ kind: "needs-enrolment" });
    expect(judge(row(), user({ role: "ADMIN" }))).toEqual({ kind: "needs-enrolment" });
    expect(judge(row(), user({ role: "VIEWER" }), true)).toEqual({ kind: "needs-enrolment" });
    expect(judge(row(), user({ role: "VIEWER" }), false)).toEqual({ kind: "active" });
  });

  it("policy table", () => {
    expect(isTwoFactorRequired("LAWYER", false)).toBe(true);
    expect(isTwoFactorRequired("CASEWORKER", false)).toBe(false);
    expect(isTwoFactorRequired("CASEWORKER", true)).toBe(true);
  });

  it("writes lastSeenAt at most once a minute", () => {
    expect(shouldTouch(ago(59_999), now)).toBe(false);
    expect(shouldTouch(ago(60_000), now)).toBe(true);
  });
});
