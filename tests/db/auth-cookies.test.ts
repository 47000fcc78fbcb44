// S6 through next-auth itself: sign in over https and read the Set-Cookie lines it sends.
import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { createUser } from "@/lib/domain/user/mutations";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, system } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const ORIGIN = "https://haven.example.org";
const saved = { url: process.env.NEXTAUTH_URL, secret: process.env.NEXTAUTH_SECRET };

beforeAll(async () => {
  ensureTestKeys();
  // Set before lib/auth/options is imported: the cookie names are fixed when it loads.
  process.env.NEXTAUTH_URL = ORIGIN;
  process.env.NEXTAUTH_SECRET = "a-test-secret-that-is-long-enough-1234567890";
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => {
  process.env.NEXTAUTH_URL = saved.url;
  process.env.NEXTAUTH_SECRET = saved.secret;
  await db?.close();
});

function attributes(line: string) {
  const [pair, ...attrs] = line.split(";").map((s) => s.trim());
  return { name: pair!.slice(0, pair!.indexOf("=")), attrs: attrs.map((a) => a.toLowerCase()) };
}

describe("session cookie over https (S6)", () => {
  it("is __Secure-, Secure, HttpOnly and SameSite=Lax", async () => {
    // The same two functions the App Router handler (next-auth/next) runs, minus next/headers.
    const load = createRequire(import.meta.url);
    const { AuthHandler } = load(path.resolve("node_modules/next-auth/core/index.js")) as { AuthHandler(p: { req: Request; options: NextAuthOptions }): Promise<unknown> };
    const { toResponse } = load(path.resolve("node_modules/next-auth/next/utils.js")) as { toResponse(r: unknown): Response };
    // As next-auth/next does before calling the core handler.
    const authOptions = { ...(await import("@/lib/auth/options")).authOptions, secret: process.env.NEXTAUTH_SECRET };
    await createUser(system, { email: "cookie@test.example", displayName: "Cookie", role: "CASEWORKER", password: "a long enough password", teamIds: [] });

    const csrf = toResponse(await AuthHandler({ req: new Request(`${ORIGIN}/api/auth/csrf`), options: authOptions }));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((l) => l.split(";")[0]).join("; ");

    const body = JSON.stringify({ email: "cookie@test.example", password: "a long enough password", csrfToken, json: "true" });
    // As behind a trusted reverse proxy at 10.0.0.2: instrumentation.ts's socket hook stamps the
    // peer header, and X-Forwarded-For from that peer is believed (lib/http/client-address.ts).
    (globalThis as { __havenPeerHook?: boolean }).__havenPeerHook = true;
    process.env.HAVEN_TRUSTED_PROXIES = "10.0.0.0/8";
    const signIn = toResponse(await AuthHandler({
      req: new Request(`${ORIGIN}/api/auth/callback/credentials`, {
        method: "POST", body, headers: { "content-type": "application/json", cookie: csrfCookie, "x-forwarded-for": "203.0.113.5", "x-haven-peer": "10.0.0.2" },
      }),
      options: authOptions,
    }));
    const cookies = signIn.headers.getSetCookie().map(attributes);
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session?.name).toBe("__Secure-next-auth.session-token");
    expect(session?.attrs).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
    // Every cookie next-auth sets over https is Secure and HttpOnly.
    for (const c of cookies) expect(c.attrs).toEqual(expect.arrayContaining(["secure", "httponly"]));
    expect(await db.prisma.userSession.count({ where: { ip: "203.0.113.5" } })).toBe(1);
    delete process.env.HAVEN_TRUSTED_PROXIES;
    delete (globalThis as { __havenPeerHook?: boolean }).__havenPeerHook;
  });
});
