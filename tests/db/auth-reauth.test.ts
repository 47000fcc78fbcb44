// Re-authentication stamps (S7): sensitive actions without a fresh stamp are refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { encryptField } from "@/lib/crypto/field";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { completeSignInCode } from "@/lib/auth/pending";
import { resolvePendingSession, resolveViewer } from "@/lib/auth/resolve-session";
import { REAUTH_MAX_AGE_MS, reauthenticate, requireRecentReauth } from "@/lib/auth/reauth";
import { THROTTLE } from "@/lib/auth/throttle";
import { newTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import type { Viewer } from "@/lib/auth/viewer";
import { createUser } from "@/lib/domain/user/mutations";
import { changeOwnPassword } from "@/lib/domain/user/security-account";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, system } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const PASSWORD = "a long enough password";
const meta = { requestId: "t", ip: "127.0.0.1" };
const t0 = new Date("2026-11-28T09:00:00Z");
const sec = Math.floor(t0.getTime() / 1000);
const at = (ms: number) => new Date(t0.getTime() + ms);
let n = 0;

async function signedIn(role: "CASEWORKER" | "LAWYER", secret?: string): Promise<Viewer> {
  const email = `reauth.${++n}.${Date.now()}@test.example`;
  const { id } = await createUser(system, { email, displayName: `R ${n}`, role, password: PASSWORD, teamIds: [] });
  if (secret) await db.prisma.user.update({ where: { id }, data: { totpSecretEnc: encryptField(secret, { table: "User", id, field: "totpSecretEnc" }), totpEnabledAt: t0 } });
  const r = (await authorizeCredentials({ email, password: PASSWORD }, { ip: "127.0.0.1", userAgent: null, now: t0 }))!;
  const claims = { uid: r.id, sv: r.sv, sid: r.sid };
  if (secret) await completeSignInCode((await resolvePendingSession(claims, meta, t0))!, await totpCodeAt(secret, sec), t0);
  return (await resolveViewer(claims, meta, t0))!;
}

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => db?.close());

describe("requireRecentReauth", () => {
  it("refuses without a stamp, accepts for 5 minutes after the password, then refuses again", async () => {
    const viewer = await signedIn("CASEWORKER");
    await expect(requireRecentReauth(viewer, undefined, t0)).rejects.toMatchObject({ code: "FORBIDDEN", message: "reauthRequired" });
    expect(await reauthenticate(viewer, { password: "not my password" }, t0)).toBe("invalid");
    await expect(requireRecentReauth(viewer, undefined, t0)).rejects.toMatchObject({ message: "reauthRequired" });
    expect(await reauthenticate(viewer, { password: PASSWORD }, t0)).toBe("ok");
    await expect(requireRecentReauth(viewer, undefined, at(REAUTH_MAX_AGE_MS))).resolves.toBeUndefined();
    await expect(requireRecentReauth(viewer, undefined, at(REAUTH_MAX_AGE_MS + 1))).rejects.toMatchObject({ message: "reauthRequired" });
    await expect(requireRecentReauth(viewer, 60_000, at(60_001))).rejects.toMatchObject({ message: "reauthRequired" });
  });

  it("the stamp belongs to one session, not to the user", async () => {
    const viewer = await signedIn("CASEWORKER");
    expect(await reauthenticate(viewer, { password: PASSWORD }, t0)).toBe("ok");
    await expect(requireRecentReauth({ ...viewer, sessionId: null }, undefined, t0)).rejects.toMatchObject({ message: "reauthRequired" });
    const r = (await authorizeCredentials({ email: viewer.email, password: PASSWORD }, { ip: "127.0.0.1", userAgent: null, now: t0 }))!;
    await expect(requireRecentReauth({ ...viewer, sessionId: r.sid }, undefined, t0)).rejects.toMatchObject({ message: "reauthRequired" });
  });

  it("where 2FA is enrolled, the password alone is not enough; the code must be fresh", async () => {
    const secret = newTotpSecret();
    const viewer = await signedIn("LAWYER", secret);
    expect(await reauthenticate(viewer, { password: PASSWORD }, at(30_000))).toBe("invalid");
    // The sign-in code was already used: replaying it is refused.
    expect(await reauthenticate(viewer, { password: PASSWORD, code: await totpCodeAt(secret, sec) }, at(30_000))).toBe("invalid");
    expect(await reauthenticate(viewer, { password: PASSWORD, code: await totpCodeAt(secret, sec + 30) }, at(30_000))).toBe("ok");
    await expect(requireRecentReauth(viewer, undefined, at(30_000))).resolves.toBeUndefined();
    expect(await db.prisma.auditLog.count({ where: { action: "auth.2fa.reauth.success", entityId: viewer.id } })).toBe(1);
  });

  it("password guessing through re-authentication is throttled like sign-in (S2)", async () => {
    const viewer = await signedIn("CASEWORKER");
    // (After the sign-in at t0: a success resets the count.)
    for (let i = 0; i < THROTTLE.accountFailures; i++) expect(await reauthenticate(viewer, { password: `wrong ${i}` }, at(500))).toBe("invalid");
    expect(await reauthenticate(viewer, { password: PASSWORD }, at(1000))).toBe("locked");
    await expect(requireRecentReauth(viewer, undefined, at(1000))).rejects.toMatchObject({ message: "reauthRequired" });
    expect(await db.prisma.auditLog.count({ where: { action: "auth.reauth.failure", entityId: viewer.id } })).toBe(THROTTLE.accountFailures + 1);
  });

  it("a password change without a fresh stamp is refused and changes nothing", async () => {
    const viewer = await signedIn("CASEWORKER");
    const before = await db.prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true, sessionVersion: true } });
    await expect(changeOwnPassword(viewer, { newPassword: "another long passphrase", confirmPassword: "another long passphrase" }, t0)).rejects.toMatchObject({ message: "reauthRequired" });
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { passwordHash: true, sessionVersion: true } })).toEqual(before);
  });

  it("60 parallel wrong passwords through re-authentication: at most the limit are checked (S2, issue 12)", async () => {
    const viewer = await signedIn("CASEWORKER");
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => reauthenticate(viewer, { password: `wrong ${i}` }, at(500))));
    const checked = results.filter((r) => r === "invalid").length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(THROTTLE.accountFailures);
    expect(results.filter((r) => r === "locked")).toHaveLength(60 - checked);
    // One audit row per checked failure, and one per burst of throttled attempts — not one per
    // attempt (a second burst only when lock contention refused some before the limit was reached).
    const rows = await db.prisma.auditLog.findMany({ where: { action: "auth.reauth.failure", entityId: viewer.id }, select: { meta: true } });
    const reasons = rows.map((r) => (r.meta as { reason?: string }).reason);
    expect(reasons.filter((r) => r === "wrong-password")).toHaveLength(checked);
    expect(reasons.filter((r) => r === "throttled").length).toBeGreaterThanOrEqual(1);
    expect(reasons.filter((r) => r === "throttled").length).toBeLessThanOrEqual(2);
  });
});
