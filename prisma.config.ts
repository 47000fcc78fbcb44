// Prisma CLI configuration. The CLI must never reach for a downloaded native engine (there is
// no network here: STACK.md), so it runs the JS schema engine through a driver adapter: an
// in-memory PGlite unless DATABASE_URL names a PostgreSQL server. Migrations are applied with
// `npm run db:migrate` (lib/db/migrate.ts), not `prisma migrate`.
import { defineConfig } from "prisma/config";

process.env.DATABASE_URL ??= "postgresql://embedded/pglite";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL ?? "";
    if (url.startsWith("postgres") && !url.includes("embedded/pglite")) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite());
  },
});
