// Session cookie flags (S6). HttpOnly keeps the token away from scripts, SameSite=Lax keeps it
// off cross-site POSTs, and over https the cookie is Secure and carries the __Secure- prefix, so
// a network attacker or a plain-http subdomain cannot plant or read it.
import type { CookiesOptions } from "next-auth";

export const SESSION_COOKIE_BASENAME = "next-auth.session-token";

export function isHttpsUrl(url: string | undefined): boolean {
  return Boolean(url?.trim().toLowerCase().startsWith("https://"));
}

export function sessionCookieName(appUrl: string | undefined): string {
  return isHttpsUrl(appUrl) ? `__Secure-${SESSION_COOKIE_BASENAME}` : SESSION_COOKIE_BASENAME;
}

export function authCookies(appUrl: string | undefined): Partial<CookiesOptions> {
  const secure = isHttpsUrl(appUrl);
  return {
    sessionToken: {
      name: sessionCookieName(appUrl),
      options: { httpOnly: true, sameSite: "lax", path: "/", secure },
    },
  };
}
