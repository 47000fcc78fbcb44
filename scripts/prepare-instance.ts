// Brings an embedded database to life for `npm run demo` and the e2e server: local secrets,
// migrations, and demo data when the database has no users yet. Returns the environment the
// Next server must run with.
import path from "node:path";
import { loadOrCreateLocalSecrets } from "@/lib/config/secrets";
import { preparePrivateDir } from "@/lib/security/private-files";
import { tsx } from "./run";

export async function prepareInstance(dataRoot: string, port: number): Promise<NodeJS.ProcessEnv> {
  // Secrets, database and evidence files: this user's only (0700 dirs, 0600 files), also when
  // an older version left them open to other local users.
  preparePrivateDir(dataRoot);
  const secrets = loadOrCreateLocalSecrets(dataRoot);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...secrets,
    HAVEN_DATA_DIR: path.join(dataRoot, "pglite"),
    HAVEN_UPLOAD_DIR: process.env.HAVEN_UPLOAD_DIR ?? path.join(dataRoot, "uploads"),
    HAVEN_AUDIT_CHECKPOINTS: process.env.HAVEN_AUDIT_CHECKPOINTS ?? path.join(dataRoot, "audit-checkpoints.jsonl"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL; // the demo is always the embedded database
  await tsx("scripts/db-migrate.ts", [], env);
  await tsx("prisma/seed.ts", ["--if-empty"], env);
  return env;
}
