// The shared registry (facilities, events, indicators) on both engines: shared records, but every
// count and list of people inside them stays within the viewer's teams; optimistic locking;
// invalid input writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { createFacility, updateFacility } from "@/lib/domain/facility/mutations";
import { getFacility, listFacilities, listFacilityDetainees } from "@/lib/domain/facility/queries";
import { listFacilitiesSchema } from "@/lib/domain/facility/schemas";
import { createRepatriationEvent, linkDetaineesToEvent, updateRepatriationEvent } from "@/lib/domain/event/mutations";
import { getEvent, listEvents, listLinkCandidates } from "@/lib/domain/event/queries";
import { listEventsSchema } from "@/lib/domain/event/schemas";
import { createIndicator } from "@/lib/domain/indicator/mutations";
import { listDetaineeIndicators, listFacilityIndicators } from "@/lib/domain/indicator/queries";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeTeam, makeViewer, system } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let lawyerA: Viewer, caseworkerA: Viewer, lawyerB: Viewer, viewerC: Viewer, admin: Viewer, readOnlyA: Viewer;
let teamA: string, teamB: string;
let facility: string, otherFacility: string;
let caseA: string, caseA2: string, caseB: string, pastA: string;

const facilityInput = { nameEn: "Registry test centre", type: "BORDER_DEFENCE_STATION", country: "CN", province: "Jilin" } as const;
const caseIn = async (actor: Viewer, teamId: string, name: string, at: string | null, from = "2026-09") => {
  const d = await createDetainee(actor, { teamId, nameHangul: name, status: "DETAINED" });
  if (at) await addCustodyPeriod(actor, { detaineeId: d.id, facilityId: at, from });
  return d.id;
};

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamA = await makeTeam();
  teamB = await makeTeam();
  lawyerA = await makeViewer("LAWYER", [teamA]);
  caseworkerA = await makeViewer("CASEWORKER", [teamA]);
  readOnlyA = await makeViewer("VIEWER", [teamA]);
  lawyerB = await makeViewer("LAWYER", [teamB]);
  viewerC = await makeViewer("VIEWER", [await makeTeam()]);
  admin = await makeViewer("ADMIN", []);
  facility = (await createFacility(caseworkerA, { ...facilityInput, refCode: "T-REG-1" })).id;
  otherFacility = (await createFacility(system, { ...facilityInput, nameEn: "Registry other centre", province: "Liaoning" })).id;
  caseA = await caseIn(caseworkerA, teamA, "김옥화", facility);
  caseA2 = await caseIn(caseworkerA, teamA, "리선향", otherFacility);
  caseB = await caseIn(lawyerB, teamB, "박은별", facility);
  // Held at the facility, then moved: a past detainee of it.
  pastA = await caseIn(caseworkerA, teamA, "최명순", facility, "2026-01");
  await addCustodyPeriod(caseworkerA, { detaineeId: pastA, facilityId: otherFacility, from: "2026-05-15" });
});
afterAll(async () => db?.close());

const rowFor = async (viewer: Viewer, id: string, extra: Record<string, string> = {}) =>
  (await listFacilities(viewer, listFacilitiesSchema.parse({ province: "Jilin", ...extra }))).rows.find((r) => r.id === id);

describe("facility list and page", () => {
  it("counts people held only within the viewer's teams", async () => {
    expect((await rowFor(lawyerA, facility))?.heldCount).toBe(1);
    expect((await rowFor(lawyerB, facility))?.heldCount).toBe(1);
    expect((await rowFor(viewerC, facility))?.heldCount).toBe(0);
    expect((await rowFor(admin, facility))?.heldCount).toBe(2);
  });

  it("filters to facilities holding the viewer's cases", async () => {
    expect(await rowFor(lawyerA, facility, { holding: "1" })).toBeDefined();
    expect(await rowFor(viewerC, facility, { holding: "1" })).toBeUndefined();
    const byType = await listFacilities(lawyerA, listFacilitiesSchema.parse({ type: "PRISON" }));
    expect(byType.rows.some((r) => r.id === facility)).toBe(false);
  });

  it("lists current and past detainees of the viewer's teams only", async () => {
    const a = await listFacilityDetainees(lawyerA, facility);
    expect(a.current.map((d) => d.id)).toEqual([caseA]);
    expect(a.past.map((d) => d.id)).toEqual([pastA]);
    const b = await listFacilityDetainees(lawyerB, facility);
    expect(b.current.map((d) => d.id)).toEqual([caseB]);
    expect(b.pastTotal).toBe(0);
    const c = await listFacilityDetainees(viewerC, facility);
    expect([c.currentTotal, c.pastTotal]).toEqual([0, 0]);
    expect(await getFacility(viewerC, facility)).not.toBeNull();
  });
});

describe("optimistic locking", () => {
  it("updateFacility: a stale version is a CONFLICT and the first edit stays", async () => {
    const { id } = await createFacility(caseworkerA, { ...facilityInput, nameEn: "Lock test centre" });
    const first = await updateFacility(caseworkerA, { ...facilityInput, facilityId: id, version: 1, nameEn: "Lock test centre (renamed)", city: "Tumen" });
    expect(first.version).toBe(2);
    // The stale editor learns who saved, and the saved values that differ from theirs.
    await expect(updateFacility(lawyerB, { ...facilityInput, facilityId: id, version: 1, nameEn: "Stale edit" })).rejects.toMatchObject({
      code: "CONFLICT", message: /Someone else changed this facility/, changedBy: expect.stringContaining(caseworkerA.email),
      changes: [{ field: "nameEn", value: "Lock test centre (renamed)" }, { field: "city", value: "Tumen" }],
    });
    const row = await db.prisma.detentionFacility.findUniqueOrThrow({ where: { id } });
    expect([row.nameEn, row.city, row.version]).toEqual(["Lock test centre (renamed)", "Tumen", 2]);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "facility.update", entityId: id } });
    expect((audit.meta as { fields: string[] }).fields.sort()).toEqual(["city", "nameEn"]);
    await expect(updateFacility(readOnlyA, { ...facilityInput, facilityId: id, version: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("updateRepatriationEvent: a stale version is a CONFLICT and the first edit stays", async () => {
    const { id } = await createRepatriationEvent(caseworkerA, { date: "2026-10", facilityId: facility });
    await updateRepatriationEvent(caseworkerA, { eventId: id, version: 1, date: "2026-10-09", facilityId: facility, verification: "CONFIRMED", reportedMin: 50, reportedMax: 50 });
    await expect(updateRepatriationEvent(lawyerA, { eventId: id, version: 1, date: "2026-10", facilityId: facility, verification: "DISPUTED", reportedMin: 50, reportedMax: 50 })).rejects.toMatchObject({
      code: "CONFLICT", changes: [{ field: "date", value: "2026-10-09" }, { field: "verification", value: "CONFIRMED" }],
    });
    const row = await db.prisma.repatriationEvent.findUniqueOrThrow({ where: { id } });
    expect([row.verification, row.datePrecision, row.version, row.province]).toEqual(["CONFIRMED", "DAY", 2, "Jilin"]);
  });
});

describe("invalid input writes nothing", () => {
  it("rejects bad facilities, mass assignment and script URLs", async () => {
    const before = await db.prisma.detentionFacility.count();
    await expect(createFacility(caseworkerA, { ...facilityInput, sources: ["javascript:alert(1)"] })).rejects.toThrow(/invalidUrl/);
    await expect(createFacility(caseworkerA, { ...facilityInput, latitude: 200 })).rejects.toThrow(/latitudeRange/);
    await expect(createFacility(caseworkerA, { ...facilityInput, country: "China" })).rejects.toThrow(/invalidCountry/);
    await expect(createFacility(caseworkerA, { ...facilityInput, refCode: "T-REG-1" })).rejects.toMatchObject({ code: "CONFLICT" });
    const sneaky = { ...facilityInput, facilityId: facility, version: 1, riskScore: 0 } as unknown as Parameters<typeof updateFacility>[1];
    await expect(updateFacility(caseworkerA, sneaky)).rejects.toThrow();
    expect(await db.prisma.detentionFacility.count()).toBe(before);
    expect((await db.prisma.detentionFacility.findUniqueOrThrow({ where: { id: facility } })).version).toBe(1);
  });

  it("rejects bad events and unknown facilities", async () => {
    const before = await db.prisma.repatriationEvent.count();
    await expect(createRepatriationEvent(caseworkerA, { date: "October 2023" })).rejects.toThrow(/invalidDate/);
    await expect(createRepatriationEvent(caseworkerA, { date: "2023-10", facilityId: "nosuchfacility" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(createRepatriationEvent(readOnlyA, { date: "2023-10" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.prisma.repatriationEvent.count()).toBe(before);
  });
});

describe("indicators", () => {
  it("on another team's case: NOT_FOUND, nothing written, nothing listed", async () => {
    const before = await db.prisma.indicator.count();
    await expect(createIndicator(lawyerB, { type: "INTERROGATION_COMPLETED", detaineeId: caseA, observedOn: "2026-11" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.prisma.indicator.count()).toBe(before);
    await createIndicator(caseworkerA, { type: "INTERROGATION_COMPLETED", detaineeId: caseA, observedOn: "2026-11", confidence: "HIGH" });
    expect((await listDetaineeIndicators(lawyerA, caseA)).map((i) => [i.type, i.confidence, i.observedOn.precision])).toEqual([["INTERROGATION_COMPLETED", "HIGH", "MONTH"]]);
    expect(await listDetaineeIndicators(lawyerB, caseA)).toEqual([]);
    expect(await db.prisma.activity.count({ where: { detaineeId: caseA, kind: "OTHER" } })).toBe(1);
  });

  it("on a facility: shared with every team", async () => {
    await createIndicator(caseworkerA, { type: "DPRK_OFFICIALS_VISIT", facilityId: otherFacility, observedOn: "2026-11-12" });
    expect((await listFacilityIndicators(viewerC, otherFacility)).map((i) => i.type)).toEqual(["DPRK_OFFICIALS_VISIT"]);
    await expect(createIndicator(readOnlyA, { type: "OTHER", facilityId: otherFacility, observedOn: "2026" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("events", () => {
  it("filters by verification, year and facility; linked counts stay in scope", async () => {
    const e2019 = await createRepatriationEvent(system, { date: "2019-12", verification: "REPORTED", fromRegion: "Shenyang" });
    const e2024 = await createRepatriationEvent(system, { date: "2024-04-26", facilityId: otherFacility, verification: "CORROBORATED" });
    await linkDetaineesToEvent(lawyerA, { eventId: e2024.id, detaineeIds: [caseA2], note: "Seen on the bus" });
    const ids = async (viewer: Viewer, q: Record<string, string>) => (await listEvents(viewer, listEventsSchema.parse(q))).rows.map((r) => r.id);
    expect(await ids(lawyerA, { year: "2019" })).toContain(e2019.id);
    expect(await ids(lawyerA, { year: "2019" })).not.toContain(e2024.id);
    expect(await ids(lawyerA, { verification: "CORROBORATED", facilityId: otherFacility })).toEqual([e2024.id]);
    expect(await ids(lawyerA, { year: "not a year", verification: "BOGUS" })).toEqual(expect.arrayContaining([e2019.id, e2024.id]));
    const row = async (v: Viewer) => (await listEvents(v, listEventsSchema.parse({ facilityId: otherFacility }))).rows.find((r) => r.id === e2024.id)!;
    expect((await row(lawyerA)).linkedCount).toBe(1);
    expect((await row(lawyerB)).linkedCount).toBe(0);
    expect((await getEvent(lawyerB, e2024.id))?.linked).toEqual([]);
    expect((await getEvent(lawyerA, e2024.id))?.linked.map((d) => d.id)).toEqual([caseA2]);
  });

  it("offers only the viewer's linkable cases, those at the event's facility first", async () => {
    const event = await createRepatriationEvent(system, { date: "2026-12", facilityId: facility });
    const forA = await listLinkCandidates(lawyerA, { id: event.id, facilityId: facility });
    expect(forA.atFacility.map((d) => d.id)).toEqual([caseA]);
    expect(forA.others.map((d) => d.id)).toContain(pastA);
    expect([...forA.atFacility, ...forA.others].map((d) => d.id)).not.toContain(caseB);
    expect(forA.others.map((d) => d.id)).not.toContain(caseA2); // already REPATRIATED
    await expect(linkDetaineesToEvent(lawyerB, { eventId: event.id, detaineeIds: [caseA], note: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(linkDetaineesToEvent(caseworkerA, { eventId: event.id, detaineeIds: [caseA], note: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db.prisma.detainee.findUniqueOrThrow({ where: { id: caseA } })).status).toBe("DETAINED");
  });
});
