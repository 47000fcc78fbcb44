// Server-side sessions (S5): absolute and idle expiry, revocation, sessionVersion bumps, the
// session list, and admins ending a user's sessions. On both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { resolveViewer } from "@/lib/auth/resolve-session";
import { SESSION_LIMITS, type SessionClaims } from "@/lib/auth/session-state";
import { endAllSessions, markReauth } from "@/lib/auth/user-session";
import { reauthenticate } from "@/lib/auth/reauth";
import type { Viewer } from "@/lib/auth/viewer";
import { createUser, setUserDisabled, updateUserAccess } from "@/lib/domain/user/mutations";
import { changeOwnPassword, listOwnSessions, revokeOwnSession } from "@/lib/domain/user/security-account";
import { endUserSessions } from "@/lib/domain/user/security";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFreshAdmin, system } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: Viewer;
const PASSWORD = "a long enough password";
const meta = { requestId: "t", ip: "127.0.0.1" };
const t0 = new Date("2026-11-28T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
let n = 0;

async function newUser(role: "CASEWORKER" | "VIEWER" = "CASEWORKER") {
  const email = `sess.${++n}.${Date.now()}@test.example`;
  const { id } = await createUser(system, { email, displayName: `S ${n}`, role, password: PASSWORD, teamIds: [] });
  return { id, email };
}
async function signIn(email: string, now = t0, password = PASSWORD): Promise<SessionClaims> {
  const r = await authorizeCredentials({ email, password }, { ip: "127.0.0.1", userAgent: "Mozilla/5.0 vitest", now });
  if (!r) throw new Error("sign-in refused");
  return { uid: r.id, sv: r.sv, sid: r.sid };
}
const viewerAt = (claims: SessionClaims, ms = 0) => resolveViewer(claims, meta, at(ms));

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  admin = await makeFreshAdmin();
});
afterAll(async () => db?.close());

describe("session lifetime", () => {
  it("creates a row with a 128-bit id and a 12-hour end; the viewer carries it", async () => {
    const u = await newUser();
    const claims = await signIn(u.email);
    expect(Buffer.from(claims.sid, "base64url")).toHaveLength(16);
    const row = await db.prisma.userSession.findUniqueOrThrow({ where: { id: claims.sid } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(SESSION_LIMITS.absoluteMs);
    expect(row).toMatchObject({ userId: u.id, ip: "127.0.0.1", userAgent: "Mozilla/5.0 vitest" });
    expect((await viewerAt(claims))?.sessionId).toBe(claims.sid);
  });

  it("ends after 30 minutes idle, but activity keeps it alive (lastSeenAt written at most once a minute)", async () => {
    const claims = await signIn((await newUser()).email);
    expect(await viewerAt(claims, 30_000)).not.toBeNull();
    expect((await db.prisma.userSession.findUniqueOrThrow({ where: { id: claims.sid } })).lastSeenAt).toEqual(t0);
    expect(await viewerAt(claims, 20 * 60_000)).not.toBeNull();
    expect((await db.prisma.userSession.findUniqueOrThrow({ where: { id: claims.sid } })).lastSeenAt).toEqual(at(20 * 60_000));
    expect(await viewerAt(claims, 45 * 60_000)).not.toBeNull();
    expect(await viewerAt(claims, 45 * 60_000 + SESSION_LIMITS.idleMs + 1)).toBeNull();
  });

  it("ends 12 hours after sign-in however active it is", async () => {
    const claims = await signIn((await newUser()).email);
    for (let h = 0; h < 12; h += 0.25) expect(await viewerAt(claims, h * 3_600_000)).not.toBeNull();
    expect(await viewerAt(claims, SESSION_LIMITS.absoluteMs)).toBeNull();
  });

  it("refuses a cookie naming someone else's session or an unknown one", async () => {
    const a = await signIn((await newUser()).email);
    const b = await signIn((await newUser()).email);
    expect(await viewerAt({ ...a, sid: b.sid })).toBeNull();
    expect(await viewerAt({ ...a, sid: "AAAAAAAAAAAAAAAAAAAAAA" })).toBeNull();
  });
});

describe("ending sessions", () => {
  it("the user sees their sessions and ends another one; it dies at once, this one lives", async () => {
    const u = await newUser();
    const phone = await signIn(u.email);
    const laptop = await signIn(u.email);
    const viewer = (await viewerAt(laptop))!;
    const listed = await listOwnSessions(viewer, t0);
    expect(listed.map((s) => [s.id, s.isCurrent]).sort()).toEqual([[laptop.sid, true], [phone.sid, false]].sort());
    await revokeOwnSession(viewer, { sessionId: phone.sid }, t0);
    expect(await viewerAt(phone)).toBeNull();
    expect(await viewerAt(laptop)).not.toBeNull();
    expect((await listOwnSessions(viewer, t0)).map((s) => s.id)).toEqual([laptop.sid]);
    expect(await db.prisma.auditLog.count({ where: { action: "auth.session.revoke", entityId: phone.sid } })).toBe(1);
  });

  it("nobody can end another user's session through their own list", async () => {
    const victim = await signIn((await newUser()).email);
    const other = (await viewerAt(await signIn((await newUser()).email)))!;
    await expect(revokeOwnSession(other, { sessionId: victim.sid }, t0)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await viewerAt(victim)).not.toBeNull();
  });

  it("logout (version bump) kills every token of the user", async () => {
    const u = await newUser();
    const [a, b] = [await signIn(u.email), await signIn(u.email)];
    const version = async () => (await db.prisma.user.findUniqueOrThrow({ where: { id: u.id }, select: { sessionVersion: true } })).sessionVersion;
    const before = await version();
    await db.prisma.$transaction((tx) => endAllSessions(tx, u.id, t0));
    expect(await viewerAt(a)).toBeNull();
    expect(await viewerAt(b)).toBeNull();
    expect(await version()).toBe(before + 1);
    expect(await db.prisma.userSession.count({ where: { userId: u.id, revokedAt: null } })).toBe(0);
  });

  it("role change and disabling end the user's sessions on the next request", async () => {
    const u = await newUser();
    const claims = await signIn(u.email);
    await updateUserAccess(admin, { userId: u.id, role: "VIEWER", teamIds: [] });
    expect(await viewerAt(claims)).toBeNull();
    const again = await signIn(u.email);
    await setUserDisabled(admin, { userId: u.id, disabled: true });
    expect(await viewerAt(again)).toBeNull();
  });

  it("a password change (after re-auth) ends every session, the current one too", async () => {
    const u = await newUser();
    const other = await signIn(u.email);
    const claims = await signIn(u.email);
    const viewer = (await viewerAt(claims))!;
    expect(await reauthenticate(viewer, { password: PASSWORD }, t0)).toBe("ok");
    await changeOwnPassword(viewer, { newPassword: "an entirely new passphrase", confirmPassword: "an entirely new passphrase" }, t0);
    expect(await viewerAt(claims)).toBeNull();
    expect(await viewerAt(other)).toBeNull();
    expect(await authorizeCredentials({ email: u.email, password: PASSWORD }, { ip: "127.0.0.9", userAgent: null, now: t0 })).toBeNull();
    expect(await signIn(u.email, t0, "an entirely new passphrase")).toBeTruthy();
  });

  it("an admin ends all of a user's sessions (audited); a non-admin cannot", async () => {
    const u = await newUser();
    const claims = await signIn(u.email);
    const caseworker = (await viewerAt(await signIn((await newUser()).email)))!;
    await expect(endUserSessions(caseworker, { userId: u.id }, t0)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await viewerAt(claims)).not.toBeNull();
    await markReauth(db.prisma, admin.sessionId!, t0); // the admin re-authenticated at the test's "now" (S7)
    await endUserSessions(admin, { userId: u.id }, t0);
    expect(await viewerAt(claims)).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "user.sessions.end", entityId: u.id } })).toBe(1);
  });
});

describe("one statement per request (issue 11)", () => {
  it("reads the session, the user, their teams, the policy and the unread count in one statement", async () => {
    const team = (await db.prisma.team.create({ data: { name: `Sessions one-statement ${Date.now()}` }, select: { id: true } })).id;
    const email = `sess.one.${Date.now()}@test.example`;
    const { id } = await createUser(system, { email, displayName: "One statement", role: "CASEWORKER", password: PASSWORD, teamIds: [team] });
    const claims = await signIn(email);
    for (let i = 0; i < 3; i++) {
      await db.prisma.notification.create({ data: { userId: id, kind: "STATUS_CHANGED", title: "statusChanged", href: "/", dedupeKey: `one-statement-${i}` } });
    }
    await db.prisma.notification.create({ data: { userId: id, kind: "STATUS_CHANGED", title: "statusChanged", href: "/", dedupeKey: "one-statement-read", readAt: new Date() } });
    const sent: string[] = [];
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const logged = new PrismaClient({ adapter: (db.prisma as unknown as { _engineConfig: { adapter: never } })._engineConfig.adapter, log: [{ emit: "event", level: "query" }] });
    logged.$on("query", (e) => { sent.push(e.query); });
    usePrisma(logged);
    try {
      const viewer = await viewerAt(claims); // lastSeenAt is current: no touch
      expect(viewer).toMatchObject({ id, teamIds: [team], role: "CASEWORKER", unreadNotifications: 3 });
      expect(sent.filter((q) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(q.trim()))).toHaveLength(1);
    } finally {
      usePrisma(db.prisma);
    }
  });
});
