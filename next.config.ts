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
  // Evidence uploads (lib/domain/attachment) go through a server action and may be up to 20 MB;
  // Next counts the multipart body as it streams in and stops at this limit before reading the
  // rest. The proxy buffers bodies up to its own limit, so it must be as large or uploads
  // between 10 and 20 MB would arrive truncated.
  experimental: { serverActions: { bodySizeLimit: "21mb" }, proxyClientMaxBodySize: "21mb" },
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
