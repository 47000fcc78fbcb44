import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from "@/lib/db/migrate";
import { createEmptyDatabase, createTestDatabase, engineName, type EmptyDatabase } from "./helpers";

const run = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyDb(): Promise<EmptyDatabase> {
  const db = await createEmptyDatabase();
  cleanups.push(() => db.close());
  return db;
}

async function tempMigrations(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "haven-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const tableExists = async (db: EmptyDatabase, table: string) =>
  (await db.runner.query<{ ok: boolean }>("SELECT to_regclass($1) IS NOT NULL AS ok", [`"${table}"`]))[0]!.ok;
const recordedNames = async (db: EmptyDatabase) =>
  (await db.runner.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name"))
    .map((r) => r.migration_name);

describe(`migrations on ${engineName()}`, () => {
  it("applies every migration to an empty database with Prisma-compatible bookkeeping", async () => {
    const db = await emptyDb();
    const folders = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const result = await applyMigrations(db.runner);
    expect(result).toEqual({ applied: folders, alreadyApplied: [] });

    for (const table of ["User", "Detainee", "AuditLog", "Petition", "Notification"]) {
      expect(await tableExists(db, table), table).toBe(true);
    }
    const rows = await db.runner.query<Record<string, unknown>>(
      "SELECT * FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    for (const row of rows) {
      const bytes = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, String(row.migration_name), "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row).toMatchObject({ applied_steps_count: 1, rolled_back_at: null, logs: null });
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const ext = await db.runner.query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'");
    expect(ext).toHaveLength(1);
    const index = await db.runner.query("SELECT 1 FROM pg_indexes WHERE indexname = 'Detainee_searchText_trgm_idx'");
    expect(index).toHaveLength(1);
  });

  it("makes AuditLog append-only (UPDATE, DELETE and TRUNCATE raise) through Prisma", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.close());
    const hash = "0".repeat(64);
    const row = await db.prisma.auditLog.create({ data: { action: "test.insert" } });
    await expect(db.prisma.auditLog.update({ where: { id: row.id }, data: { action: "x" } })).rejects.toThrow(/append-only/);
    // Sealing a pending row (seq, prevHash, hash from NULL to set) is the one update allowed…
    await db.prisma.auditLog.update({ where: { id: row.id }, data: { seq: 1n, prevHash: hash, hash } });
    // …once: a sealed row never changes again.
    await expect(db.prisma.auditLog.update({ where: { id: row.id }, data: { hash: "1".repeat(64) } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(db.runner.exec('TRUNCATE "AuditLog"')).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditLog.findUnique({ where: { id: row.id } })).toMatchObject({ action: "test.insert" });
  });

  it("is a no-op when everything is already applied", async () => {
    const db = await emptyDb();
    const first = await applyMigrations(db.runner);
    const before = await db.runner.query("SELECT id, finished_at FROM _prisma_migrations ORDER BY id");
    const second = await applyMigrations(db.runner);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
    expect(await db.runner.query("SELECT id, finished_at FROM _prisma_migrations ORDER BY id")).toEqual(before);
  });

  it("rolls a failing migration back completely and names it", async () => {
    const dir = await tempMigrations({
      "0001_good": "CREATE TABLE good_t (id int);",
      "0002_bad": "CREATE TABLE bad_t (id int);\nINSERT INTO bad_t VALUES (1);\nSELECT * FROM no_such_table;\n",
    });
    const db = await emptyDb();
    const err = await applyMigrations(db.runner, { dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Migration 0002_bad failed/);
    expect((err as Error).message).toMatch(/no_such_table/);
    expect((err as Error).message).toMatch(/line 3/);
    expect(await tableExists(db, "bad_t")).toBe(false);
    expect(await tableExists(db, "good_t")).toBe(true);
    expect(await recordedNames(db)).toEqual(["0001_good"]);

    // After the fix, only the previously failed migration runs.
    await writeFile(path.join(dir, "0002_bad", "migration.sql"), "CREATE TABLE bad_t (id int);");
    expect(await applyMigrations(db.runner, { dir })).toEqual({ applied: ["0002_bad"], alreadyApplied: ["0001_good"] });
  });

  it("commits a migration only together with its bookkeeping row", async () => {
    // The script itself succeeds but makes its own bookkeeping INSERT fail: a runner that
    // committed the script separately would leave sneaky_t behind, unrecorded.
    const dir = await tempMigrations({
      "0001_sneaky": `CREATE TABLE sneaky_t (id int);
        ALTER TABLE _prisma_migrations ADD CONSTRAINT no_sneaky CHECK (migration_name <> '0001_sneaky');`,
    });
    const db = await emptyDb();
    await expect(applyMigrations(db.runner, { dir })).rejects.toThrow(/Migration 0001_sneaky failed.*no_sneaky/);
    expect(await tableExists(db, "sneaky_t")).toBe(false);
    expect(await recordedNames(db)).toEqual([]);
  });

  it("refuses an applied migration whose file was edited, but accepts other line endings", async () => {
    const dir = await tempMigrations({ "0001_one": "CREATE TABLE one_t (id int);\nCREATE TABLE two_t (id int);\n" });
    const db = await emptyDb();
    await applyMigrations(db.runner, { dir });
    const file = path.join(dir, "0001_one", "migration.sql");

    // git autocrlf checkouts must not look like edits (Prisma compares the same way).
    await writeFile(file, "CREATE TABLE one_t (id int);\r\nCREATE TABLE two_t (id int);\r\n");
    expect((await applyMigrations(db.runner, { dir })).alreadyApplied).toEqual(["0001_one"]);

    await writeFile(file, "CREATE TABLE one_t (id bigint);\nCREATE TABLE two_t (id int);\n");
    await mkdir(path.join(dir, "0002_next"));
    await writeFile(path.join(dir, "0002_next", "migration.sql"), "CREATE TABLE next_t (id int);");
    await expect(applyMigrations(db.runner, { dir })).rejects.toThrow(/Migration 0001_one was modified/);
    expect(await tableExists(db, "next_t")).toBe(false);
  });

  it("refuses to run over a migration a failed prisma run left unfinished", async () => {
    const dir = await tempMigrations({ "0001_one": "CREATE TABLE one_t (id int);" });
    const db = await emptyDb();
    await applyMigrations(db.runner, { dir: await tempMigrations({}) }); // creates the table only
    await db.runner.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('00000000-0000-4000-8000-000000000000', 'x', '0000_broken')",
    );
    await expect(applyMigrations(db.runner, { dir })).rejects.toThrow(/0000_broken started but never finished/);
    expect(await tableExists(db, "one_t")).toBe(false);
  });

  it.skipIf(engineName() !== "postgresql")("serializes concurrent runners with an advisory lock", async () => {
    const db = await emptyDb();
    const other = await db.connect();
    const results = await Promise.all([applyMigrations(db.runner), applyMigrations(other)]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied).toEqual(results.flatMap((r) => r.alreadyApplied));
    expect(await recordedNames(db)).toEqual(applied);
  });
});

describe("db:migrate CLI", () => {
  const cli = async (env: Record<string, string>) => {
    const childEnv = { ...process.env, ...env };
    if (!env.DATABASE_URL) delete childEnv.DATABASE_URL; // the CLI must pick PGlite here
    try {
      const { stdout, stderr } = await run("npx", ["tsx", "scripts/db-migrate.ts"], { env: childEnv });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
  const count = async () =>
    (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).length;

  it("migrates a PGlite data dir, then reports up to date", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "haven-cli-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const env = { HAVEN_DATA_DIR: path.join(dir, "pglite") };
    const first = await cli(env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^applied 20261128000000_init/m);
    const second = await cli(env);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout.trim()).toBe(`up to date: ${await count()} migrations`);
  });

  it.skipIf(engineName() !== "postgresql")("migrates a PostgreSQL database named by DATABASE_URL", async () => {
    const db = await emptyDb();
    expect((await cli({ DATABASE_URL: db.url! })).stdout).toMatch(/^applied 20261128000000_init/m);
    expect((await cli({ DATABASE_URL: db.url! })).stdout.trim()).toBe(`up to date: ${await count()} migrations`);
  });

  it("fails with a one-line message and a non-zero exit code", async () => {
    const result = await cli({ DATABASE_URL: "mysql://localhost/haven" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^db:migrate failed: DATABASE_URL must be a postgres/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
