// Editing with optimistic locking, archiving, and list filters, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { archiveDetainee, ConflictError, updateDetainee } from "@/lib/domain/detainee/update";
import { getDetainee, getDetaineeForEdit, listDetainees } from "@/lib/domain/detainee/queries";
import { listDetaineesSchema } from "@/lib/domain/detainee/schemas";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { detaineeFormToUpdateInput } from "@/lib/domain/detainee/form";
import type { Viewer } from "@/lib/auth/viewer";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let teamId: string, lawyer: Viewer, lawyer2: Viewer, caseworker: Viewer;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamId = await makeTeam();
  [lawyer, lawyer2, caseworker] = await Promise.all([makeViewer("LAWYER", [teamId]), makeViewer("LAWYER", [teamId]), makeViewer("CASEWORKER", [teamId])]);
});
afterAll(async () => db?.close());

async function editForm(viewer: Viewer, id: string, changes: Record<string, string>) {
  const loaded = await getDetaineeForEdit(viewer, id);
  return detaineeFormToUpdateInput({ ...loaded!.snapshot, ...changes, detaineeId: id, version: String(loaded!.version), base: JSON.stringify(loaded!.snapshot) });
}

describe("editing a case", () => {
  it("saves, re-indexes the name for search, and audits the changed field names only", async () => {
    const d = await createDetainee(caseworker, { teamId, nameHangul: "김옥화", familyContacts: "Mother 010-0000-1111" });
    await updateDetainee(caseworker, await editForm(caseworker, d.id, { nameHangul: "김옥순", arrestPlace: "Yanji" }));
    const row = await db.prisma.detainee.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.nameHangul).toBe("김옥순");
    expect(row.searchText).toContain("gimoksun");
    expect(row.version).toBe(2);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "detainee.update", entityId: d.id } });
    expect(audit.meta).toEqual({ fields: ["nameHangul", "arrestPlace"] });
    expect(JSON.stringify(audit.meta)).not.toContain("Yanji");
    // Caseworkers never saw the contacts, so their edit leaves them untouched.
    expect((await getDetainee(lawyer, d.id))?.familyContacts).toEqual({ visible: true, value: "Mother 010-0000-1111" });
  });

  it("tells the second editor who changed what, and saves nothing of theirs", async () => {
    const d = await createDetainee(lawyer, { teamId, nameHangul: "이정란", arrestPlace: "Tumen" });
    const first = await editForm(lawyer, d.id, { arrestPlace: "Helong" });
    const second = await editForm(lawyer2, d.id, { narrative: "Seen at the border station" });
    await updateDetainee(lawyer, first);
    const error = await updateDetainee(lawyer2, second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual([{ field: "arrestPlace", value: "Helong" }]);
    expect((error as ConflictError).changedBy).toBe(lawyer.displayName);
    const row = await db.prisma.detainee.findUniqueOrThrow({ where: { id: d.id } });
    expect(row.narrative).toBeNull();
    expect(row.arrestPlace).toBe("Helong");
  });

  it("lets only lawyers replace or clear family contacts", async () => {
    const d = await createDetainee(lawyer, { teamId, nameHangul: "박은철", familyContacts: "Brother 010-0000-2222" });
    await expect(updateDetainee(caseworker, await editForm(caseworker, d.id, { familyContacts: "" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await updateDetainee(lawyer, await editForm(lawyer, d.id, { familyContacts: "" }));
    expect((await db.prisma.detainee.findUniqueOrThrow({ where: { id: d.id } })).familyContactsEnc).toBeNull();
  });

  it("assigns the case's lawyers, and only lawyers of its team", async () => {
    const d = await createDetainee(caseworker, { teamId, nameHangul: "배정" });
    await updateDetainee(caseworker, { ...(await editForm(caseworker, d.id, {})), assignedUserIds: [lawyer.id, lawyer2.id] });
    const ids = async () => (await db.prisma.detaineeAssignment.findMany({ where: { detaineeId: d.id } })).map((a) => a.userId).sort();
    expect(await ids()).toEqual([lawyer.id, lawyer2.id].sort());
    await updateDetainee(caseworker, { ...(await editForm(caseworker, d.id, {})), assignedUserIds: [lawyer2.id] });
    expect(await ids()).toEqual([lawyer2.id]);
    const outsider = await makeViewer("LAWYER", [await makeTeam()]);
    await expect(updateDetainee(caseworker, { ...(await editForm(caseworker, d.id, {})), assignedUserIds: [caseworker.id] })).rejects.toMatchObject({ code: "INVALID" });
    await expect(updateDetainee(caseworker, { ...(await editForm(caseworker, d.id, {})), assignedUserIds: [outsider.id] })).rejects.toMatchObject({ code: "INVALID" });
    expect(await ids()).toEqual([lawyer2.id]);
  });

  it("archiving hides the case from everyone; caseworkers may not archive", async () => {
    const d = await createDetainee(lawyer, { teamId, nameHangul: "보관" });
    await expect(archiveDetainee(caseworker, { detaineeId: d.id, version: 1, reason: "duplicate" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await archiveDetainee(lawyer, { detaineeId: d.id, version: 1, reason: "Duplicate of another case" });
    expect(await getDetainee(lawyer, d.id)).toBeNull();
    expect((await listDetainees(lawyer, listDetaineesSchema.parse({ q: "보관" }))).total).toBe(0);
  });
});

describe("list filters", () => {
  it("filters by current facility, team and 'assigned to me', ranking exact names first", async () => {
    const otherTeam = await makeTeam();
    const both: Viewer = { ...lawyer, teamIds: [teamId, otherTeam] };
    await db.prisma.teamMembership.create({ data: { userId: lawyer.id, teamId: otherTeam } });
    const facility = await makeFacility({ nameEn: "Filter test centre" });
    const held = await createDetainee(lawyer, { teamId, nameHangul: "최명희", assignedUserIds: [lawyer.id] });
    await addCustodyPeriod(lawyer, { detaineeId: held.id, facilityId: facility, from: "2026-10" });
    const longer = await createDetainee(both, { teamId: otherTeam, nameHangul: "최명희자" });
    const f = (q: Record<string, string>) => listDetainees(both, listDetaineesSchema.parse(q));
    expect((await f({ facilityId: facility })).rows.map((r) => r.id)).toEqual([held.id]);
    expect((await f({ teamId: otherTeam, q: "최명희" })).rows.map((r) => r.id)).toEqual([longer.id]);
    expect((await f({ mine: "1", q: "최명희" })).rows.map((r) => r.id)).toEqual([held.id]);
    expect((await f({ q: "최명희" })).rows.map((r) => r.id)).toEqual([held.id, longer.id]);
    expect((await f({ q: "Choe Myong-hui" })).rows.map((r) => r.id)).toEqual([held.id, longer.id]);
    // A team id outside the viewer's teams finds nothing rather than widening the scope.
    const stranger = await makeTeam();
    expect((await f({ teamId: stranger })).total).toBe(0);
  });
});
