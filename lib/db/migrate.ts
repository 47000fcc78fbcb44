// Applies prisma/migrations/*/migration.sql to PGlite or PostgreSQL. `prisma migrate deploy`
// cannot do this offline on PostgreSQL (STACK.md, prisma/orm#27403), so this runner keeps
// Prisma's own `_prisma_migrations` bookkeeping byte-compatible: a machine with the native engine
// sees the same migrations as applied, and vice versa.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { migrationDatabaseUrl, openPGlite, pgliteDataDir } from "./engine";

export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close?(): Promise<void>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    close: () => db.close(),
  };
}

export function pgRunner(client: pg.Client): SqlRunner {
  return {
    // No parameters → simple-query protocol, which accepts several statements in one string.
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) =>
      (params?.length ? await client.query(sql, params) : await client.query(sql)).rows as T[],
    close: () => client.end(),
  };
}

/** PostgreSQL when DATABASE_URL names a server, else the embedded PGlite data dir. */
/** The database `db:migrate` works on: MIGRATION_DATABASE_URL (the owner role), else DATABASE_URL, else PGlite. */
export async function openRunner(): Promise<SqlRunner> {
  const url = migrationDatabaseUrl();
  if (url) {
    const { default: pgModule } = await import("pg");
    const client = new pgModule.Client({ connectionString: url });
    await client.connect();
    return pgRunner(client);
  }
  return pgliteRunner(await openPGlite(pgliteDataDir())); // creates the dir 0700 (private)
}

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Prisma Migrate's own lock key, so this runner and `prisma migrate deploy` also exclude each other.
const ADVISORY_LOCK_KEY = 72707369;

// Verbatim from prisma-engines (sql-schema-connector, postgres flavour create_migrations_table).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Like Prisma: a checkout with other line endings (git autocrlf) still matches. */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\n/g, "\r\n")];
  return variants.some((v) => sha256(v) === checksum);
}

// Prisma reads every sub-directory as a migration and only its migration.sql; mirror that.
async function readMigrations(dir: string): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, "migration.sql");
      const script = await readFile(file, "utf8").catch((err: Error) => {
        throw new Error(`Migration ${name}: cannot read ${file}: ${err.message}`);
      });
      return { name, script, checksum: sha256(script) };
    }),
  );
}

function describeDbError(err: unknown, script: string): string {
  const e = err as { message?: string; position?: string | number; code?: string };
  let text = e.message ?? String(err);
  if (e.code) text += ` (SQLSTATE ${e.code})`;
  const pos = Number(e.position);
  // Only meaningful when the error came from the script itself, hence the bounds check.
  if (pos > 0 && pos <= script.length) text += ` at line ${script.slice(0, pos).split("\n").length}`;
  return text;
}

export async function applyMigrations(
  runner: SqlRunner,
  opts: { dir?: string; log?: (line: string) => void } = {},
): Promise<{ applied: string[]; alreadyApplied: string[] }> {
  const log = opts.log ?? (() => {});
  const local = await readMigrations(opts.dir ?? DEFAULT_MIGRATIONS_DIR);
  await runner.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
  try {
    const [{ exists } = { exists: false }] = await runner.query<{ exists: boolean }>(
      "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
    );
    if (!exists) await runner.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await runner.query<MigrationRow>(
      "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
    );
    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed.length > 0) {
      const names = failed.map((r) => r.migration_name).join(", ");
      throw new Error(
        `Migration ${names} started but never finished (a failed earlier run). Repair the database by hand, ` +
          `then mark it with \`prisma migrate resolve --rolled-back ${failed[0]!.migration_name}\` or delete its ` +
          `_prisma_migrations row; nothing was applied.`,
      );
    }
    // Rolled-back rows do not count as applied, as in Prisma.
    const done = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
    const localNames = new Set(local.map((m) => m.name));
    for (const name of done.keys()) {
      if (!localNames.has(name)) log(`warning: ${name} is recorded in the database but missing from the migrations directory`);
    }
    for (const m of local) {
      const row = done.get(m.name);
      if (row && !scriptMatchesChecksum(m.script, row.checksum)) {
        throw new Error(
          `Migration ${m.name} was modified after it was applied (checksum mismatch). ` +
            `Restore the original migration.sql and put the change in a new migration; nothing was applied.`,
        );
      }
    }

    const applied: string[] = [];
    const alreadyApplied = local.filter((m) => done.has(m.name)).map((m) => m.name);
    for (const m of local.filter((m) => !done.has(m.name))) {
      const started = Date.now();
      // Script and bookkeeping row commit together, so a failure leaves no trace at all.
      await runner.exec("BEGIN");
      try {
        await runner.exec(m.script);
        await runner.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await runner.exec("COMMIT");
      } catch (err) {
        await runner.exec("ROLLBACK").catch(() => {});
        throw new Error(`Migration ${m.name} failed and was rolled back: ${describeDbError(err, m.script)}`);
      }
      applied.push(m.name);
      log(`applied ${m.name} (${Date.now() - started} ms)`);
    }
    return { applied, alreadyApplied };
  } finally {
    await runner.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
  }
}
