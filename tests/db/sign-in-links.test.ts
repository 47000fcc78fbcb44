// Sign-in links (S23 in use): an administrator makes a one-time link, the person sets their own
// password with it. Single use, expiring, replaced by a newer link, refused for disabled
// accounts, behind the administrator's fresh re-authentication, and only a hash stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { resolvePendingSession, resolveViewer } from "@/lib/auth/resolve-session";
import { completeSignInCode } from "@/lib/auth/pending";
import { newTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import { encryptField } from "@/lib/crypto/field";
import { reauthenticate } from "@/lib/auth/reauth";
import type { Viewer } from "@/lib/auth/viewer";
import { createUser, setUserDisabled } from "@/lib/domain/user/mutations";
import { createSignInLink, describeSignInLink, setPasswordWithLink, SIGN_IN_LINK_TTL_MS } from "@/lib/domain/user/sign-in-links";
import { hashToken } from "@/lib/security/tokens";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, system } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const ADMIN_PASSWORD = "the administrator's long password";
const meta = { requestId: "t", ip: "127.0.0.1" };
const t0 = new Date("2026-11-28T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
let n = 0;
let admin: Viewer;

async function signInClaims(email: string, password: string, now = t0) {
  const r = await authorizeCredentials({ email, password }, { ip: `10.0.0.${++n % 250}`, userAgent: null, now });
  return r ? { uid: r.id, sv: r.sv, sid: r.sid } : null;
}

async function signIn(email: string, password: string, now = t0): Promise<Viewer | null> {
  const claims = await signInClaims(email, password, now);
  return claims ? resolveViewer(claims, meta, now) : null;
}

async function newUser(password?: string): Promise<{ id: string; email: string; hasPassword: boolean }> {
  const email = `link.${++n}.${Date.now()}@test.example`;
  const created = await createUser(system, { email, displayName: `Link ${n}`, role: "CASEWORKER", password: password ?? "", teamIds: [] });
  return { ...created, email };
}

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  // Administrators need their second factor (S4): enrol one, sign in with a code, re-authenticate.
  const email = `link.admin.${Date.now()}@test.example`;
  const secret = newTotpSecret();
  const { id } = await createUser(system, { email, displayName: "Link admin", role: "ADMIN", password: ADMIN_PASSWORD, teamIds: [] });
  await db.prisma.user.update({ where: { id }, data: { totpSecretEnc: encryptField(secret, { table: "User", id, field: "totpSecretEnc" }), totpEnabledAt: t0 } });
  const claims = (await signInClaims(email, ADMIN_PASSWORD))!;
  const sec = Math.floor(t0.getTime() / 1000);
  await completeSignInCode((await resolvePendingSession(claims, meta, t0))!, await totpCodeAt(secret, sec), t0);
  admin = (await resolveViewer(claims, meta, t0))!;
  expect(await reauthenticate(admin, { password: ADMIN_PASSWORD, code: await totpCodeAt(secret, sec + 30) }, t0)).toBe("ok");
});
afterAll(async () => db?.close());

describe("accounts created without a password", () => {
  it("cannot be signed into with any password, not even an empty one", async () => {
    const u = await newUser();
    expect(u.hasPassword).toBe(false);
    expect(await signIn(u.email, "")).toBeNull();
    expect(await signIn(u.email, "a long enough password")).toBeNull();
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe("createSignInLink + setPasswordWithLink", () => {
  it("sets the person's own password once; the link then stops working", async () => {
    const u = await newUser();
    const { token, expiresAt } = await createSignInLink(admin, { userId: u.id }, t0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - t0.getTime()).toBe(SIGN_IN_LINK_TTL_MS);
    // Only the hash is stored.
    const stored = await db.prisma.oneTimeToken.findMany({ where: { userId: u.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await describeSignInLink(token, at(1000))).toMatchObject({ email: u.email, displayName: expect.stringMatching(/^Link /) });
    const longPassword = "p".repeat(72) + "q".repeat(56); // 128 characters, differs after the 72nd
    await setPasswordWithLink({ token, newPassword: longPassword, confirmPassword: longPassword }, at(2000));
    expect(await signIn(u.email, longPassword, at(3000))).not.toBeNull();
    expect(await signIn(u.email, "p".repeat(72) + "r".repeat(56), at(3000))).toBeNull();

    expect(await describeSignInLink(token, at(4000))).toBeNull();
    await expect(setPasswordWithLink({ token, newPassword: "another long passphrase 7", confirmPassword: "another long passphrase 7" }, at(5000)))
      .rejects.toMatchObject({ code: "INVALID", message: "linkInvalid" });
    expect(await signIn(u.email, "another long passphrase 7", at(6000))).toBeNull();
    const audit = await db.prisma.auditLog.findMany({ where: { entityId: u.id, action: { in: ["user.signInLink.create", "auth.password.setWithLink"] } }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["auth.password.setWithLink", "user.signInLink.create"]);
  });

  it("an expired link sets nothing", async () => {
    const u = await newUser();
    const { token } = await createSignInLink(admin, { userId: u.id }, t0);
    const pw = "a perfectly good passphrase";
    expect(await describeSignInLink(token, at(SIGN_IN_LINK_TTL_MS + 1))).toBeNull();
    await expect(setPasswordWithLink({ token, newPassword: pw, confirmPassword: pw }, at(SIGN_IN_LINK_TTL_MS + 1))).rejects.toMatchObject({ message: "linkInvalid" });
    expect(await signIn(u.email, pw)).toBeNull();
  });

  it("a newer link replaces the earlier one", async () => {
    const u = await newUser();
    const first = await createSignInLink(admin, { userId: u.id }, t0);
    const second = await createSignInLink(admin, { userId: u.id }, at(1000));
    const pw = "a perfectly good passphrase";
    await expect(setPasswordWithLink({ token: first.token, newPassword: pw, confirmPassword: pw }, at(2000))).rejects.toMatchObject({ message: "linkInvalid" });
    await setPasswordWithLink({ token: second.token, newPassword: pw, confirmPassword: pw }, at(3000));
    expect(await signIn(u.email, pw, at(4000))).not.toBeNull();
  });

  it("a refused password leaves the link usable (validation before using it up)", async () => {
    const u = await newUser();
    const { token } = await createSignInLink(admin, { userId: u.id }, t0);
    await expect(setPasswordWithLink({ token, newPassword: "short", confirmPassword: "short" }, at(1000))).rejects.toThrow();
    await expect(setPasswordWithLink({ token, newPassword: "password1234", confirmPassword: "password1234" }, at(1000))).rejects.toThrow();
    await expect(setPasswordWithLink({ token, newPassword: "a perfectly good passphrase", confirmPassword: "a different passphrase" }, at(1000))).rejects.toThrow();
    expect(await describeSignInLink(token, at(2000))).not.toBeNull();
  });

  it("ends the account's sessions (a forgotten-password reset signs out whoever is signed in)", async () => {
    const oldPw = "the old long password";
    const u = await newUser(oldPw);
    const before = (await signInClaims(u.email, oldPw))!;
    expect(await resolveViewer(before, meta, t0)).not.toBeNull();
    const { token } = await createSignInLink(admin, { userId: u.id }, t0);
    const pw = "the new long password";
    await setPasswordWithLink({ token, newPassword: pw, confirmPassword: pw }, at(1000));
    expect(await resolveViewer(before, meta, at(2000))).toBeNull();
    expect(await signIn(u.email, oldPw, at(3000))).toBeNull();
  });

  it("refuses disabled accounts, strangers' tokens and malformed input", async () => {
    const u = await newUser();
    const { token } = await createSignInLink(admin, { userId: u.id }, t0);
    await setUserDisabled(system, { userId: u.id, disabled: true });
    const pw = "a perfectly good passphrase";
    expect(await describeSignInLink(token, at(1000))).toBeNull();
    await expect(setPasswordWithLink({ token, newPassword: pw, confirmPassword: pw }, at(1000))).rejects.toMatchObject({ message: "linkInvalid" });
    await expect(createSignInLink(admin, { userId: u.id }, at(1000))).rejects.toMatchObject({ code: "INVALID" });
    await expect(setPasswordWithLink({ token: "A".repeat(43), newPassword: pw, confirmPassword: pw }, at(1000))).rejects.toMatchObject({ message: "linkInvalid" });
    expect(await describeSignInLink("../../etc/passwd", at(1000))).toBeNull();
    expect(await describeSignInLink(undefined, at(1000))).toBeNull();
    await expect(setPasswordWithLink({ token, newPassword: pw, confirmPassword: pw, role: "ADMIN" }, at(1000))).rejects.toThrow();
  });

  it("needs an administrator with a fresh re-authentication", async () => {
    const u = await newUser();
    await expect(createSignInLink(admin, { userId: u.id }, at(60 * 60_000))).rejects.toMatchObject({ message: "reauthRequired" });
    const lawyerEmail = `link.lawyer.${Date.now()}@test.example`;
    const { id: lawyerId } = await createUser(system, { email: lawyerEmail, displayName: "Lawyer", role: "LAWYER", password: ADMIN_PASSWORD, teamIds: [] });
    // The permission check comes first: a lawyer's viewer (built here directly) is refused.
    const lawyer: Viewer = { ...admin, id: lawyerId, email: lawyerEmail, role: "LAWYER" };
    await expect(createSignInLink(lawyer, { userId: u.id }, t0)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createSignInLink(admin, { userId: "cnosuchrecord0000000000000" }, t0)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.prisma.oneTimeToken.count({ where: { userId: u.id } })).toBe(0);
  });
});
