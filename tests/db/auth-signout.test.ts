// S5 through next-auth itself: signing out (POST /api/auth/signout, which runs the signOut event
// of lib/auth/options.ts) ends every session of the user — a cookie copied to another machine,
// or another browser, dies with it. A session that has passed only the password ends alone:
// knowing the password must not let anyone sign the real user out everywhere. On both engines.
import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { encryptField } from "@/lib/crypto/field";
import { completeSignInCode } from "@/lib/auth/pending";
import { resolvePendingSession, resolveViewer } from "@/lib/auth/resolve-session";
import type { SessionClaims } from "@/lib/auth/session-state";
import { newTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import { createUser } from "@/lib/domain/user/mutations";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, system } from "./fixtures";

type Handler = (p: { req: Request; options: NextAuthOptions }) => Promise<unknown>;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let authOptions: NextAuthOptions;
let AuthHandler: Handler;
let toResponse: (r: unknown) => Response;
const ORIGIN = "https://haven.example.org";
const PASSWORD = "a long enough password";
const meta = { requestId: "t", ip: "203.0.113.7" };
const saved = { url: process.env.NEXTAUTH_URL, secret: process.env.NEXTAUTH_SECRET };
let n = 0;

beforeAll(async () => {
  ensureTestKeys();
  // Set before lib/auth/options is imported: the cookie names are fixed when it loads.
  process.env.NEXTAUTH_URL = ORIGIN;
  process.env.NEXTAUTH_SECRET = "a-test-secret-that-is-long-enough-1234567890";
  db = await createTestDatabase();
  usePrisma(db.prisma);
  // The same two functions the App Router handler (next-auth/next) runs, minus next/headers.
  const load = createRequire(import.meta.url);
  ({ AuthHandler } = load(path.resolve("node_modules/next-auth/core/index.js")) as { AuthHandler: Handler });
  ({ toResponse } = load(path.resolve("node_modules/next-auth/next/utils.js")) as { toResponse(r: unknown): Response });
  authOptions = { ...(await import("@/lib/auth/options")).authOptions, secret: process.env.NEXTAUTH_SECRET };
});
afterAll(async () => {
  process.env.NEXTAUTH_URL = saved.url;
  process.env.NEXTAUTH_SECRET = saved.secret;
  await db?.close();
});

const call = async (url: string, init?: RequestInit) => toResponse(await AuthHandler({ req: new Request(`${ORIGIN}${url}`, init), options: authOptions }));
const cookiePairs = (r: Response) => r.headers.getSetCookie().map((l) => l.split(";")[0]!);

type Browser = { cookie: string; csrfToken: string; claims: SessionClaims };

/** Signs in as a browser would (CSRF token, then the credentials callback); returns its cookies and the token's claims. */
async function signIn(email: string): Promise<Browser> {
  const csrf = await call("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiePairs(csrf).join("; ");
  const signedIn = await call("/api/auth/callback/credentials", {
    method: "POST",
    body: JSON.stringify({ email, password: PASSWORD, csrfToken, json: "true" }),
    headers: { "content-type": "application/json", cookie: csrfCookie, "x-forwarded-for": meta.ip },
  });
  const session = cookiePairs(signedIn).find((c) => c.startsWith("__Secure-next-auth.session-token="));
  if (!session) throw new Error("sign-in set no session cookie");
  const cookie = `${csrfCookie}; ${session}`;
  const claims = (await (await call("/api/auth/session", { headers: { cookie } })).json()) as SessionClaims;
  return { cookie, csrfToken, claims };
}

async function signOut(browser: Browser): Promise<void> {
  const r = await call("/api/auth/signout", {
    method: "POST",
    body: JSON.stringify({ csrfToken: browser.csrfToken, json: "true" }),
    headers: { "content-type": "application/json", cookie: browser.cookie },
  });
  // The browser's own cookie is cleared either way.
  expect(cookiePairs(r)).toContain("__Secure-next-auth.session-token=");
}

async function newUser(role: "CASEWORKER" | "LAWYER", secret?: string) {
  const email = `signout.${++n}.${Date.now()}@test.example`;
  const { id } = await createUser(system, { email, displayName: `Sign-out ${n}`, role, password: PASSWORD, teamIds: [] });
  if (secret) await db.prisma.user.update({ where: { id }, data: { totpSecretEnc: encryptField(secret, { table: "User", id, field: "totpSecretEnc" }), totpEnabledAt: new Date() } });
  return { id, email };
}
const sessionVersion = async (id: string) => (await db.prisma.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

describe("sign-out (S5)", () => {
  it("ends every session of the user, not only this browser's", async () => {
    const u = await newUser("CASEWORKER");
    const laptop = await signIn(u.email);
    const copied = await signIn(u.email); // another browser, or a copy of the cookie elsewhere
    expect(laptop.claims.sid).not.toBe(copied.claims.sid);
    expect(await resolveViewer(copied.claims, meta)).not.toBeNull();
    const before = await sessionVersion(u.id);

    await signOut(laptop);
    expect(await resolveViewer(laptop.claims, meta)).toBeNull();
    expect(await resolveViewer(copied.claims, meta)).toBeNull();
    expect(await sessionVersion(u.id)).toBe(before + 1);
    expect(await db.prisma.userSession.count({ where: { userId: u.id, revokedAt: null } })).toBe(0);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "auth.logout", entityId: u.id }, select: { meta: true } });
    expect(audit.map((a) => a.meta)).toEqual([{ scope: "all" }]);
  });

  it("a session still owing its second factor ends only itself", async () => {
    const secret = newTotpSecret();
    const u = await newUser("LAWYER", secret);
    const owner = await signIn(u.email);
    const pending = await resolvePendingSession(owner.claims, meta);
    expect(await completeSignInCode(pending!, await totpCodeAt(secret, Math.floor(Date.now() / 1000)))).toBe("ok");
    const intruder = await signIn(u.email); // knows the password, not the code
    expect(await resolveViewer(intruder.claims, meta)).toBeNull();
    const before = await sessionVersion(u.id);

    await signOut(intruder);
    expect(await resolveViewer(owner.claims, meta)).not.toBeNull();
    expect(await sessionVersion(u.id)).toBe(before);
    expect((await db.prisma.userSession.findUniqueOrThrow({ where: { id: intruder.claims.sid } })).revokedAt).not.toBeNull();
  });
});
