// `npm run bench:engines`: the embedded engine (PGlite) against PostgreSQL on the same benchmark
// data (issue 11: PGlite within 1.5× PostgreSQL on list, search and case page at 100k).
//
// Generates N detainees (default 100,000) into a PGlite data directory with the same generator
// and seed as `npm run bench` (once; --regenerate to start over), then runs the domain reads of
// the list, the name search and the case page as the benchmark's lawyer, alternating engines
// request by request in this one process, and prints medians and the ratio. The pages' rendering
// is the same code whatever the engine, so a page's ratio lies between 1 and the ratio of its
// reads: reads within 1.5× mean pages within 1.5×.
//
//   npm run bench:engines -- --n=100000 [--rounds=40] [--regenerate]
// PostgreSQL side: BENCH_DATABASE_URL (default haven_bench, as `npm run bench` generates it).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { loadOrCreateLocalSecrets } from "@/lib/config/secrets";
import { openPGlite } from "@/lib/db/engine";
import { pgRunner, pgliteRunner, type SqlRunner } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { generateBenchData } from "./generate";
import { findTargets, type Targets } from "./targets";

const log = (line: string) => console.log(`[engines] ${line}`);
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

type Engine = { name: string; prisma: PrismaClient; runner: SqlRunner; targets: Targets };

async function main() {
  const n = Number(arg("n") ?? 100_000);
  const rounds = Number(arg("rounds") ?? 40);
  const benchDir = path.join(process.cwd(), "data", "bench");
  mkdirSync(benchDir, { recursive: true });
  Object.assign(process.env, loadOrCreateLocalSecrets(benchDir));
  const { usePrisma: installPrisma } = await import("@/lib/db/client");
  const dataDir = path.join(benchDir, `pglite-${n}`);
  const marker = path.join(dataDir, "..", `pglite-${n}.json`);
  if (process.argv.includes("--regenerate") || !existsSync(marker)) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(marker, { force: true });
    const db = await openPGlite(dataDir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
    log(`generating ${n} detainees into ${dataDir}…`);
    const result = await generateBenchData(pgliteRunner(db), { n, prisma, log });
    await prisma.$disconnect();
    await db.close();
    writeFileSync(marker, JSON.stringify({ at: new Date().toISOString(), seconds: result.seconds, counts: result.counts }, null, 2));
    log(`generated in ${result.seconds.toFixed(0)} s`);
  }

  const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/haven_bench";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pgRun = pgRunner(client);
  const [{ n: pgCount } = { n: 0 }] = await pgRun.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Detainee"`);
  if (pgCount !== n) throw new Error(`${url} holds ${pgCount} detainees, not ${n}: run \`npm run bench -- --n=${n} --generate-only\` first`);
  const db = await openPGlite(dataDir);
  const liteRun = pgliteRunner(db);
  const engines: Engine[] = [
    { name: "PostgreSQL", prisma: new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }), runner: pgRun, targets: await findTargets(pgRun) },
    { name: "PGlite", prisma: new PrismaClient({ adapter: new PrismaPGlite(db) }), runner: liteRun, targets: await findTargets(liteRun) },
  ];

  const detainees = await import("@/lib/domain/detainee/queries");
  const { listDetaineesSchema } = await import("@/lib/domain/detainee/schemas");
  const { listDetaineeIndicators } = await import("@/lib/domain/indicator/queries");
  const { listSources } = await import("@/lib/domain/source/queries");
  const { listConsents } = await import("@/lib/domain/consent/queries");
  const { listAttachments } = await import("@/lib/domain/attachment/queries");
  const { listRecentEventOptions } = await import("@/lib/domain/detainee/options");
  const lawyerOf = (t: Targets): Viewer => ({ ...t.lawyerA, role: "LAWYER", locale: "en", teamIds: [t.teamA], requestId: "bench-engines", ip: null });
  const pages: [string, (t: Targets) => Promise<unknown>][] = [
    ["detainee list", (t) => detainees.listDetainees(lawyerOf(t), listDetaineesSchema.parse({}))],
    ["list, status filter", (t) => detainees.listDetainees(lawyerOf(t), listDetaineesSchema.parse({ status: "DETAINED" }))],
    ["name search", (t) => detainees.listDetainees(lawyerOf(t), listDetaineesSchema.parse({ q: t.searchName }))],
    ["case page", async (t) => {
      const v = lawyerOf(t);
      await detainees.getDetainee(v, t.caseId);
      await Promise.all([detainees.listActivities(v, t.caseId), listDetaineeIndicators(v, t.caseId), listSources(v, t.caseId), listConsents(v, t.caseId), listAttachments(v, t.caseId), listRecentEventOptions()]);
    }],
  ];

  const rows: string[] = [];
  for (const [name, work] of pages) {
    const times: Record<string, number[]> = { PostgreSQL: [], PGlite: [] };
    for (let i = 0; i < rounds + 3; i++) {
      // Alternate which engine goes first, so neither always runs on a warmer CPU.
      for (const e of i % 2 ? [...engines].reverse() : engines) {
        installPrisma(e.prisma);
        const started = performance.now();
        await work(e.targets);
        if (i >= 3) times[e.name]!.push(performance.now() - started); // the first rounds warm up
      }
    }
    const [a, b] = [median(times.PostgreSQL!), median(times.PGlite!)];
    const ratio = b / a;
    rows.push(`| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${ratio.toFixed(2)}× | ${ratio <= 1.5 ? "✓" : "✗ > 1.5×"} |`);
    log(`${name}: PostgreSQL ${a.toFixed(1)} ms, PGlite ${b.toFixed(1)} ms (median of ${rounds})`);
  }
  const load = os.loadavg().map((x) => x.toFixed(2)).join(" / ");
  const generated = JSON.parse(readFileSync(marker, "utf8")) as { seconds: number };
  console.log(`\n### ${new Date().toISOString().slice(0, 10)} — engines at N = ${n.toLocaleString("en")}\n`);
  console.log(`Domain reads of each page as the benchmark's lawyer, ${rounds} alternating rounds, median ms. PGlite generation took ${generated.seconds.toFixed(0)} s. Load average at end ${load}.\n`);
  console.log("| Page's reads | PostgreSQL ms | PGlite ms | PGlite / PostgreSQL | budget ≤ 1.5× |\n|---|---|---|---|---|");
  console.log(rows.join("\n"));
  for (const e of engines) await e.prisma.$disconnect();
  await client.end();
  await db.close();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
