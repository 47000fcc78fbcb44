// `npm run bench`: generate N detainees on PostgreSQL, build, start, sign in (password + TOTP) and
// measure each main page against the bare page, then time a 10k-row CSV import. Writes the table
// to docs/performance.md and the raw figures to data/bench/. See docs/performance.md.
//
//   npm run bench -- --n=10000 --duration=10 --pages=dashboard,list --skip-generate --skip-build
//   npm run bench -- --n=100000 --generate-only
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { loadOrCreateLocalSecrets } from "@/lib/config/secrets";
import { pgRunner, type SqlRunner } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { generateBenchData, type GenerateResult } from "./generate";
import { reauthenticate, signIn } from "./http";
import { drain, eventLoop, load, queryCount, sequential, type EventLoop, type Latency, type Load, type Target } from "./measure";
import { renderReport, writePerformanceDoc, type PageResult, type Report } from "./report";
import { BENCH_USERS } from "./users";
import { findTargets, type Targets } from "./targets";
import { timeCsvImport } from "./csv-import";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

const DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/haven_bench";
const PAGE_KEYS = ["shell", "dashboard", "list", "list-status", "list-facility", "search", "case", "facility", "events", "audit", "petitions", "pdf"] as const;

function args() {
  const get = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=").slice(1).join("=");
  const has = (name: string) => process.argv.includes(`--${name}`);
  const pages = (get("pages") ?? process.env.BENCH_PAGES)?.split(",").map((s) => s.trim()).filter(Boolean);
  for (const p of pages ?? []) if (!(PAGE_KEYS as readonly string[]).includes(p) && p !== "csv") throw new Error(`--pages: unknown page ${p} (known: ${PAGE_KEYS.join(", ")}, csv)`);
  return {
    n: Number(get("n") ?? process.env.BENCH_N ?? 100_000),
    url: process.env.BENCH_DATABASE_URL ?? DEFAULT_URL,
    skipGenerate: has("skip-generate"),
    skipBuild: has("skip-build"),
    pages: pages ?? [...PAGE_KEYS, "csv"],
    duration: Number(get("duration") ?? process.env.BENCH_DURATION ?? 10),
    connections: Number(get("connections") ?? 10),
    requests: Number(get("requests") ?? 30),
    warmup: Number(get("warmup") ?? 5),
    write: !has("no-write"),
    generateOnly: has("generate-only"),
    risk: (get("risk") ?? "refresh") as "refresh" | "model",
  };
}

const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Drops and creates the benchmark database (only names starting with haven_bench, to be safe). */
async function recreateDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^haven_bench[a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE_URL must name a database haven_bench…, not "${name}" (it is dropped and re-created)`);
  const admin = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${argv.join(" ")} exited with ${code}`))));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function startServer(env: NodeJS.ProcessEnv, port: number, logFile: string): Promise<ChildProcess> {
  const out = createWriteStream(logFile, { flags: "w" });
  // --cpu-prof=DIR: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const prof = process.argv.find((a) => a.startsWith("--cpu-prof="))?.slice("--cpu-prof=".length);
  const child = prof
    ? spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${prof}`, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] })
    : spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}; see ${logFile}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    await sleep(300);
  }
  child.kill("SIGTERM");
  throw new Error(`the server did not answer /api/health within 60 s; see ${logFile}`);
}

/** A one-person petition drafted by the domain (templates, consent, checks), for the PDF export. */
async function benchPetition(t: Targets): Promise<string> {
  const { createPetition } = await import("@/lib/domain/petitions/mutations");
  const viewer = { ...t.lawyerA, role: "LAWYER" as const, locale: "en" as const, teamIds: [t.teamA], requestId: "bench", ip: null };
  return (await createPetition(viewer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [t.caseId] })).id;
}

/** Makes today's daily job due again, as on the first minutes of a new day (lib/jobs/lease.ts). */
async function makeDayStale(runner: SqlRunner): Promise<void> {
  await runner.query(`UPDATE "JobRun" SET "lastDay" = "lastDay" - 1 WHERE "lastDay" IS NOT NULL`);
}

/** The daily job (rescore everything, reminders, sealing) as cron or the server's scheduler runs it. */
async function dailyJob(): Promise<{ ms: number; result: unknown }> {
  const { runDailyJobsIfDue } = await import("@/lib/jobs/daily");
  const t0 = Date.now();
  const result = await runDailyJobsIfDue();
  return { ms: Date.now() - t0, result };
}

/** The daily job in a child process, as `npm run jobs:daily` from cron. */
async function dailyJobProcess(env: NodeJS.ProcessEnv): Promise<{ ms: number; result: unknown }> {
  const t0 = Date.now();
  let out = "";
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/daily-jobs.ts"], { env: { ...env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { ms: Date.now() - t0, result: { exitCode: code, output: out.trim().split("\n").slice(0, 3).join(" | ") } };
}

async function main() {
  // Run bare from a script (no terminal, no options) — e.g. a hook expanding `npm run bench` in a
  // message — it would drop the benchmark database and keep the machine busy for ~25 minutes. It
  // says so and stops; a terminal, or any option (e.g. --n=100000), runs it.
  if (!process.stdout.isTTY && process.argv.slice(2).length === 0 && !process.env.BENCH_N) {
    console.log("npm run bench: not started (no terminal and no options). It takes ~25 minutes and re-creates the benchmark database; run it in a terminal, or with options, e.g. `npm run bench -- --n=100000`.");
    return;
  }
  const o = args();
  const started = new Date();
  const loadStart = os.loadavg();
  const benchDir = path.join(process.cwd(), "data", "bench");
  mkdirSync(benchDir, { recursive: true, mode: 0o700 });
  const secrets = loadOrCreateLocalSecrets(benchDir);
  // The daily job writes audit checkpoints (S19); they belong to this benchmark database.
  const checkpoints = path.join(benchDir, "audit-checkpoints.jsonl");
  Object.assign(process.env, secrets, { DATABASE_URL: o.url, HAVEN_AUDIT_CHECKPOINTS: checkpoints });
  const { usePrisma: installPrisma } = await import("@/lib/db/client");
  log(`${o.skipGenerate ? "existing data" : `N=${o.n}`}, database ${o.url.replace(/\/\/[^@]*@/, "//")}, load average ${loadStart.map((x) => x.toFixed(2)).join(" ")}`);

  let generated: GenerateResult | null = null;
  if (!o.skipGenerate) {
    await recreateDatabase(o.url);
    rmSync(checkpoints, { force: true }); // (they described the database just dropped)
    const client = new pg.Client({ connectionString: o.url });
    await client.connect();
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: o.url }) });
    log(`generating ${o.n} detainees…`);
    generated = await generateBenchData(pgRunner(client), {
      n: o.n, prisma, log, risk: o.risk,
      connect: async () => {
        const second = new pg.Client({ connectionString: o.url });
        await second.connect();
        return pgRunner(second);
      },
    });
    await prisma.$disconnect();
    await client.end();
    log(`generated in ${generated.seconds.toFixed(1)} s: ${JSON.stringify(generated.counts)}`);
    log(`risk: ${generated.risk.note}`);
    writeFileSync(path.join(benchDir, "generated.json"), JSON.stringify({ at: new Date().toISOString(), ...generated }, null, 2));
  } else if (existsSync(path.join(benchDir, "generated.json"))) {
    generated = JSON.parse(readFileSync(path.join(benchDir, "generated.json"), "utf8")) as GenerateResult;
    log(`reusing the data generated before (N=${generated.n})`);
  }

  if (o.generateOnly) return;

  const client = new pg.Client({ connectionString: o.url });
  await client.connect();
  const runner = pgRunner(client);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: o.url }) });
  installPrisma(prisma);
  const targets = await findTargets(runner);
  const [{ n: detainees } = { n: 0 }] = await runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Detainee"`);

  const env: NodeJS.ProcessEnv = {
    ...process.env, ...secrets, DATABASE_URL: o.url, HAVEN_BENCH: "1", NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production",
    HAVEN_UPLOAD_DIR: path.join(benchDir, "uploads"),
    // The daily job runs from this process at known moments (below), not from the server's scheduler mid-measurement.
    HAVEN_JOBS: "off",
  };
  // Today's daily job done before measuring, as on any day after its first minutes.
  const before = await dailyJob();
  log(`daily job before measuring: ${before.ms} ms ${JSON.stringify(before.result)}`);
  if (!o.skipBuild) {
    log("building (waiting for /tmp/haven-build.lock)…");
    await run("flock", ["/tmp/haven-build.lock", "node_modules/.bin/next", "build"], env);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  env.NEXTAUTH_URL = base;
  const server = await startServer(env, port, path.join(benchDir, "server.log"));
  log(`server on ${base} (log: data/bench/server.log)`);
  const results: PageResult[] = [];
  const skipped: Report["skipped"] = [];
  let csv: Report["csv"] = null;
  try {
    const lawyer = await signIn(base, targets.lawyerA.email);
    const adminEmail = BENCH_USERS.find((u) => u.role === "ADMIN" && u.team === 0)!.email;
    const admin = await signIn(base, adminEmail);
    log(`signed in as ${targets.lawyerA.email} and ${adminEmail} (password + TOTP)`);
    const bare: Target = { key: "bare", label: "bare page", path: "/bench-bare", session: lawyer, load: true };
    await eventLoop(lawyer); // starts the server's event-loop histogram
    // Statements per request: the server's counter read around each timed request, when it has one.
    const counter = (await queryCount(lawyer)) === null ? undefined : () => queryCount(lawyer);
    log(counter ? "counting statements with /bench-bare/queries" : "no statement counter on this server: queries/req will be n/a");

    const pages: Target[] = [
      { key: "shell", label: "signed-in layout, one div (reference)", path: "/bench-shell", session: lawyer, load: true },
      { key: "dashboard", label: "dashboard (warm)", path: "/", session: lawyer, load: true },
      { key: "list", label: "detainee list", path: "/detainees", session: lawyer, load: true },
      { key: "list-status", label: "list, status filter", path: "/detainees?status=DETAINED", session: lawyer, load: true },
      { key: "list-facility", label: "list, facility filter", path: `/detainees?facilityId=${targets.facilityId}`, session: lawyer, load: true },
      { key: "search", label: `name search (${targets.searchName})`, path: `/detainees?q=${encodeURIComponent(targets.searchName)}`, session: lawyer, load: true },
      { key: "case", label: `case page (${targets.caseCustody} custody periods)`, path: `/detainees/${targets.caseId}`, session: lawyer, load: true },
      { key: "facility", label: `facility page (largest: ${targets.facilityOpen} held)`, path: `/facilities/${targets.facilityId}`, session: lawyer, load: true },
      { key: "events", label: "events list", path: "/events", session: lawyer, load: true },
      { key: "audit", label: "audit log (admin)", path: "/admin/audit", session: admin, load: true },
      { key: "petitions", label: "petitions list", path: "/petitions", session: lawyer, load: true },
    ].filter((p) => o.pages.includes(p.key));

    // Bare page alone first: its latency decides when a backlog has drained.
    const bareAlone = await sequential(bare, bare, { warmup: o.warmup, requests: o.requests, capSeconds: 60 });
    const quickMs = Math.max(50, (bareAlone.bare.p50 ?? 20) * 3);
    let bareBefore: Load | null = null;
    for (const page of pages) {
      log(`${page.key}: ${page.path}`);
      let cold: Latency | null = null;
      if (page.key === "dashboard") {
        // First visits of a new day: the daily job falls due and runs (here, as the scheduler or cron
        // would) while people open the dashboard, which must not wait for it.
        await makeDayStale(runner);
        // The job runs as cron runs it: its own process (`npm run jobs:daily`), so its CPU does not
        // delay this process's own timing of the visits.
        const job = dailyJobProcess(env);
        let jobDone = false;
        void job.then(() => { jobDone = true; }, () => { jobDone = true; });
        const coldSamples: Latency[] = [];
        for (let i = 0; i < 30 && (i < 3 || !jobDone); i++) {
          coldSamples.push((await sequential(page, bare, { warmup: 0, requests: 1, capSeconds: 120, queryCount: counter })).page);
        }
        const ran = await job;
        cold = mergeLatency(coldSamples);
        log(`  first visits of the day, during the daily job (${ran.ms} ms, ${coldSamples.length} visits): ${JSON.stringify(cold)}`);
        await drain(bare, quickMs);
      }
      const seq = await sequential(page, bare, { warmup: o.warmup, requests: o.requests, capSeconds: 60, afterWarmup: () => eventLoop(lawyer), queryCount: counter });
      // Event-loop delay at 1 user: what one request blocks. Under load it mostly shows queueing.
      const loop: EventLoop | null = await eventLoop(lawyer);
      log(`  1 user: page ${JSON.stringify(seq.page)} | bare p50 ${seq.bare.p50} ms`);
      let pageLoad: Load | null = null;
      let bareAfter: Load | null = null;
      let loopUnderLoad: EventLoop | null = null;
      if (page.load && o.duration > 0) {
        bareBefore ??= await load(bare, o);
        await drain(bare, quickMs);
        await eventLoop(lawyer);
        pageLoad = await load(page, o);
        loopUnderLoad = await eventLoop(lawyer);
        const drained = await drain(bare, quickMs);
        if (drained > 1) log(`  backlog drained in ${drained.toFixed(0)} s`);
        bareAfter = await load(bare, o);
        log(`  ${o.connections} users: page ${pageLoad.rps} req/s (${pageLoad.errors} errors) | bare ${bareBefore.rps} → ${bareAfter.rps} req/s`);
      }
      results.push({ key: page.key, label: page.label, path: page.path, cold, seq: seq.page, bareSeq: seq.bare, load: pageLoad, bareLoad: bareBefore && bareAfter ? [bareBefore, bareAfter] : null, eventLoop: loop, eventLoopUnderLoad: loopUnderLoad });
      bareBefore = bareAfter;
    }

    const fontProblem = o.pages.includes("pdf") ? await pdfFontProblem() : null;
    if (fontProblem) {
      log(`pdf: skipped — ${fontProblem}`);
      skipped.push({ key: "pdf", label: "petition PDF export (1 person)", reason: fontProblem });
    } else if (o.pages.includes("pdf")) {
      const petitionId = await benchPetition(targets);
      log(`pdf: petition ${petitionId}; re-authenticating (exports need it)…`);
      await reauthenticate(lawyer, targets.lawyerA.email, `/petitions/${petitionId}`);
      const pdf: Target = { key: "pdf", label: "petition PDF export (1 person)", path: `/api/petitions/${petitionId}/export`, session: lawyer, form: [["format", "pdf"]], load: false };
      const seq = await sequential(pdf, bare, { warmup: 2, requests: Math.min(o.requests, 20), capSeconds: 120, afterWarmup: () => eventLoop(lawyer), queryCount: counter });
      log(`  1 user: ${JSON.stringify(seq.page)}`);
      results.push({ key: "pdf", label: pdf.label, path: `POST ${pdf.path}`, cold: null, seq: seq.page, bareSeq: seq.bare, load: null, bareLoad: null, eventLoop: await eventLoop(lawyer), eventLoopUnderLoad: null });
    }
    if (o.pages.includes("csv")) {
      log("CSV import: 10,000 rows through HTTP (upload route → staged preview → commit form)…");
      csv = await timeCsvImport(runner, lawyer, targets);
      log(`  ${JSON.stringify(csv)}`);
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  }

  await prisma.$disconnect();
  await client.end();

  const report: Report = {
    startedAt: started.toISOString(), finishedAt: new Date().toISOString(), n: generated?.n ?? o.n, detainees,
    loadStart, loadEnd: os.loadavg(), cpus: os.cpus().length, connections: o.connections, duration: o.duration, requests: o.requests,
    generation: generated ? { seconds: generated.seconds, counts: generated.counts, risk: generated.risk.note, phases: generated.phases } : null,
    targets: { case: `${targets.caseCustody} custody periods`, facility: `${targets.facilityName} (${targets.facilityOpen} held)`, search: targets.searchName },
    pages: results, skipped, csv,
  };
  const markdown = renderReport(report);
  console.log(`\n${markdown}`);
  writeFileSync(path.join(benchDir, `results-${report.startedAt.replace(/[:.]/g, "-")}.json`), JSON.stringify(report, null, 2));
  if (o.write) {
    writePerformanceDoc(markdown);
    log("results written to docs/performance.md");
  }
}

/** The PDF exporter needs a CJK font on the server's machine (lib/domain/petitions/export/fonts.ts). */
async function pdfFontProblem(): Promise<string | null> {
  const { resolvePdfFonts } = await import("@/lib/domain/petitions/export/fonts");
  try {
    resolvePdfFonts();
    return null;
  } catch (e) {
    return `no CJK font for PDF export on this machine (${(e instanceof Error ? e.message : String(e)).split(".")[0]}; e.g. apt-get install -y fonts-noto-cjk)`;
  }
}

function mergeLatency(list: Latency[]): Latency {
  const ms = list.map((l) => l.p50).filter((x): x is number => x !== null).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const l of list) for (const [k, v] of Object.entries(l.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    samples: ms.length, p50: ms[Math.floor((ms.length - 1) / 2)] ?? null, p95: ms.at(-1) ?? null, max: ms.at(-1) ?? null,
    errors: list.reduce((s, l) => s + l.errors, 0), statuses, queries: list[0]?.queries ?? null, kb: list[0]?.kb ?? null,
  };
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
