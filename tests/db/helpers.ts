// Fresh, isolated databases for tests. PGlite in memory by default; a throwaway database on a real
// PostgreSQL server when TEST_DATABASE_URL is set (CI runs both, since the two engines differ in
// the details that bite: locking, error shapes, extensions).
import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openPGlite } from "@/lib/db/engine";
import { applyMigrations, pgliteRunner, pgRunner, type SqlRunner } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { installPlanCache } from "@/lib/db/plan-cache";

// Database tests run with the query-plan cache on, as the app does (lib/db/plan-cache.ts).
void installPlanCache();

export type EngineName = "pglite" | "postgresql";

export function engineName(): EngineName {
  return process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";
}

export interface EmptyDatabase {
  runner: SqlRunner;
  engine: EngineName;
  /** Connection URL of the throwaway server database; null for in-memory PGlite. */
  url: string | null;
  /** The in-memory PGlite instance; null on PostgreSQL. */
  pglite: PGlite | null;
  /** Another connection to the same database (PostgreSQL only; PGlite is single-connection). */
  connect(): Promise<SqlRunner>;
  close(): Promise<void>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A database with nothing in it: no migrations applied. */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await openPGlite();
    const runner = pgliteRunner(db);
    return {
      runner,
      engine: "pglite",
      url: null,
      pglite: db,
      connect: async () => {
        throw new Error("PGlite allows a single connection");
      },
      close: async () => {
        if (!db.closed) await db.close();
      },
    };
  }
  // Random suffix: parallel workers and leftovers from crashed runs must not collide.
  const name = `haven_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const opened: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    opened.push(client);
    return pgRunner(client);
  };
  const runner = await connect();
  return {
    runner,
    engine: "postgresql",
    url,
    pglite: null,
    connect,
    close: async () => {
      await Promise.all(opened.map((c) => c.end().catch(() => {})));
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export interface TestDatabase {
  prisma: PrismaClient;
  runner: SqlRunner;
  engine: EngineName;
  close(): Promise<void>;
}

/** A migrated database and a PrismaClient on it. Call close() in afterEach/afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  try {
    await applyMigrations(empty.runner);
  } catch (err) {
    await empty.close();
    throw err;
  }
  // On PGlite the adapter shares the runner's instance: it is the same in-memory database.
  const adapter = empty.pglite
    ? new PrismaPGlite(empty.pglite)
    : new PrismaPg({ connectionString: empty.url! });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    runner: empty.runner,
    engine: empty.engine,
    close: async () => {
      await prisma.$disconnect().catch(() => {});
      await empty.close();
    },
  };
}
