// The server Playwright tests run against: a fresh embedded database under e2e/.data with the
// demo data, on port 3100, from the production build.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { prepareInstance } from "./prepare-instance";
import { run } from "./run";

async function main() {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const dataRoot = path.join(process.cwd(), "e2e", ".data");
  rmSync(path.join(dataRoot, "pglite"), { recursive: true, force: true });
  const env = await prepareInstance(dataRoot, port);
  if (!existsSync(".next/BUILD_ID")) await run("node_modules/.bin/next", ["build"], env);
  await run("node_modules/.bin/next", ["start", "-p", String(port)], { ...env, HAVEN_LOG_FILE: path.join(dataRoot, "server.log") });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
