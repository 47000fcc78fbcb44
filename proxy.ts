// Next 16 proxy: gives each request an id (for the audit log), sends visitors without a
// session cookie to the sign-in page, and sets security headers with a per-request CSP nonce
// (S15, S16). It is NOT an authorization boundary — every page, action and route checks the
// viewer itself (S8); next.config.ts sends the static headers even when this file is absent.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, DATA_RESPONSE_CSP, isDataResponsePath } from "@/lib/security/csp";
import { HSTS_VALUE, NO_STORE, staticSecurityHeaders } from "@/lib/security/headers";

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const dev = process.env.NODE_ENV === "development";
/** proxyClientMaxBodySize in next.config.ts: a larger declared body is refused here with a clear 413. */
const MAX_BODY_BYTES = 1024 * 1024;

function isHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const nonce = createNonce();
  const https = isHttps(request);
  const csp = contentSecurityPolicy({ nonce, dev, https });
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // Next takes the nonce for its own scripts from the request's CSP header; x-nonce is for
  // server components that render a <Script> themselves.
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const { pathname } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c));
  // Only uploads (/api/uploads/, not behind this proxy) take bodies over 1 MB. Anything else that
  // declares one gets a 413 now, with the security headers, instead of the 500 Next answers after
  // cutting the body off at proxyClientMaxBodySize (issue 12 item 9).
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  const tooLarge = Number.isFinite(declared) && declared > MAX_BODY_BYTES;
  const response = tooLarge
    ? new NextResponse("Request body too large (at most 1 MB).", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" } })
    : !isPublic && !hasSession && request.method === "GET" && !request.headers.has("next-action")
      ? NextResponse.redirect(new URL("/login", request.url))
      : NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  for (const { key, value } of staticSecurityHeaders({ dev })) response.headers.set(key, value);
  // Route handlers' responses (downloads, exports) keep the sandbox policy they were built with:
  // the proxy runs before the handler and its header would replace the handler's.
  response.headers.set("Content-Security-Policy", isDataResponsePath(pathname) ? DATA_RESPONSE_CSP : csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  response.headers.set("Cache-Control", NO_STORE);
  return response;
}

export const config = {
  // Not /api/uploads/: Next copies the body of every request it passes through the proxy (cut
  // off at proxyClientMaxBodySize), and the upload routes check the session before reading it.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/uploads/).*)"],
};
