// `npm run demo`: Haven on the embedded database with demo data at http://localhost:3000.
import { existsSync } from "node:fs";
import path from "node:path";
import { DEMO_USERS, demoPassword } from "../prisma/demo/seed-demo";
import { prepareInstance } from "./prepare-instance";
import { run } from "./run";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const env = await prepareInstance(path.join(process.cwd(), "data"), port);
  if (!existsSync(".next/BUILD_ID")) {
    console.log("Building Haven (first start only; `npm run build` rebuilds after changes)…");
    await run("node_modules/.bin/next", ["build"], env);
  }
  console.log(`\nHaven is starting at http://localhost:${port} — demo sign-ins (demo data only, never for real use):`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(26)} ${demoPassword(u.email)}`);
  console.log("Admins and lawyers also need a two-factor code: `npm run demo:totp -- lawyer.a@haven.test` prints it.\n");
  await run("node_modules/.bin/next", ["start", "-p", String(port)], env);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
