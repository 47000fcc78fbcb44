// S8: "the suite passes with proxy.ts deleted". Builds Haven with the proxy moved aside, serves
// that build on its own port (3101) and embedded database (e2e/.data/no-proxy), and runs the
// route matrix (e2e/security/route-matrix.spec.ts) against it. Whatever happens — failure,
// Ctrl-C, SIGTERM — proxy.ts and the previous build are put back before it exits.
//
// Next has no environment variable for its build directory (distDir lives in next.config.ts),
// so the proxy-less build goes into .next while the previous .next waits beside it.
//
//   tsx --conditions=react-server scripts/test-without-proxy.ts [--json=<report.json>]
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { prepareInstance } from "./prepare-instance";
import { tsx } from "./run";

const PORT = 3101;
const ROOT = process.cwd();
const ASIDE = ".route-matrix-aside";
// Every file name Next 16 loads as the proxy (middleware is the deprecated name).
const PROXY_FILES = ["proxy.ts", "proxy.js", "proxy.mjs", "middleware.ts", "middleware.js", "middleware.mjs"];
const BUILD = ".next";
const DATA = path.join(ROOT, "e2e", ".data", "no-proxy");
const jsonReport = process.argv.find((a) => a.startsWith("--json="))?.slice("--json=".length);

const moved: string[] = [];
const children = new Set<ChildProcess>();
let server: ChildProcess | null = null;
let restoring: Promise<void> | null = null;

const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

/** Runs a command in its own process group, so it can be stopped (with its workers) before the files move back. */
function spawnTracked(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { stdio: "inherit", env, detached: true });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

function runTracked(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(cmd, args, env);
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}`))));
  });
}

/** A build still writing into .next after the original moved back would corrupt it: wait for every child to end. */
async function stopChildren() {
  const waits = [...children].filter(running).map((child) => {
    const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    const forced = new Promise<void>((resolve) => setTimeout(() => {
      if (running(child)) process.kill(-child.pid!, "SIGKILL");
      resolve();
    }, 10_000).unref());
    return Promise.race([ended, forced]);
  });
  await Promise.all(waits);
}

/** Puts everything back, once, after every child has stopped; every caller waits for the same run. */
function restore(): Promise<void> {
  return (restoring ??= putBack());
}

async function putBack() {
  await stopChildren();
  for (const file of moved) {
    try {
      if (file === BUILD) rmSync(path.join(ROOT, BUILD), { recursive: true, force: true });
      renameSync(path.join(ROOT, file + ASIDE), path.join(ROOT, file));
    } catch (e) {
      console.error(`test-without-proxy: could not put back ${file} (rename ${file + ASIDE} by hand): ${e instanceof Error ? e.message : e}`);
    }
  }
  // A proxy-less build must never be left where `npm test` or `npm start` would serve it.
  if (!moved.includes(BUILD)) rmSync(path.join(ROOT, BUILD), { recursive: true, force: true });
  console.log("test-without-proxy: proxy and previous build restored");
}

function moveAside(file: string) {
  renameSync(path.join(ROOT, file), path.join(ROOT, file + ASIDE));
  moved.push(file);
}

async function isUp(url: string): Promise<Response | null> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(2_000) });
  } catch {
    return null;
  }
}

async function waitUntilUp(url: string, seconds: number): Promise<Response> {
  for (let i = 0; i < seconds; i++) {
    const r = await isUp(url);
    if (r?.ok) return r;
    if (server && (server.exitCode !== null || server.signalCode !== null)) throw new Error(`the server on port ${PORT} exited (${server.exitCode ?? server.signalCode})`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`no answer from ${url} within ${seconds} s`);
}

async function main() {
  const leftovers = [...PROXY_FILES, BUILD].filter((f) => existsSync(path.join(ROOT, f + ASIDE)));
  if (leftovers.length) throw new Error(`${leftovers.map((f) => f + ASIDE).join(", ")} exist: an earlier run was killed. Put them back by hand (rename to ${leftovers.join(", ")}) and try again.`);
  const health = `http://localhost:${PORT}/api/health`;
  if (await isUp(health)) throw new Error(`something already answers on port ${PORT}; stop it first`);

  const proxies = PROXY_FILES.filter((f) => existsSync(path.join(ROOT, f)));
  if (!proxies.length) console.log("test-without-proxy: no proxy file found; testing the app as it is");
  for (const f of proxies) moveAside(f);
  if (existsSync(path.join(ROOT, BUILD))) moveAside(BUILD);

  rmSync(path.join(DATA, "pglite"), { recursive: true, force: true });
  rmSync(path.join(DATA, "audit-checkpoints.jsonl"), { force: true }); // (they described the database just removed)
  const env = await prepareInstance(DATA, PORT);
  await tsx("scripts/demo-totp.ts", ["--enrol"], env);
  await runTracked("node_modules/.bin/next", ["build"], { ...env, HAVEN_BUILD_SKIP_TYPECHECK: "1" });

  server = spawnTracked("node_modules/.bin/next", ["start", "-p", String(PORT)], { ...env, HAVEN_LOG_FILE: path.join(DATA, "server.log") });
  const first = await waitUntilUp(health, 120);
  // The proxy stamps x-request-id on every response: its absence shows this build has none.
  if (first.headers.has("x-request-id")) throw new Error("the server still runs a proxy (x-request-id header present)");

  const pwEnv: NodeJS.ProcessEnv = { ...process.env, E2E_PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1" };
  // playwright.config.ts reuses a running server only outside CI; the server above is the one to use.
  delete pwEnv.CI;
  if (jsonReport) pwEnv.PLAYWRIGHT_JSON_OUTPUT_NAME = jsonReport;
  await runTracked(
    "node_modules/.bin/playwright",
    ["test", "e2e/security/route-matrix.spec.ts", "--workers=2", "--output=test-results/no-proxy", `--reporter=${jsonReport ? "list,json" : "list"}`],
    pwEnv,
  );
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\ntest-without-proxy: ${signal}, restoring`);
    void restore().finally(() => process.exit(130));
  });
}

main()
  .then(() => restore().then(() => process.exit(0)))
  .catch(async (e: unknown) => {
    console.error(`test-without-proxy: ${e instanceof Error ? e.message : String(e)}`);
    await restore();
    process.exit(1);
  });
