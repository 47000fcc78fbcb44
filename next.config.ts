import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native/WASM packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  // Evidence uploads (lib/domain/attachment) go through a server action and may be up to 20 MB;
  // Next counts the multipart body as it streams in and stops at this limit before reading the
  // rest. The proxy buffers bodies up to its own limit, so it must be as large or uploads
  // between 10 and 20 MB would arrive truncated.
  experimental: { serverActions: { bodySizeLimit: "21mb" }, proxyClientMaxBodySize: "21mb" },
};

export default withNextIntl(nextConfig);
