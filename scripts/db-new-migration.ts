// `npm run db:migration:new -- <name>`: author a migration offline. `prisma migrate dev` needs a
// shadow database it cannot get here (STACK.md), so instead diff two datamodels: the schema as of
// the last migration (a snapshot kept next to its migration.sql) and the current schema.prisma.
// Prisma's migrate deploy reads only migration.sql in each folder, so the snapshot is inert there.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const root = process.cwd();
const migrationsDir = path.join(root, "prisma", "migrations");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const SNAPSHOT = "schema.prisma";

function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

// Folder names must sort after the last migration even if this clock is behind its author's.
function nextStamp(last: string | undefined): string {
  const now = utcStamp(new Date());
  const lastStamp = last?.slice(0, 14);
  if (!lastStamp || !/^\d{14}$/.test(lastStamp) || now > lastStamp) return now;
  const d = new Date(
    Date.UTC(+lastStamp.slice(0, 4), +lastStamp.slice(4, 6) - 1, +lastStamp.slice(6, 8),
      +lastStamp.slice(8, 10), +lastStamp.slice(10, 12), +lastStamp.slice(12, 14) + 1),
  );
  return utcStamp(d);
}

/** Runs the local Prisma CLI with node directly: no npx shim, same on Windows. */
async function prismaDiff(from: string[]): Promise<{ empty: boolean; sql: string }> {
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build", "index.js");
  const args = [cli, "migrate", "diff", ...from, "--to-schema-datamodel", schemaPath, "--script", "--exit-code"];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 << 20 });
    return { empty: true, sql: stdout }; // --exit-code: 0 means no difference
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (err.code === 2 && err.stdout) return { empty: false, sql: err.stdout };
    throw new Error(`prisma migrate diff failed: ${(err.stderr || String(e)).trim()}`);
  }
}

async function main(): Promise<void> {
  const rawName = process.argv.slice(2).join("_");
  const name = rawName.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (!name) throw new Error("usage: npm run db:migration:new -- <name>   (e.g. add_case_notes)");

  await mkdir(migrationsDir, { recursive: true });
  const folders = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const last = folders.at(-1);
  let from: string[] = ["--from-empty"];
  if (last) {
    const snapshot = path.join(migrationsDir, last, SNAPSHOT);
    if (!existsSync(snapshot)) {
      throw new Error(
        `${path.relative(root, snapshot)} is missing, so the schema as of ${last} is unknown. ` +
          `Restore it from git (the schema.prisma of the commit that added ${last}) and retry.`,
      );
    }
    from = ["--from-schema-datamodel", snapshot];
  }

  console.log(`diffing ${last ? `${last}/${SNAPSHOT}` : "empty database"} → prisma/schema.prisma ...`);
  const diff = await prismaDiff(from);
  if (diff.empty) {
    console.log("No schema change since the last migration: nothing created.");
    return;
  }

  const folder = `${nextStamp(last)}_${name}`;
  const dir = path.join(migrationsDir, folder);
  await mkdir(dir);
  await writeFile(path.join(dir, "migration.sql"), diff.sql);
  await copyFile(schemaPath, path.join(dir, SNAPSHOT));
  console.log(`created prisma/migrations/${folder}/migration.sql (and the ${SNAPSHOT} snapshot it was diffed to)`);
  console.log(
    "Reminder: the diff covers schema.prisma only. Hand-written SQL (triggers, trigram/GIN indexes, " +
      "extensions, check constraints) must be appended to migration.sql by hand, before the migration is " +
      "applied anywhere; review the SQL, then run `npm run db:migrate`.",
  );
}

main().catch((err: unknown) => {
  console.error(`db:migration:new failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
