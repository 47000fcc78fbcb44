import { describe, expect, it } from "vitest";
import { authCookies, sessionCookieName } from "./cookies";

// The Set-Cookie lines next-auth actually sends are checked in tests/db/auth-cookies.test.ts.
describe("session cookie options (S6)", () => {
  it("over https: __Secure- prefix, Secure, HttpOnly, SameSite=Lax, whole site", () => {
    const c = authCookies("https://haven.example.org").sessionToken!;
    expect(c.name).toBe("__Secure-next-auth.session-token");
    expect(c.options).toMatchObject({ secure: true, httpOnly: true, sameSite: "lax", path: "/" });
  });

  it("over plain http (local demo): HttpOnly and SameSite=Lax, no Secure flag the browser would drop", () => {
    const c = authCookies("http://localhost:3000").sessionToken!;
    expect(c.name).toBe("next-auth.session-token");
    expect(c.options).toMatchObject({ secure: false, httpOnly: true, sameSite: "lax" });
  });

  it("treats an unset URL as plain http and an upper-case scheme as https", () => {
    expect(sessionCookieName(undefined)).toBe("next-auth.session-token");
    expect(sessionCookieName("HTTPS://HAVEN.EXAMPLE")).toBe("__Secure-next-auth.session-token");
  });
});
