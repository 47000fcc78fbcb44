// Status workflow, custody chain, repatriation linking and optimistic locking, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { changeDetaineeStatus, createDetainee } from "@/lib/domain/detainee/mutations";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { createRepatriationEvent, linkDetaineesToEvent } from "@/lib/domain/event/mutations";
import type { Viewer } from "@/lib/auth/viewer";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let lawyer: Viewer, caseworker: Viewer, outsider: Viewer;
let teamId: string, facilityA: string, facilityB: string;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamId = await makeTeam();
  lawyer = await makeViewer("LAWYER", [teamId]);
  caseworker = await makeViewer("CASEWORKER", [teamId]);
  outsider = await makeViewer("LAWYER", [await makeTeam()]);
  facilityA = await makeFacility({ nameEn: "Tumen test centre" });
  facilityB = await makeFacility({ nameEn: "Dandong test centre", province: "Liaoning" });
});
afterAll(async () => db?.close());

async function newCase(name: string) {
  return createDetainee(caseworker, { teamId, nameHangul: name, status: "DETAINED" });
}
const version = async (id: string) => (await db.prisma.detainee.findUniqueOrThrow({ where: { id } })).version;

describe("custody chain", () => {
  it("records a transfer: the open period closes on the transfer date", async () => {
    const d = await newCase("이송자");
    await addCustodyPeriod(caseworker, { detaineeId: d.id, facilityId: facilityA, from: "2026-09" });
    await addCustodyPeriod(caseworker, { detaineeId: d.id, facilityId: facilityB, from: "2026-10-15" });
    const periods = await db.prisma.custodyPeriod.findMany({ where: { detaineeId: d.id }, orderBy: { fromDate: "asc" } });
    expect(periods.map((p) => [p.facilityId, p.toDate?.toISOString().slice(0, 10) ?? null])).toEqual([[facilityA, "2026-10-15"], [facilityB, null]]);
  });

  it("rejects overlapping and inverted periods with a clear message, writing nothing", async () => {
    const d = await newCase("겹침");
    await addCustodyPeriod(caseworker, { detaineeId: d.id, facilityId: facilityA, from: "2026-03-01", to: "2026-05-31" });
    await expect(addCustodyPeriod(caseworker, { detaineeId: d.id, facilityId: facilityB, from: "2026-04-01", to: "2026-04-30" })).rejects.toThrow(/overlaps/);
    await expect(addCustodyPeriod(caseworker, { detaineeId: d.id, facilityId: facilityB, from: "2026-08-01", to: "2026-07-01" })).rejects.toThrow(/cannot be before/);
    expect(await db.prisma.custodyPeriod.count({ where: { detaineeId: d.id } })).toBe(1);
  });

  it("is invisible to another team (NOT_FOUND, nothing written)", async () => {
    const d = await newCase("타팀");
    await expect(addCustodyPeriod(outsider, { detaineeId: d.id, facilityId: facilityA, from: "2026-01" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.prisma.custodyPeriod.count({ where: { detaineeId: d.id } })).toBe(0);
  });
});

describe("status workflow", () => {
  it("allows only table moves, needs a note, and audits each change", async () => {
    const d = await newCase("상태");
    await expect(changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "DETAINED_IN_DPRK", note: "x", version: 1 })).rejects.toMatchObject({ code: "INVALID" });
    await expect(changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "RELEASED", note: "", version: 1 })).rejects.toThrow();
    await expect(changeDetaineeStatus(caseworker, { detaineeId: d.id, to: "RELEASED", note: "n", version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "RELEASED", note: "Family confirmed release", version: 1 });
    const row = await db.prisma.detainee.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.status).toBe("RELEASED");
    expect(await db.prisma.auditLog.count({ where: { action: "detainee.status.change", entityId: d.id } })).toBe(1);
    expect(await db.prisma.activity.count({ where: { detaineeId: d.id, kind: "STATUS_CHANGE", body: "Family confirmed release" } })).toBe(1);
  });

  it("REPATRIATED needs a date and closes custody", async () => {
    const d = await newCase("송환");
    await addCustodyPeriod(caseworker, { detaineeId: d.id, facilityId: facilityA, from: "2026-06-01" });
    const v = await version(d.id);
    await expect(changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "REPATRIATED", note: "n", version: v })).rejects.toThrow(/when the person was returned/);
    await changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "REPATRIATED", note: "Seen at the bridge", date: "2026-11", version: v });
    const open = await db.prisma.custodyPeriod.count({ where: { detaineeId: d.id, toDate: null } });
    expect(open).toBe(0);
  });

  it("a stale version is a CONFLICT, not a silent overwrite", async () => {
    const d = await newCase("동시편집");
    await changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "RELEASED", note: "first editor", version: 1 });
    await expect(changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "RESETTLED", note: "second editor, stale", version: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db.prisma.detainee.findUniqueOrThrow({ where: { id: d.id } })).status).toBe("RELEASED");
  });
});

describe("repatriation events", () => {
  it("linking detainees closes custody and sets REPATRIATED, all or nothing", async () => {
    const ok = await newCase("일괄1");
    const bad = await newCase("일괄2");
    await addCustodyPeriod(caseworker, { detaineeId: ok.id, facilityId: facilityA, from: "2026-05" });
    await changeDetaineeStatus(lawyer, { detaineeId: bad.id, to: "RESETTLED", note: "reached Seoul", version: 1 });
    const event = await createRepatriationEvent(caseworker, { date: "2026-11-20", facilityId: facilityA, verification: "CONFIRMED", reportedMin: 180, reportedMax: 200 });

    await expect(linkDetaineesToEvent(lawyer, { eventId: event.id, detaineeIds: [ok.id, bad.id], note: "batch" })).rejects.toMatchObject({ code: "INVALID" });
    expect((await db.prisma.detainee.findUniqueOrThrow({ where: { id: ok.id } })).status).toBe("DETAINED");
    expect(await db.prisma.custodyPeriod.count({ where: { detaineeId: ok.id, toDate: null } })).toBe(1);

    await linkDetaineesToEvent(lawyer, { eventId: event.id, detaineeIds: [ok.id], note: "batch" });
    expect((await db.prisma.detainee.findUniqueOrThrow({ where: { id: ok.id } })).status).toBe("REPATRIATED");
    const period = await db.prisma.custodyPeriod.findFirstOrThrow({ where: { detaineeId: ok.id } });
    expect(period.toDate?.toISOString().slice(0, 10)).toBe("2026-11-20");
  });

  it("rejects a reported minimum above the maximum", async () => {
    await expect(createRepatriationEvent(caseworker, { date: "2026-11", reportedMin: 300, reportedMax: 200 })).rejects.toThrow(/minAboveMax/);
  });
});

describe("status moves that end custody", () => {
  it("release needs a date while someone is held, and closes the open period on it", async () => {
    const d = await newCase("석방");
    await addCustodyPeriod(caseworker, { detaineeId: d.id, facilityId: facilityA, from: "2026-08-01" });
    const v = await version(d.id);
    await expect(changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "RELEASED", note: "Released", version: v })).rejects.toThrow(/custody period ends/);
    await expect(changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "RELEASED", note: "Released", date: "2026-07", version: v })).rejects.toThrow(/before the current custody/);
    await changeDetaineeStatus(lawyer, { detaineeId: d.id, to: "RELEASED", note: "Released to a church shelter", date: "2026-11-02", version: v });
    const period = await db.prisma.custodyPeriod.findFirstOrThrow({ where: { detaineeId: d.id } });
    expect(period.toDate?.toISOString().slice(0, 10)).toBe("2026-11-02");
  });
});
