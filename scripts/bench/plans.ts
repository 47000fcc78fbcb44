// `npm run bench:plans`: the query plans of every statement the main pages send, on the
// benchmark's database (issue 11 item 6). Each page's own domain reads run as the benchmark's
// lawyer (the audit page as its admin); every statement Prisma sends is captured and run again
// under EXPLAIN (ANALYZE, BUFFERS). Prints each statement's time and flags any sequential scan on
// Detainee, CustodyPeriod or AuditLog. Run after `npm run bench` (or with --skip-build), on a
// quiet machine; exits 1 when a flagged scan is found.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { usePrisma as installPrisma } from "@/lib/db/client";
import { pgRunner } from "@/lib/db/migrate";
import type { Viewer } from "@/lib/auth/viewer";
import { findTargets } from "./targets";
import { BENCH_USERS } from "./users";

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/haven_bench";
const WATCHED = /Seq Scan on "?(Detainee|CustodyPeriod|AuditLog)"?/;

async function main() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const runner = pgRunner(client);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: "event", level: "query" }] });
  const sent: { query: string; params: string; ms: number }[] = [];
  prisma.$on("query", (e) => { sent.push({ query: e.query, params: e.params, ms: e.duration }); });
  installPrisma(prisma);
  const t = await findTargets(runner);
  const lawyer: Viewer = { ...t.lawyerA, role: "LAWYER", locale: "en", teamIds: [t.teamA], requestId: "bench-plans", ip: null };
  const adminEmail = BENCH_USERS.find((u) => u.role === "ADMIN" && u.team === 0)!.email;
  const [a] = await runner.query<{ id: string; displayName: string }>(`SELECT id, "displayName" FROM "User" WHERE email = $1`, [adminEmail]);
  const admin: Viewer = { id: a!.id, email: adminEmail, displayName: a!.displayName, role: "ADMIN", locale: "en", teamIds: [], requestId: "bench-plans", ip: null };

  const dashboard = await import("@/lib/domain/dashboard/queries");
  const detainees = await import("@/lib/domain/detainee/queries");
  const { listDetaineesSchema } = await import("@/lib/domain/detainee/schemas");
  const { explainDetainees, explainFacility, facilityRiskHistory } = await import("@/lib/domain/risk/explain");
  const { upcomingPetitionDeadlines, listPetitions } = await import("@/lib/domain/petitions/queries");
  const { unreadNotificationCount } = await import("@/lib/domain/notification/queries");
  const { listEvents } = await import("@/lib/domain/event/queries");
  const { listEventsSchema } = await import("@/lib/domain/event/schemas");
  const { listDetaineeIndicators, listFacilityIndicators } = await import("@/lib/domain/indicator/queries");
  const { listSources } = await import("@/lib/domain/source/queries");
  const { listConsents } = await import("@/lib/domain/consent/queries");
  const { listAttachments } = await import("@/lib/domain/attachment/queries");
  const { getFacility, listFacilityDetainees } = await import("@/lib/domain/facility/queries");
  const { listAuditEntries } = await import("@/lib/domain/audit/queries");
  const { auditFiltersSchema } = await import("@/lib/domain/audit/schemas");
  const { listRecentEventOptions } = await import("@/lib/domain/detainee/options");
  const list = (f: Record<string, unknown>) => detainees.listDetainees(lawyer, listDetaineesSchema.parse(f));

  const pages: [string, () => Promise<unknown>][] = [
    ["dashboard", async () => {
      const [, atRisk, facilities] = await Promise.all([dashboard.statusCounts(lawyer), dashboard.atRiskDetainees(lawyer), dashboard.facilitiesByRisk(), dashboard.recentEvents(), upcomingPetitionDeadlines(lawyer, 8), unreadNotificationCount(lawyer)]);
      await Promise.all([dashboard.topFacilities(lawyer, facilities.filter((f) => f.riskScore != null), 10), explainDetainees(atRisk.rows.map((r) => r.id))]);
    }],
    ["list", () => list({})],
    ["list, status filter", () => list({ status: "DETAINED" })],
    ["list, facility filter", () => list({ facilityId: t.facilityId })],
    ["name search", () => list({ q: t.searchName })],
    ["case page", async () => {
      await detainees.getDetainee(lawyer, t.caseId);
      await Promise.all([detainees.listActivities(lawyer, t.caseId), listDetaineeIndicators(lawyer, t.caseId), listSources(lawyer, t.caseId), listConsents(lawyer, t.caseId), listAttachments(lawyer, t.caseId), listRecentEventOptions()]);
    }],
    ["facility page", async () => {
      await getFacility(lawyer, t.facilityId);
      await Promise.all([listEvents(lawyer, listEventsSchema.parse({ facilityId: t.facilityId })), listFacilityIndicators(lawyer, t.facilityId), explainFacility(t.facilityId), facilityRiskHistory(t.facilityId), listFacilityDetainees(lawyer, t.facilityId)]);
    }],
    ["events", () => listEvents(lawyer, listEventsSchema.parse({}))],
    ["audit", () => listAuditEntries(admin, auditFiltersSchema.parse({}))],
    ["petitions", () => listPetitions(lawyer, {})],
  ];

  let flagged = 0;
  for (const [name, work] of pages) {
    await work(); // warm
    sent.length = 0;
    const started = performance.now();
    await work();
    const wall = performance.now() - started;
    const statements = sent.filter((s) => /^\s*(SELECT|WITH)/i.test(s.query));
    console.log(`\n## ${name}: ${sent.length} statements, ${wall.toFixed(1)} ms wall`);
    for (const s of statements) {
      const rows = await runner.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${s.query}`, JSON.parse(s.params) as unknown[]);
      const plan = rows.map((r) => Object.values(r)[0]).join("\n");
      const exec = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? "?";
      const bad = WATCHED.test(plan);
      if (bad) flagged++;
      const tables = [...new Set([...s.query.matchAll(/FROM "public"\."(\w+)"/g)].map((m) => m[1]))].join(", ");
      console.log(`- ${exec.padStart(8)} ms  ${bad ? "SEQ SCAN  " : ""}${tables || s.query.slice(0, 80).replace(/\s+/g, " ")}`);
      if (bad || Number(exec) > 20 || process.env.SHOW_PLANS) console.log(plan.split("\n").map((l) => `      ${l}`).join("\n"));
    }
  }
  // Item 2: "list and search ≤ 1.5× the raw SQL they need" — each list read through the domain
  // (Prisma, mapping, scope) against the very statements it sends, run raw on a pg pool with the
  // same concurrency (one batch per statement group the domain awaits together).
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log("\n## Lists against their raw SQL (median of 30, ms)\n\n| Page | domain | raw SQL | ratio | budget ≤ 1.5× |\n|---|---|---|---|---|");
  let overBudget = 0;
  for (const [name, work] of pages.filter(([p]) => p.startsWith("list") || p === "name search")) {
    await work();
    sent.length = 0;
    await work();
    const statements = sent.filter((x) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET)/i.test(x.query)).map((x) => ({ text: x.query, values: JSON.parse(x.params) as unknown[] }));
    const domain: number[] = [], raw: number[] = [];
    for (let i = 0; i < 33; i++) {
      let started = performance.now();
      await work();
      if (i >= 3) domain.push(performance.now() - started);
      started = performance.now();
      await Promise.all(statements.map((st) => pool.query(st.text, st.values)));
      if (i >= 3) raw.push(performance.now() - started);
    }
    const ratio = median(domain) / median(raw);
    if (ratio > 1.5) overBudget++;
    console.log(`| ${name} | ${median(domain).toFixed(1)} | ${median(raw).toFixed(1)} | ${ratio.toFixed(2)}× | ${ratio <= 1.5 ? "✓" : "✗"} |`);
  }
  await pool.end();
  if (overBudget) console.log(`\n${overBudget} list read(s) over 1.5× their raw SQL`);
  await prisma.$disconnect();
  await client.end();
  console.log(flagged ? `\n${flagged} statement(s) scan Detainee, CustodyPeriod or AuditLog sequentially` : "\nno sequential scan on Detainee, CustodyPeriod or AuditLog");
  process.exit(flagged ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(2);
});
