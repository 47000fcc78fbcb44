// Risk scores kept current in the database (issue 4, item 3) and the notices they raise (item 7),
// on both engines: events, indicators, custody and status changes rescore in the same
// transaction; the daily refresh applies decay; notices reach the right people once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { changeDetaineeStatus, createDetainee } from "@/lib/domain/detainee/mutations";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { createRepatriationEvent, updateRepatriationEvent } from "@/lib/domain/event/mutations";
import { createIndicator } from "@/lib/domain/indicator/mutations";
import { refreshRisk, refreshRiskIfStale } from "@/lib/domain/risk/refresh";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: Viewer, lawyerA: Viewer, lawyerA2: Viewer, caseworkerA: Viewer, lawyerB: Viewer;
let teamA: string, teamB: string, border: string, neighbour: string, elsewhere: string, caseA: string;

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const facilityRow = (id: string) => prisma().detentionFacility.findUniqueOrThrow({ where: { id }, select: { riskScore: true, riskLevel: true, riskComputedAt: true } });
const caseRow = (id: string) => prisma().detainee.findUniqueOrThrow({ where: { id }, select: { riskScore: true, riskLevel: true } });
const notices = (userId: string) => prisma().notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamA = await makeTeam();
  teamB = await makeTeam();
  admin = await makeViewer("ADMIN", []);
  lawyerA = await makeViewer("LAWYER", [teamA]);
  caseworkerA = await makeViewer("CASEWORKER", [teamA]);
  lawyerA2 = await makeViewer("LAWYER", [teamA]);
  lawyerB = await makeViewer("LAWYER", [teamB]);
  border = await makeFacility({ nameEn: "Risk test border station", province: "Jilin" });
  neighbour = await makeFacility({ nameEn: "Risk test neighbour", province: "jilin" });
  elsewhere = await makeFacility({ nameEn: "Risk test Liaoning", province: "Liaoning" });
  caseA = (await createDetainee(caseworkerA, { teamId: teamA, nameHangul: "위험가", status: "DETAINED", assignedUserIds: [lawyerA.id] })).id;
  await addCustodyPeriod(caseworkerA, { detaineeId: caseA, facilityId: border, from: isoDay(-60) });
  const b = await createDetainee(lawyerB, { teamId: teamB, nameHangul: "다른팀", status: "DETAINED" });
  await addCustodyPeriod(lawyerB, { detaineeId: b.id, facilityId: elsewhere, from: isoDay(-10) });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe("risk kept current", () => {
  it("scores a case when custody is recorded", async () => {
    const c = await caseRow(caseA);
    expect(c.riskScore).not.toBeNull();
    expect(c.riskLevel).toBe("ELEVATED"); // border station type + 60 days, no events yet
  });

  it("a confirmed return of 180 yesterday raises the facility, its province and its clients, and notifies the client's team once", async () => {
    const beforeFacility = await facilityRow(border);
    const beforeNeighbour = await facilityRow(neighbour);
    const beforeElsewhere = await facilityRow(elsewhere);
    const event = await createRepatriationEvent(admin, { date: isoDay(-1), facilityId: border, reportedMin: 180, reportedMax: 180, verification: "CONFIRMED" });
    const after = await facilityRow(border);
    expect(after.riskScore!).toBeGreaterThan(beforeFacility.riskScore!);
    expect(after.riskLevel).toBe("IMMINENT");
    expect((await facilityRow(neighbour)).riskScore!).toBeGreaterThan(beforeNeighbour.riskScore!); // regional wave
    expect((await facilityRow(elsewhere)).riskScore).toBe(beforeElsewhere.riskScore); // other province untouched
    const c = await caseRow(caseA);
    expect(c.riskLevel).toBe("IMMINENT");

    const forLawyer = await notices(lawyerA.id);
    expect(forLawyer.map((n) => n.kind).sort()).toEqual(["REPATRIATION_AT_FACILITY", "RISK_RAISED"]);
    expect(forLawyer.find((n) => n.kind === "REPATRIATION_AT_FACILITY")!.href).toBe(`/events/${event.id}`);
    expect(forLawyer.find((n) => n.kind === "RISK_RAISED")!.href).toBe(`/detainees/${caseA}`);
    expect((await notices(caseworkerA.id)).map((n) => n.kind)).toEqual(["REPATRIATION_AT_FACILITY"]); // team member, not assigned
    // Team B has no client at that facility: no notice about this event or team A's case.
    expect((await notices(lawyerB.id)).filter((n) => n.kind === "REPATRIATION_AT_FACILITY" || n.href === `/detainees/${caseA}`)).toEqual([]);
    expect(await notices(admin.id)).toEqual([]); // recorded it themselves

    // Editing the same event again is the same cause: no second notice.
    const e = await prisma().repatriationEvent.findUniqueOrThrow({ where: { id: event.id }, select: { version: true } });
    await updateRepatriationEvent(admin, { eventId: event.id, version: e.version, date: isoDay(-1), facilityId: border, reportedMin: 200, reportedMax: 200, verification: "CONFIRMED" });
    expect(await notices(lawyerA.id)).toHaveLength(2);

    const day = new Date(`${isoDay(0)}T00:00:00Z`);
    const snapshot = await prisma().facilityRiskSnapshot.findUnique({ where: { facilityId_day: { facilityId: border, day } } });
    expect(snapshot?.level).toBe("IMMINENT");
  });

  it("time passing lowers scores (decay) and the daily refresh runs once per day", async () => {
    const now = await facilityRow(border);
    await prisma().$transaction((tx) => refreshRisk(tx, { facilityIds: [border] }, new Date(Date.now() + 200 * 86_400_000)));
    const later = await facilityRow(border);
    expect(later.riskScore!).toBeLessThan(now.riskScore!);
    // Make every score look a day old: the first call rescores all, the second finds nothing to do.
    await prisma().detentionFacility.updateMany({ data: { riskComputedAt: new Date(Date.now() - 2 * 86_400_000) } });
    const first = await refreshRiskIfStale();
    expect(first?.facilities).toBeGreaterThanOrEqual(3);
    expect((await facilityRow(border)).riskLevel).toBe("IMMINENT");
    expect(await refreshRiskIfStale()).toBeNull();
  });

  it("an indicator about the person raises their score", async () => {
    const before = await caseRow(caseA);
    await prisma().$transaction((tx) => refreshRisk(tx, { detaineeIds: [caseA] }, new Date(Date.now() + 120 * 86_400_000)));
    const decayed = await caseRow(caseA);
    expect(decayed.riskScore!).toBeLessThanOrEqual(before.riskScore!);
    await createIndicator(lawyerA, { type: "SUPPLIES_REFUSED", detaineeId: caseA, observedOn: isoDay(0), confidence: "HIGH" });
    expect((await caseRow(caseA)).riskScore!).toBeGreaterThan(decayed.riskScore!);
  });

  it("a status change rescores the case and tells its lawyer, not the person who made it", async () => {
    const c = await prisma().detainee.findUniqueOrThrow({ where: { id: caseA }, select: { version: true } });
    const before = (await notices(lawyerA.id)).length;
    await changeDetaineeStatus(lawyerA2, { detaineeId: caseA, version: c.version, to: "RELEASED", note: "Released on bail", date: isoDay(0) });
    expect(await caseRow(caseA)).toEqual({ riskScore: 0, riskLevel: "LOW" });
    const after = await notices(lawyerA.id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ kind: "STATUS_CHANGED", href: `/detainees/${caseA}`, title: "statusChanged" });
    expect(after.at(-1)!.params).toMatchObject({ from: "DETAINED", to: "RELEASED" });
    expect((await notices(lawyerA2.id)).filter((n) => n.kind === "STATUS_CHANGED")).toEqual([]);
  });
});
