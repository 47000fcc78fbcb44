// The case list at size (issue 11 item 6), on both engines: its page queries use indexes (the
// plans of the statements Prisma actually sends, read back with EXPLAIN), counts stop at 10,000
// and say "more", and the facility filter offers at most 20 facilities, only those holding the
// viewer's own cases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { prisma, usePrisma } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { COUNT_CAP, listDetainees, searchCurrentFacilitiesInScope } from "@/lib/domain/detainee/queries";
import { listDetaineesSchema } from "@/lib/domain/detainee/schemas";
import { createEmptyDatabase, type EmptyDatabase } from "./helpers";
import { applyMigrations } from "@/lib/db/migrate";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer } from "./fixtures";

let empty: EmptyDatabase;
let client: PrismaClient;
const sent: { query: string; params: string }[] = [];
let teamA: string, teamB: string, lawyerA: Viewer, lawyerB: Viewer, busy: string;
const many: string[] = [];
const TEAM_B_EXTRA = 15_000;

beforeAll(async () => {
  ensureTestKeys();
  empty = await createEmptyDatabase();
  await applyMigrations(empty.runner);
  const adapter = empty.pglite ? new PrismaPGlite(empty.pglite) : new PrismaPg({ connectionString: empty.url! });
  // Every statement Prisma sends is kept, so the test can ask the planner about exactly that SQL.
  const logged = new PrismaClient({ adapter: adapter as PrismaPg, log: [{ emit: "event", level: "query" }] });
  logged.$on("query", (e) => { sent.push({ query: e.query, params: e.params }); });
  client = logged;
  usePrisma(client);
  teamA = await makeTeam();
  teamB = await makeTeam();
  lawyerA = await makeViewer("LAWYER", [teamA]);
  lawyerB = await makeViewer("LAWYER", [teamB]);
  busy = await makeFacility({ nameEn: "Busy Border Station" });
  for (let i = 0; i < 25; i++) many.push(await makeFacility({ nameEn: `Scale Centre ${String(i).padStart(2, "0")}` }));
  const onlyB = await makeFacility({ nameEn: "Scale Centre of team B only" });
  // Team A: COUNT_CAP + 5 cases, all held at the busy station except one at each "Scale Centre".
  const n = COUNT_CAP + 5;
  const ids = Array.from({ length: n }, (_, i) => `lista${String(i).padStart(6, "0")}`);
  await client.$executeRaw`
    INSERT INTO "Detainee" (id, "caseNumber", "teamId", "searchText", status, "updatedAt")
    SELECT id, 'LA-' || id, ${teamA}, id, 'DETAINED', now() - (random() * interval '400 days') FROM unnest(${ids}::text[]) AS u(id)`;
  const facilityOf = ids.map((_, i) => (i < many.length ? many[i]! : busy));
  await client.$executeRaw`
    INSERT INTO "CustodyPeriod" (id, "detaineeId", "facilityId", "fromDate", "fromPrecision", "updatedAt")
    SELECT 'c' || id, id, f, date '2026-01-01', 'DAY', now() FROM unnest(${ids}::text[], ${facilityOf}::text[]) AS u(id, f)`;
  await client.$executeRaw`INSERT INTO "Detainee" (id, "caseNumber", "teamId", status, "updatedAt") VALUES ('listb1', 'LB-1', ${teamB}, 'DETAINED', now())`;
  // Team B is the larger team, so team A's cases are a minority of the table, as in a real installation.
  const others = Array.from({ length: TEAM_B_EXTRA }, (_, i) => `listb${String(i).padStart(6, "0")}x`);
  await client.$executeRaw`
    INSERT INTO "Detainee" (id, "caseNumber", "teamId", "searchText", status, "updatedAt")
    SELECT id, 'LB-' || id, ${teamB}, id, 'RELEASED', now() FROM unnest(${others}::text[]) AS u(id)`;
  await client.$executeRaw`INSERT INTO "CustodyPeriod" (id, "detaineeId", "facilityId", "fromDate", "fromPrecision", "updatedAt") VALUES ('clistb1', 'listb1', ${onlyB}, date '2026-01-01', 'DAY', now())`;
  await client.$executeRaw`ANALYZE`;
}, 300_000);

afterAll(async () => {
  await client?.$disconnect().catch(() => {});
  await empty?.close();
});

/** The plans of the statements a call sent that read the given tables. */
async function plansOf(work: () => Promise<unknown>, tables: RegExp): Promise<string[]> {
  sent.length = 0;
  await work();
  const statements = sent.filter((s) => tables.test(s.query) && /^\s*SELECT/i.test(s.query));
  expect(statements.length).toBeGreaterThan(0);
  const plans: string[] = [];
  for (const s of statements) {
    const params = JSON.parse(s.params) as unknown[];
    const rows = await empty.runner.query(`EXPLAIN ${s.query}`, params);
    plans.push(rows.map((r) => Object.values(r as Record<string, unknown>)[0]).join("\n"));
  }
  return plans;
}

describe("case list at size", () => {
  it("counts a team's cases exactly, and a broad name search up to 10,000 ('more than')", async () => {
    const r = await listDetainees(lawyerA, listDetaineesSchema.parse({}));
    expect(r).toMatchObject({ total: COUNT_CAP + 5, more: false, pageCount: Math.ceil((COUNT_CAP + 5) / 25) });
    expect(r.rows).toHaveLength(25);
    const b = await listDetainees(lawyerB, listDetaineesSchema.parse({}));
    expect(b).toMatchObject({ total: TEAM_B_EXTRA + 1, more: false });
    // Every case of team A matches "lista": the count stops at the cap and says so.
    const broad = await listDetainees(lawyerA, listDetaineesSchema.parse({ q: "lista", sort: "updated" }));
    expect(broad).toMatchObject({ total: COUNT_CAP, more: true, pageCount: COUNT_CAP / 25 });
    const narrow = await listDetainees(lawyerA, listDetaineesSchema.parse({ q: "lista000042" }));
    expect(narrow).toMatchObject({ total: 1, more: false });
  });

  it("reads the first page, and a facility's cases, through indexes", async () => {
    const first = await plansOf(() => listDetainees(lawyerA, listDetaineesSchema.parse({})), /FROM "public"\."Detainee"/);
    const byStatus = await plansOf(() => listDetainees(lawyerA, listDetaineesSchema.parse({ status: "DETAINED" })), /FROM "public"\."Detainee"/);
    expect(byStatus.join("\n")).not.toMatch(/Seq Scan on "?Detainee"?/);
    const joined = first.join("\n---\n");
    expect(joined).toMatch(/Index/);
    expect(joined).not.toMatch(/Seq Scan on "?Detainee"?/);
    const byFacility = await plansOf(() => listDetainees(lawyerA, listDetaineesSchema.parse({ facilityId: many[3] })), /"CustodyPeriod"/);
    expect(byFacility.join("\n")).not.toMatch(/Seq Scan on "?(Detainee|CustodyPeriod)"?/);
    // Positive control: the same check sees a sequential scan where there is one.
    const control = await empty.runner.query(`EXPLAIN SELECT * FROM "Detainee" WHERE "caseNumber" LIKE '%9'`, []);
    expect(control.map((r) => Object.values(r as Record<string, unknown>)[0]).join("\n")).toMatch(/Seq Scan on "?Detainee"?/);
  });
});

describe("facility filter", () => {
  it("offers at most 20 facilities, by name, only those holding the viewer's cases", async () => {
    const all = await searchCurrentFacilitiesInScope(lawyerA, "");
    expect(all).toHaveLength(20);
    expect(all.map((f) => f.nameEn)).toEqual([...all.map((f) => f.nameEn)].sort());
    expect(all.map((f) => f.nameEn)).not.toContain("Scale Centre of team B only");
    const typed = await searchCurrentFacilitiesInScope(lawyerA, "centre 2");
    expect(typed.map((f) => f.nameEn)).toEqual(["Scale Centre 20", "Scale Centre 21", "Scale Centre 22", "Scale Centre 23", "Scale Centre 24"]);
    // Positive control: team B's lawyer is offered that facility, and none of team A's.
    expect((await searchCurrentFacilitiesInScope(lawyerB, "centre")).map((f) => f.nameEn)).toEqual(["Scale Centre of team B only"]);
    // LIKE wildcards typed by the user are literal.
    expect(await searchCurrentFacilitiesInScope(lawyerA, "%")).toEqual([]);
  });
});

void prisma;
