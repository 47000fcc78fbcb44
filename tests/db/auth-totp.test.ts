// Two-factor sign-in (S4): a password-only session gets no viewer, codes are single-use within
// a ±1 step window, guessing is throttled, enrolment and admin reset. On both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { encryptField } from "@/lib/crypto/field";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { completeSignInCode } from "@/lib/auth/pending";
import { resolvePendingSession, resolveViewer } from "@/lib/auth/resolve-session";
import type { SessionClaims } from "@/lib/auth/session-state";
import { newTotpSecret, stepAt, totpCodeAt } from "@/lib/auth/totp";
import { THROTTLE } from "@/lib/auth/throttle";
import { createUser } from "@/lib/domain/user/mutations";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/domain/user/security-enrolment";
import { resetUserTwoFactor, setRequireTwoFactorForAll } from "@/lib/domain/user/security";
import { reauthenticate } from "@/lib/auth/reauth";
import type { Viewer } from "@/lib/auth/viewer";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFreshAdmin, system } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const PASSWORD = "a long enough password";
const meta = { requestId: "t", ip: "127.0.0.1" };
const t0 = new Date("2026-11-28T09:00:00Z"); // a step boundary
const sec = Math.floor(t0.getTime() / 1000);
const at = (s: number) => new Date((sec + s) * 1000);
let n = 0;

async function newUser(role: "LAWYER" | "ADMIN" | "CASEWORKER", secret?: string) {
  const email = `totp.${++n}.${Date.now()}@test.example`;
  const { id } = await createUser(system, { email, displayName: `T ${n}`, role, password: PASSWORD, teamIds: [] });
  if (secret) await db.prisma.user.update({ where: { id }, data: { totpSecretEnc: encryptField(secret, { table: "User", id, field: "totpSecretEnc" }), totpEnabledAt: t0 } });
  return { id, email };
}
async function signIn(email: string, now = t0): Promise<SessionClaims> {
  const r = await authorizeCredentials({ email, password: PASSWORD }, { ip: "127.0.0.1", userAgent: null, now });
  if (!r) throw new Error("password refused");
  return { uid: r.id, sv: r.sv, sid: r.sid };
}
const pendingOf = async (c: SessionClaims, now = t0) => (await resolvePendingSession(c, meta, now))!;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => db?.close());

describe("second factor at sign-in", () => {
  it("a password-only session gets no viewer; a valid code makes it a full session", async () => {
    const secret = newTotpSecret();
    const u = await newUser("LAWYER", secret);
    const claims = await signIn(u.email);
    expect(await resolveViewer(claims, meta, t0)).toBeNull();
    const pending = await pendingOf(claims);
    expect(pending).toMatchObject({ userId: u.id, step: "code" });
    expect(await completeSignInCode(pending, await totpCodeAt(secret, sec), t0)).toBe("ok");
    expect((await resolveViewer(claims, meta, t0))?.id).toBe(u.id);
    expect(await resolvePendingSession(claims, meta, t0)).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "auth.2fa.login.success", entityId: u.id } })).toBe(1);
  });

  it("a code is accepted once: replaying it on another session is refused and audited", async () => {
    const secret = newTotpSecret();
    const u = await newUser("LAWYER", secret);
    const code = await totpCodeAt(secret, sec);
    expect(await completeSignInCode(await pendingOf(await signIn(u.email)), code, t0)).toBe("ok");
    const second = await signIn(u.email);
    expect(await completeSignInCode(await pendingOf(second), code, at(5))).toBe("invalid");
    expect(await resolveViewer(second, meta, at(5))).toBeNull();
    // The next step's code still works.
    expect(await completeSignInCode(await pendingOf(second, at(30)), await totpCodeAt(secret, sec + 30), at(30))).toBe("ok");
    expect(await db.prisma.auditLog.count({ where: { action: "auth.2fa.login.failure", entityId: u.id } })).toBe(1);
  });

  it("two requests racing with the same code: exactly one wins", async () => {
    const secret = newTotpSecret();
    const u = await newUser("ADMIN", secret);
    const [a, b] = [await pendingOf(await signIn(u.email)), await pendingOf(await signIn(u.email))];
    const code = await totpCodeAt(secret, sec);
    const results = await Promise.all([completeSignInCode(a, code, t0), completeSignInCode(b, code, t0)]);
    expect(results.sort()).toEqual(["invalid", "ok"]);
  });

  it("accepts one step of clock drift either way, not two", async () => {
    const secret = newTotpSecret();
    const u = await newUser("LAWYER", secret);
    const claims = await signIn(u.email);
    expect(await completeSignInCode(await pendingOf(claims), await totpCodeAt(secret, sec - 60), t0)).toBe("invalid");
    expect(await completeSignInCode(await pendingOf(claims), await totpCodeAt(secret, sec + 60), t0)).toBe("invalid");
    expect(await completeSignInCode(await pendingOf(claims), await totpCodeAt(secret, sec - 30), t0)).toBe("ok");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).totpLastStep).toBe(stepAt(sec - 30));
  });

  it("locks code entry after 10 wrong codes, even for the right one", async () => {
    const secret = newTotpSecret();
    const u = await newUser("LAWYER", secret);
    const pending = await pendingOf(await signIn(u.email));
    const right = await totpCodeAt(secret, sec);
    const wrong = right === "000000" ? "000001" : "000000";
    for (let i = 0; i < THROTTLE.codeFailures; i++) expect(await completeSignInCode(pending, wrong, t0)).toBe("invalid");
    expect(await completeSignInCode(pending, right, t0)).toBe("locked");
  });

  it("60 parallel wrong codes: at most the limit are checked, the rest refused unchecked (S2, issue 12)", async () => {
    const secret = newTotpSecret();
    const u = await newUser("LAWYER", secret);
    const pending = await pendingOf(await signIn(u.email));
    const right = await totpCodeAt(secret, sec);
    const wrong = right === "000000" ? "000001" : "000000";
    const results = await Promise.all(Array.from({ length: 60 }, () => completeSignInCode(pending, wrong, t0)));
    const checked = results.filter((r) => r === "invalid").length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(THROTTLE.codeFailures);
    expect(results.filter((r) => r === "locked")).toHaveLength(60 - checked);
    // The right code is refused too until the delay ends, then accepted.
    expect(await completeSignInCode(pending, right, t0)).toBe("locked");
    expect(await completeSignInCode(pending, await totpCodeAt(secret, sec + 30), at(30))).toBe("ok");
  });

  it("stores the secret encrypted", async () => {
    const secret = newTotpSecret();
    const u = await newUser("LAWYER", secret);
    const raw = await db.prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { totpSecretEnc: true } });
    expect(raw.totpSecretEnc).not.toContain(secret);
    expect(raw.totpSecretEnc).toMatch(/^v2\./);
  });
});

describe("enrolment", () => {
  it("a lawyer without an authenticator must enrol before reaching anything", async () => {
    const u = await newUser("LAWYER");
    const claims = await signIn(u.email);
    expect(await resolveViewer(claims, meta, t0)).toBeNull();
    const pending = await pendingOf(claims);
    expect(pending.step).toBe("enrolment");
    const subject = { userId: u.id, email: u.email, sessionId: claims.sid, actor: system };
    const { secret, uri } = await startTotpEnrolment(subject, t0);
    expect((await startTotpEnrolment(subject, t0)).secret).toBe(secret); // reload shows the same QR
    expect(uri).toContain(`secret=${secret}`);
    expect(await confirmTotpEnrolment(subject, "123456" === (await totpCodeAt(secret, sec)) ? "654321" : "123456", t0)).toBe(false);
    expect(await confirmTotpEnrolment(subject, await totpCodeAt(secret, sec), t0)).toBe(true);
    expect((await resolveViewer(claims, meta, t0))?.id).toBe(u.id);
    expect(await db.prisma.auditLog.count({ where: { action: "auth.2fa.enrol", entityId: u.id } })).toBe(1);
  });

  it("60 parallel wrong confirmation codes: at most the limit are checked, the rest refused unchecked (S2)", async () => {
    const u = await newUser("LAWYER");
    const claims = await signIn(u.email);
    const subject = { userId: u.id, email: u.email, sessionId: claims.sid, actor: system };
    const { secret } = await startTotpEnrolment(subject, t0);
    const right = await totpCodeAt(secret, sec);
    const wrong = right === "000000" ? "000001" : "000000";
    const results = await Promise.all(Array.from({ length: 60 }, () => confirmTotpEnrolment(subject, wrong, t0).then(String, (e: { message?: string }) => e.message ?? "error")));
    const checked = results.filter((r) => r === "false").length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(THROTTLE.codeFailures);
    expect(results.filter((r) => r === "tooManyAttempts")).toHaveLength(60 - checked);
    // The right code waits for the delay too, then confirms.
    await expect(confirmTotpEnrolment(subject, right, t0)).rejects.toMatchObject({ code: "FORBIDDEN", message: "tooManyAttempts" });
    expect(await confirmTotpEnrolment(subject, await totpCodeAt(secret, sec + 30), at(30))).toBe(true);
  });

  it("a pending secret belongs to the session that started the set-up (issue 12, item 6)", async () => {
    const u = await newUser("LAWYER");
    // Two sessions of one person past the password, both owing an authenticator: the owner (A)
    // and someone else who knows the password (B).
    const [a, b] = [await signIn(u.email), await signIn(u.email)];
    const subject = (c: SessionClaims) => ({ userId: u.id, email: u.email, sessionId: c.sid, actor: system });
    const enrolled = async () => (await db.prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { totpEnabledAt: true } })).totpEnabledAt;
    const { secret } = await startTotpEnrolment(subject(a), t0);

    // B cannot confirm A's secret with A's codes, even without starting a set-up of its own.
    await expect(confirmTotpEnrolment(subject(b), await totpCodeAt(secret, sec), t0)).rejects.toMatchObject({ code: "INVALID", message: "enrolmentReplaced" });
    expect(await enrolled()).toBeNull();

    // B starting a set-up gets a secret of its own, never A's…
    const other = await startTotpEnrolment(subject(b), t0);
    expect(other.secret).not.toBe(secret);
    expect(other.uri).not.toContain(secret);
    expect((await startTotpEnrolment(subject(b), t0)).secret).toBe(other.secret); // B's reload keeps B's
    // …and A's codes do not confirm it.
    expect(await confirmTotpEnrolment(subject(b), await totpCodeAt(secret, sec), t0)).toBe(false);
    expect(await enrolled()).toBeNull();
    // A's secret was replaced: A is told to start over, and nothing is enrolled.
    await expect(confirmTotpEnrolment(subject(a), await totpCodeAt(secret, sec), t0)).rejects.toMatchObject({ code: "INVALID", message: "enrolmentReplaced" });
    expect(await enrolled()).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "auth.2fa.enrol.restart", entityId: u.id } })).toBe(1);

    // A starts over (replacing B's), completes, and B's session is over.
    const again = await startTotpEnrolment(subject(a), t0);
    expect(again.secret).not.toBe(other.secret);
    await expect(confirmTotpEnrolment(subject(b), await totpCodeAt(other.secret, sec), t0)).rejects.toMatchObject({ message: "enrolmentReplaced" });
    expect(await confirmTotpEnrolment(subject(a), await totpCodeAt(again.secret, sec + 30), at(30))).toBe(true);
    expect(await enrolled()).not.toBeNull();
    expect((await resolveViewer(a, meta, at(30)))?.id).toBe(u.id);
    expect(await resolveViewer(b, meta, at(30))).toBeNull();
    expect(await resolvePendingSession(b, meta, at(30))).toBeNull();
  });

  it("with no second session, the owner's set-up completes undisturbed", async () => {
    const u = await newUser("LAWYER");
    const a = await signIn(u.email);
    const subject = { userId: u.id, email: u.email, sessionId: a.sid, actor: system };
    const { secret } = await startTotpEnrolment(subject, t0);
    expect(await confirmTotpEnrolment(subject, await totpCodeAt(secret, sec), t0)).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { action: "auth.2fa.enrol.restart", entityId: u.id } })).toBe(0);
  });

  it("caseworkers need it only when the admin requires it for everyone", async () => {
    const admin = await makeFreshAdmin();
    const u = await newUser("CASEWORKER");
    expect(await resolveViewer(await signIn(u.email), meta, t0)).not.toBeNull();
    await setRequireTwoFactorForAll(admin, { requireForAll: true });
    const claims = await signIn(u.email);
    expect(await resolveViewer(claims, meta, t0)).toBeNull();
    expect((await pendingOf(claims)).step).toBe("enrolment");
    await setRequireTwoFactorForAll(admin, { requireForAll: false });
    expect(await resolveViewer(claims, meta, t0)).not.toBeNull();
  });
});

describe("admin reset", () => {
  it("needs the admin's fresh re-auth, clears the secret, ends the user's sessions, audited", async () => {
    const adminSecret = newTotpSecret();
    const adminUser = await newUser("ADMIN", adminSecret);
    const adminClaims = await signIn(adminUser.email);
    await completeSignInCode(await pendingOf(adminClaims), await totpCodeAt(adminSecret, sec), t0);
    const admin = (await resolveViewer(adminClaims, meta, t0)) as Viewer;
    const secret = newTotpSecret();
    const u = await newUser("LAWYER", secret);
    const lawyerClaims = await signIn(u.email);
    await completeSignInCode(await pendingOf(lawyerClaims), await totpCodeAt(secret, sec), t0);

    await expect(resetUserTwoFactor(admin, { userId: u.id }, t0)).rejects.toMatchObject({ code: "FORBIDDEN", message: "reauthRequired" });
    expect(await reauthenticate(admin, { password: PASSWORD, code: await totpCodeAt(adminSecret, sec + 30) }, at(30))).toBe("ok");
    await resetUserTwoFactor(admin, { userId: u.id }, at(31));
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(after).toMatchObject({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null });
    expect(await resolveViewer(lawyerClaims, meta, at(31))).toBeNull();
    // Not even a half-signed-in session that could set up a new authenticator: whoever holds the
    // old cookie (the lost phone's browser) must sign in again with the password.
    expect(await resolvePendingSession(lawyerClaims, meta, at(31))).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "user.2fa.reset", entityId: u.id } })).toBe(1);
  });
});
