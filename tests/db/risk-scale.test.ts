// Nothing breaks with size (issue 11 item 3), on both engines: 70,000 people held at one
// facility — more than PostgreSQL's 65,535 bind parameters — are rescored by an event there and
// by the daily pass, which then writes only rows whose score or explanation changed; the daily
// job runs once a day across instances; pages read stored explanations and history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { createRepatriationEvent } from "@/lib/domain/event/mutations";
import { rescoreEverything } from "@/lib/domain/risk/refresh";
import { explainDetainees, explainFacility, facilityRiskHistory } from "@/lib/domain/risk/explain";
import { runOncePerDay } from "@/lib/jobs/lease";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer } from "./fixtures";

const PEOPLE = 70_000;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: Viewer;
let facility: string, quiet: string;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const levels = async (facilityId: string) => prisma().$queryRaw<{ level: string | null; n: bigint }[]>`
  SELECT d."riskLevel" AS level, count(*) AS n FROM "Detainee" d JOIN "CustodyPeriod" c ON c."detaineeId" = d.id AND c."toDate" IS NULL
  WHERE c."facilityId" = ${facilityId} GROUP BY d."riskLevel" ORDER BY 1`;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  const team = await makeTeam();
  admin = await makeViewer("ADMIN", []);
  facility = await makeFacility({ nameEn: "Scale test border station", province: "Jilin" });
  quiet = await makeFacility({ nameEn: "Scale test quiet centre", province: "Heilongjiang" });
  // Set-based inserts (the same way the CSV import writes): 70,000 people held since 40 days ago.
  const ids = Array.from({ length: PEOPLE }, (_, i) => `scale${String(i).padStart(6, "0")}`);
  for (let i = 0; i < PEOPLE; i += 10_000) {
    const part = ids.slice(i, i + 10_000);
    await prisma().$executeRaw`
      INSERT INTO "Detainee" (id, "caseNumber", "teamId", "searchText", status, "updatedAt")
      SELECT id, 'SC-' || id, ${team}, id, 'DETAINED', now() FROM unnest(${part}::text[]) AS u(id)`;
    await prisma().$executeRaw`
      INSERT INTO "CustodyPeriod" (id, "detaineeId", "facilityId", "fromDate", "fromPrecision", "updatedAt")
      SELECT 'c' || id, id, ${facility}, ${isoDay(-40)}::date, 'DAY', now() FROM unnest(${part}::text[]) AS u(id)`;
  }
  // Two people elsewhere, to see they are left alone by an event at the border station.
  await prisma().$executeRaw`INSERT INTO "Detainee" (id, "caseNumber", "teamId", status, "updatedAt") VALUES ('quiet1', 'SC-Q1', ${team}, 'DETAINED', now()), ('quiet2', 'SC-Q2', ${team}, 'DETAINED', now())`;
  await prisma().$executeRaw`INSERT INTO "CustodyPeriod" (id, "detaineeId", "facilityId", "fromDate", "fromPrecision", "updatedAt") VALUES ('cq1', 'quiet1', ${quiet}, ${isoDay(-40)}::date, 'DAY', now()), ('cq2', 'quiet2', ${quiet}, ${isoDay(-40)}::date, 'DAY', now())`;
}, 300_000);

afterAll(async () => {
  await db?.close();
});

describe("risk at 70,000 people", () => {
  it("an event at the facility rescores all 70,000 people held there, and no one elsewhere", async () => {
    await createRepatriationEvent(admin, { date: isoDay(-1), facilityId: facility, reportedMin: 300, reportedMax: 300, verification: "CONFIRMED" });
    expect(await levels(facility)).toEqual([{ level: "IMMINENT", n: BigInt(PEOPLE) }]);
    expect(await levels(quiet)).toEqual([{ level: null, n: 2n }]);
  }, 300_000);

  it("pages read the stored explanation and 180-day history", async () => {
    const f = await explainFacility(facility);
    expect(f?.level).toBe("IMMINENT");
    expect(f?.contributions.map((c) => c.key)).toContain("event");
    const h = await facilityRiskHistory(facility);
    expect(h.recomputed.length).toBeGreaterThanOrEqual(179);
    expect(h.recomputed.at(-1)?.level).toBe("IMMINENT");
    expect(h.recomputed[0]?.level).not.toBe("IMMINENT"); // before the return
    const people = await explainDetainees(["scale000000", "scale069999", "quiet1"]);
    expect(people.get("scale069999")?.contributions.map((c) => c.key)).toEqual(expect.arrayContaining(["facility", "daysInCustody"]));
    expect(people.has("scale000000")).toBe(true);
    expect(people.has("quiet1")).toBe(false); // never scored yet: no explanation to show, none made up
  });
  it("the daily pass scores everyone, then rewrites only rows whose score or explanation changed", async () => {
    const now = new Date();
    const first = await rescoreEverything(now);
    expect(first.detainees).toBe(PEOPLE + 2);
    expect(first.written).toBe(2); // the two at the quiet centre had no score yet; the rest were current
    const again = await rescoreEverything(now);
    expect(again).toMatchObject({ detainees: PEOPLE + 2, written: 0 });
    // A week on, decay and longer custody move scores: rows are rewritten, all in chunks.
    const later = await rescoreEverything(new Date(now.getTime() + 7 * 86_400_000));
    expect(later.written).toBe(PEOPLE + 2);
  }, 600_000);

});

describe("daily job lease", () => {
  it("runs once per day, and not while another holds it", async () => {
    const day = new Date(Date.now() + 400 * 86_400_000);
    let runs = 0;
    const job = () => runOncePerDay("scale-test", day, async () => ({ n: ++runs }));
    if (db.engine === "postgresql") {
      // Several instances at once: exactly one does the work.
      const results = await Promise.all([job(), job(), job(), job()]);
      expect(results.filter((r) => r !== null)).toEqual([{ n: 1 }]);
    } else {
      expect(await job()).toEqual({ n: 1 });
    }
    expect(await job()).toBeNull();
    expect(runs).toBe(1);
    // The next day it is due again.
    expect(await runOncePerDay("scale-test", new Date(day.getTime() + 86_400_000), async () => ({ n: ++runs }))).toEqual({ n: 2 });
  });

  it("a failed run leaves the day undone and the lease free", async () => {
    const day = new Date(Date.now() + 500 * 86_400_000);
    await expect(runOncePerDay("scale-fail", day, async () => { throw new TypeError("boom"); })).rejects.toThrow("boom");
    const row = await prisma().jobRun.findUniqueOrThrow({ where: { name: "scale-fail" } });
    expect(row).toMatchObject({ lastDay: null, leasedUntil: null, lastError: "TypeError" });
    expect(await runOncePerDay("scale-fail", day, async () => ({ ok: true }))).toEqual({ ok: true });
  });
});
