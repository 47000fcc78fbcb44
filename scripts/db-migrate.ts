// `npm run db:migrate`: apply pending migrations to the configured engine (MIGRATION_DATABASE_URL,
// the owner role, else the DATABASE_URL server,
// else the embedded PGlite data dir). Errors print as one line: operators read this, not a stack.
import { applyMigrations, openRunner, type SqlRunner } from "../lib/db/migrate";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

async function main(): Promise<number> {
  let runner: SqlRunner | undefined;
  try {
    runner = await openRunner();
    const { applied, alreadyApplied } = await applyMigrations(runner, { log: (line) => console.log(line) });
    if (applied.length === 0) console.log(`up to date: ${alreadyApplied.length} migrations`);
    return 0;
  } catch (err) {
    console.error(`db:migrate failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await runner?.close?.().catch(() => {});
  }
}

main().then((code) => {
  process.exitCode = code;
});
