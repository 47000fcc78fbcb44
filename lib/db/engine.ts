// Which database engine Haven talks to. PostgreSQL when DATABASE_URL is a postgres URL, else the
// embedded PGlite under ./data (or HAVEN_DATA_DIR). Shared by the app, scripts and tests.
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { preparePrivateDir, tightenPrivateTree } from "@/lib/security/private-files";

/** Placeholder URL the Prisma CLI needs; it means "embedded". */
export const EMBEDDED_URL = "postgresql://embedded/pglite";

/** The PostgreSQL server URL, or null for the embedded engine. */
export function serverDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.DATABASE_URL?.trim();
  if (!url || url === EMBEDDED_URL) return null;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL (or unset for the embedded database)");
  }
  return url;
}

/**
 * Where `npm run db:migrate` connects: MIGRATION_DATABASE_URL (the tables' owner role) when set,
 * else DATABASE_URL. On PostgreSQL the app's own DATABASE_URL should be a role that owns nothing
 * (`npm run db:roles`, docs/operations.md), so it cannot run migrations, nor switch triggers off.
 */
export function migrationDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.MIGRATION_DATABASE_URL?.trim();
  if (!url) return serverDatabaseUrl(env);
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("MIGRATION_DATABASE_URL must be a postgres:// or postgresql:// URL");
  return url;
}

export function pgliteDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.HAVEN_DATA_DIR ?? path.join(process.cwd(), "data", "pglite"));
}

/**
 * Open a PGlite database with the extensions Haven's migrations need (pg_trgm).
 * `dataDir` undefined → in-memory (tests). Only one process may open a data dir at a time.
 * A data dir is private to this operating-system user (lib/security/private-files.ts).
 */
export async function openPGlite(dataDir?: string): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  if (!dataDir) return PGlite.create({ extensions: { pg_trgm } });
  preparePrivateDir(dataDir);
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  // A new data dir is written with 0666 files whatever the umask: take those bits away now.
  tightenPrivateTree(dataDir, () => {});
  return db;
}
