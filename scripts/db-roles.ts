// `npm run db:roles -- --owner=haven_owner --app=haven_app [--database=haven]`: creates or updates
// the two PostgreSQL roles and their grants (lib/db/roles.ts, docs/operations.md "Database roles").
// Connects with DATABASE_ADMIN_URL (a superuser or equivalent; else DATABASE_URL) to --database
// (default: the URL's). Passwords: HAVEN_DB_OWNER_PASSWORD / HAVEN_DB_APP_PASSWORD when set; a role
// created without one gets a generated password, printed once here. Idempotent: run it again
// after every `npm run db:migrate`. Exit codes: 0 done, 1 refused or failed (nothing changed).
import pg from "pg";
import { applyDatabaseRoles } from "@/lib/db/roles";
import { pgRunner } from "@/lib/db/migrate";

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.slice(2).find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

async function main(): Promise<number> {
  const unknown = process.argv.slice(2).filter((a) => !/^--(owner|app|database)=/.test(a));
  if (unknown.length) throw new Error(`unknown argument ${unknown[0]}; usage: npm run db:roles -- --owner=haven_owner --app=haven_app [--database=haven]`);
  const owner = arg("owner");
  const app = arg("app");
  if (!owner || !app) throw new Error("usage: npm run db:roles -- --owner=haven_owner --app=haven_app [--database=haven]");
  const adminUrl = process.env.DATABASE_ADMIN_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (!adminUrl || !/^postgres(ql)?:\/\//.test(adminUrl)) throw new Error("set DATABASE_ADMIN_URL (or DATABASE_URL) to a postgres:// URL of a role that may create roles and change owners; the embedded database has no roles");
  const url = new URL(adminUrl);
  const database = arg("database");
  if (database) url.pathname = `/${encodeURIComponent(database)}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { actions, generated } = await applyDatabaseRoles(pgRunner(client), {
      owner, app, ownerPassword: process.env.HAVEN_DB_OWNER_PASSWORD, appPassword: process.env.HAVEN_DB_APP_PASSWORD,
    });
    for (const a of actions) console.log(`- ${a}`);
    for (const g of generated) console.log(`PASSWORD for ${g.role} (shown once; put it in ${g.role === owner ? "MIGRATION_DATABASE_URL" : "DATABASE_URL"}): ${g.password}`);
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}

main().then((code) => {
  process.exitCode = code;
}, (e: unknown) => {
  console.error(`db:roles failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
