// A custody period's scopeTeamId (migration custody_scope_team) is the case's team while the case
// is live and NULL once archived — kept by database triggers on both engines whatever writes the
// rows — and scoping a facility's people by it gives exactly what detaineeWhere gives (S9).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { detaineeWhere } from "@/lib/domain/detainee/scope";
import { listFacilityDetainees } from "@/lib/domain/facility/queries";
import { topFacilities } from "@/lib/domain/dashboard/queries";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let teamA: string, teamB: string, lawyerA: Viewer, lawyerB: Viewer, admin: Viewer, facility: string, other: string;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamA = await makeTeam();
  teamB = await makeTeam();
  lawyerA = await makeViewer("LAWYER", [teamA]);
  lawyerB = await makeViewer("LAWYER", [teamB]);
  admin = await makeViewer("ADMIN", [teamA]);
  facility = await makeFacility({ nameEn: "Scope test centre" });
  other = await makeFacility({ nameEn: "Scope other centre" });
});
afterAll(async () => db?.close());

const scopeOf = async (detaineeId: string) =>
  (await prisma().custodyPeriod.findMany({ where: { detaineeId }, select: { scopeTeamId: true } })).map((p) => p.scopeTeamId);

async function caseAt(actor: Viewer, teamId: string, name: string) {
  const d = await createDetainee(actor, { teamId, nameHangul: name, status: "DETAINED" });
  await addCustodyPeriod(actor, { detaineeId: d.id, facilityId: other, from: "2025-01", to: "2025-06" });
  await addCustodyPeriod(actor, { detaineeId: d.id, facilityId: facility, from: "2026-03" });
  return d.id;
}

/** What the facility page lists, against the same question asked through detaineeWhere with a join. */
async function agree(viewer: Viewer) {
  const page = await listFacilityDetainees(viewer, facility);
  const joined = await prisma().custodyPeriod.findMany({ where: { facilityId: facility, toDate: null, detainee: detaineeWhere(viewer) }, select: { detaineeId: true } });
  expect(page.current.map((p) => p.id).sort()).toEqual(joined.map((p) => p.detaineeId).sort());
  expect(page.currentTotal).toBe(joined.length);
  return page.current.map((p) => p.id);
}

describe("custody periods carry their case's team while it is live", () => {
  let a: string, b: string;

  it("new periods take the case's team; a write of another team is put right", async () => {
    a = await caseAt(lawyerA, teamA, "가나다");
    b = await caseAt(lawyerB, teamB, "라마바");
    expect(await scopeOf(a)).toEqual([teamA, teamA]);
    expect(await scopeOf(b)).toEqual([teamB, teamB]);
    await prisma().custodyPeriod.updateMany({ where: { detaineeId: a }, data: { scopeTeamId: teamB } });
    expect(await scopeOf(a)).toEqual([teamA, teamA]);
  });

  it("each viewer sees exactly the people detaineeWhere gives them, counts and dashboard included", async () => {
    expect(await agree(lawyerA)).toEqual([a]);
    expect(await agree(lawyerB)).toEqual([b]);
    expect((await agree(admin)).sort()).toEqual([a, b].sort());
    const [top] = await topFacilities(lawyerA, [{ id: facility }]);
    expect(top!.heldByUs).toBe(1);
  });

  it("follows the case to another team, out when archived and back when restored", async () => {
    await prisma().detainee.update({ where: { id: a }, data: { teamId: teamB } });
    expect(await scopeOf(a)).toEqual([teamB, teamB]);
    expect(await agree(lawyerA)).toEqual([]);
    expect((await agree(lawyerB)).sort()).toEqual([a, b].sort());

    await prisma().detainee.update({ where: { id: b }, data: { archivedAt: new Date() } });
    expect(await scopeOf(b)).toEqual([null, null]);
    expect(await agree(lawyerB)).toEqual([a]);
    expect(await agree(admin)).toEqual([a]);
    expect((await topFacilities(lawyerB, [{ id: facility }]))[0]!.heldByUs).toBe(1);

    await prisma().detainee.update({ where: { id: b }, data: { archivedAt: null } });
    expect(await scopeOf(b)).toEqual([teamB, teamB]);
    expect((await agree(lawyerB)).sort()).toEqual([a, b].sort());
  });
});
