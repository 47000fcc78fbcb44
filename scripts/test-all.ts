// `npm test`: the whole suite, as CI runs it — types, lint, unit + database tests (PGlite, and
// PostgreSQL too when TEST_DATABASE_URL is set), a production build, and the browser tests.
// Ends with one "tests: N passed, N failed" line summing every runner.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { run } from "./run";

const reports = path.join(process.cwd(), "test-results", "reports");
const bin = (name: string) => path.join("node_modules", ".bin", name);
const totals = { passed: 0, failed: 0 };

async function step(title: string, work: () => Promise<void>) {
  const started = Date.now();
  console.log(`\n=== ${title}`);
  await work();
  console.log(`=== ${title}: ok in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function countVitest(file: string) {
  const r = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
}

function countPlaywright(file: string) {
  const r = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  totals.passed += r.stats.expected + r.stats.flaky;
  totals.failed += r.stats.unexpected;
}

async function main() {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const pgUrl = process.env.TEST_DATABASE_URL;
  const pgliteEnv: NodeJS.ProcessEnv = { ...env };
  delete pgliteEnv.TEST_DATABASE_URL;

  await step("typecheck", () => run(bin("tsc"), ["--noEmit"], env));
  await step("lint", () => run(bin("eslint"), [".", "--max-warnings=0"], env));
  await step("unit + database tests (PGlite)", async () => {
    const out = path.join(reports, "vitest-pglite.json");
    try {
      await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], pgliteEnv);
    } finally {
      if (existsSync(out)) countVitest(out);
    }
  });
  if (pgUrl) {
    await step("database tests (PostgreSQL)", async () => {
      const out = path.join(reports, "vitest-postgres.json");
      try {
        await run(bin("vitest"), ["run", "tests/db", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], env);
      } finally {
        if (existsSync(out)) countVitest(out);
      }
    });
  } else {
    console.log("\n(TEST_DATABASE_URL not set: database tests ran on PGlite only)");
  }
  await step("production build", () => run(bin("next"), ["build"], env));
  if (!existsSync("/usr/bin/chromium")) {
    await step("browser for Playwright", () => run(bin("playwright"), ["install", "chromium"], env));
  }
  await step("browser tests (Playwright)", async () => {
    const out = path.join(reports, "playwright.json");
    try {
      await run(bin("playwright"), ["test", "--reporter=list,json"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    } finally {
      if (existsSync(out)) countPlaywright(out);
    }
  });
  // S8: authorization must not depend on proxy.ts — rebuild without it and run the route matrix.
  await step("route matrix without proxy.ts (S8)", async () => {
    const out = path.join(reports, "playwright-no-proxy.json");
    try {
      await run(bin("tsx"), ["--conditions=react-server", "scripts/test-without-proxy.ts", `--json=${out}`], env);
    } finally {
      if (existsSync(out)) countPlaywright(out);
    }
  });
}

main()
  .then(() => {
    console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
  })
  .catch((e: unknown) => {
    console.error(`\n${e instanceof Error ? e.message : String(e)}`);
    console.log(`\ntests: ${totals.passed} passed, ${Math.max(totals.failed, 1)} failed`);
    process.exit(1);
  });
