import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { DATA_RESPONSE_HEADERS, HSTS_VALUE, NO_STORE, staticSecurityHeaders } from "./lib/security/headers";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const dev = process.env.NODE_ENV === "development";

const nextConfig: NextConfig = {
  // `npm test` type-checks everything first; the second, proxy-less build of the S8 route matrix
  // (scripts/test-without-proxy.ts) skips it, since tests that import proxy.ts cannot compile then.
  typescript: { ignoreBuildErrors: process.env.HAVEN_BUILD_SKIP_TYPECHECK === "1" },
  poweredByHeader: false,
  // Native/WASM packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "pdfkit"],
  // Server actions keep Next's 1 MB body limit (no serverActions.bodySizeLimit): a body is read
  // before the action knows who sent it, so a large limit let anyone without a session make the
  // server hold 20 MB per request. File uploads go through routes under /api/uploads/, which check
  // the session and scope before reading the body (lib/http/upload-route.ts); proxy.ts does not
  // run there. Elsewhere the proxy copies a request body up to this size: no larger than an
  // action's limit (Next's default is 10 MB).
  experimental: { proxyClientMaxBodySize: "1mb" },
  // Security headers on every response even without proxy.ts (S8, S16); the proxy replaces the
  // fallback CSP with the per-request nonce policy.
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders({ dev }) },
      // Downloads, exports and JSON keep the sandbox policy (a later rule wins for the same header).
      DATA_RESPONSE_HEADERS,
      // Everything but build assets may carry case data: never cached.
      { source: "/((?!_next/static|_next/image|favicon.ico).*)", headers: [{ key: "Cache-Control", value: NO_STORE }] },
      // HSTS only when TLS was terminated in front of us (the operator's proxy sets this header).
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [{ key: "Strict-Transport-Security", value: HSTS_VALUE }] },
    ];
  },
};

export default withNextIntl(nextConfig);
