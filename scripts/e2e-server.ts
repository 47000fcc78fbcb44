// The server Playwright tests run against: a fresh embedded database under e2e/.data with the
// demo data, on port 3100, from the production build. Demo ADMIN and LAWYER accounts are
// enrolled in two-factor sign-in with their published secrets (e2e/helpers.ts computes codes),
// and e2e/security/ gets accounts of its own, because it signs them out (which ends every
// session of a user) while other workers run.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { prepareInstance } from "./prepare-instance";
import { run, tsx } from "./run";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

const SECOND_LAWYER_A = "lawyer.a2@haven.test";
const SECURITY_E2E_USERS = ["twofactor.a@haven.test", "twofactor.b@haven.test", "twofactor.c@haven.test"] as const;
/** A caseworker (no second factor) whose language e2e/security/origin-and-redirects.spec.ts changes. */
const ORIGIN_CHECK_USER = "origin.check@haven.test";

/** Runs in a child process: PGlite allows one process per data directory. */
async function prepareSecurityUsers() {
  const { prisma } = await import("@/lib/db/client");
  const { createUser } = await import("@/lib/domain/user/mutations");
  const { enrolDemoTwoFactor } = await import("@/lib/domain/user/security-demo");
  const { DEMO_TEAMS, demoPassword } = await import("../prisma/demo/seed-demo");
  const team = await prisma().team.findUniqueOrThrow({ where: { name: DEMO_TEAMS[0] }, select: { id: true } });
  for (const email of SECURITY_E2E_USERS) {
    if (!(await prisma().user.findUnique({ where: { email }, select: { id: true } }))) {
      await createUser({ system: "e2e" }, { email, displayName: `2FA test ${email.split("@")[0]}`, role: "LAWYER", password: demoPassword(email), teamIds: [team.id] });
    }
    await enrolDemoTwoFactor(email);
  }
  // A second lawyer in team A, for the four-eyes steps of the petition journey.
  if (!(await prisma().user.findUnique({ where: { email: SECOND_LAWYER_A }, select: { id: true } }))) {
    await createUser({ system: "e2e" }, { email: SECOND_LAWYER_A, displayName: "Han Seo-jun (lawyer)", role: "LAWYER", password: demoPassword(SECOND_LAWYER_A), teamIds: [team.id] });
  }
  await enrolDemoTwoFactor(SECOND_LAWYER_A);
  if (!(await prisma().user.findUnique({ where: { email: ORIGIN_CHECK_USER }, select: { id: true } }))) {
    await createUser({ system: "e2e" }, { email: ORIGIN_CHECK_USER, displayName: "Origin check (caseworker)", role: "CASEWORKER", locale: "en", password: demoPassword(ORIGIN_CHECK_USER), teamIds: [team.id] });
  }
  await prisma().$disconnect();
}

/**
 * `next start`, with everything the server prints (stdout and stderr: Haven's log, Next's own
 * messages, any library's console output) also written to a file that e2e/server-log.audit.ts
 * searches for canaries after the browser tests (S21).
 */
function serveTeeingOutput(port: number, env: NodeJS.ProcessEnv, outputFile: string): Promise<void> {
  const out = createWriteStream(outputFile, { flags: "w" });
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/next", ["start", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => { out.write(chunk); process.stdout.write(chunk); });
    child.stderr.on("data", (chunk: Buffer) => { out.write(chunk); process.stderr.write(chunk); });
    const stop = () => child.kill("SIGTERM");
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    child.on("error", reject);
    child.on("exit", (code, signal) => out.end(() => (code === 0 || signal === "SIGTERM" ? resolve() : reject(new Error(`next start exited with ${code ?? signal}`)))));
  });
}

async function main() {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const dataRoot = path.join(process.cwd(), "e2e", ".data");
  rmSync(path.join(dataRoot, "pglite"), { recursive: true, force: true });
  rmSync(path.join(dataRoot, "audit-checkpoints.jsonl"), { force: true }); // (they described the database just removed)
  const env = await prepareInstance(dataRoot, port);
  await tsx("scripts/demo-totp.ts", ["--enrol"], env);
  await tsx("scripts/e2e-server.ts", ["--prepare-security-users"], env);
  if (!existsSync(".next/BUILD_ID")) await run("node_modules/.bin/next", ["build"], env);
  // The loopback address plays the reverse proxy: e2e specs send X-Forwarded-For to act from
  // other addresses (e2e/security/flood.spec.ts, client-address.spec.ts).
  await serveTeeingOutput(port, { ...env, HAVEN_TRUSTED_PROXIES: "127.0.0.1,::1", HAVEN_LOG_FILE: path.join(dataRoot, "server.log") }, path.join(dataRoot, "server-output.log"));
}

(process.argv.includes("--prepare-security-users") ? prepareSecurityUsers().then(() => process.exit(0)) : main()).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
