// Deadline notices (deduplicated, idempotent), the petitions list's filters, sort and pages, and
// the dashboard's upcoming deadlines, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { createPetition } from "@/lib/domain/petitions/mutations";
import { transitionPetition } from "@/lib/domain/petitions/mutations-workflow";
import { notifyDueDeadlines } from "@/lib/domain/petitions/mutations-deadlines";
import { listPetitions, PETITION_PAGE_SIZE, upcomingPetitionDeadlines } from "@/lib/domain/petitions/queries";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeViewer } from "./fixtures";
import { makeCompleteCase, makePetitionTeam } from "./petitions-fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let teamId: string, facilityId: string;
let lawyer: Viewer, lawyer2: Viewer, caseworker: Viewer, otherLawyer: Viewer;
const DAY = 86_400_000;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamId = await makePetitionTeam();
  facilityId = await makeFacility();
  [lawyer, lawyer2, caseworker, otherLawyer] = await Promise.all([
    makeViewer("LAWYER", [teamId]), makeViewer("LAWYER", [teamId]), makeViewer("CASEWORKER", [teamId]), makeViewer("LAWYER", [await makePetitionTeam()]),
  ]);
});
afterAll(async () => db?.close());

async function draft(author: Viewer, kind: "WGAD_URGENT_APPEAL" | "UNHCR_INTERVENTION" = "WGAD_URGENT_APPEAL") {
  const d = await makeCompleteCase(caseworker, lawyer, teamId, facilityId);
  return (await createPetition(author, { kind, detaineeIds: [d.id] })).id;
}

describe("deadline notifications", () => {
  it("notifies the author and the team's lawyers once per deadline, however often the job runs", async () => {
    const id = await draft(caseworker);
    const now = new Date();
    const first = await notifyDueDeadlines(now);
    // The urgent appeal's 24-hour filing target: author (caseworker) + both lawyers of the team.
    const notices = await db.prisma.notification.findMany({ where: { href: `/petitions/${id}` }, orderBy: { userId: "asc" } });
    expect(notices.map((n) => n.userId).sort()).toEqual([caseworker.id, lawyer.id, lawyer2.id].sort());
    expect(first).toBeGreaterThanOrEqual(3);
    const due = notices[0]!.dedupeKey!.split(":").pop();
    expect(notices[0]).toMatchObject({ kind: "DEADLINE_APPROACHING", title: "notifications.deadlineApproaching", dedupeKey: `petition:${id}:deadline:fileUrgent:${due}` });
    expect(notices[0]!.params).toMatchObject({ title: expect.any(String), due });
    expect(await notifyDueDeadlines(now)).toBe(0);
    expect(await notifyDueDeadlines(new Date(now.getTime() + DAY))).toBe(0);
    expect(await db.prisma.notification.count({ where: { href: `/petitions/${id}` } })).toBe(3);
    expect(await db.prisma.notification.count({ where: { userId: otherLawyer.id } })).toBe(0);
  });

  it("stays quiet while the next deadline is more than a week away, then speaks", async () => {
    const id = await draft(caseworker);
    await transitionPetition(caseworker, { id, version: 1, to: "IN_REVIEW" });
    await transitionPetition(lawyer, { id, version: 2, to: "APPROVED" });
    const submittedOn = new Date().toISOString().slice(0, 10);
    await transitionPetition(lawyer, { id, version: 3, to: "SUBMITTED", submittedOn, submittedVia: "e-mail" });
    await notifyDueDeadlines(new Date(Date.now() + 40 * DAY));
    expect(await db.prisma.notification.count({ where: { href: `/petitions/${id}`, dedupeKey: { contains: "governmentReply" } } })).toBe(0);
    await notifyDueDeadlines(new Date(Date.now() + 55 * DAY));
    expect(await db.prisma.notification.count({ where: { href: `/petitions/${id}`, dedupeKey: { contains: "governmentReply" } } })).toBe(3);
  });
});

describe("petitions list", () => {
  it("filters by status and kind, sorts by the next deadline with none last, and pages on the server", async () => {
    const team = await makePetitionTeam();
    const [l, cw] = await Promise.all([makeViewer("LAWYER", [team]), makeViewer("CASEWORKER", [team])]);
    const ids: string[] = [];
    for (let i = 0; i < PETITION_PAGE_SIZE + 2; i++) {
      const d = await makeCompleteCase(cw, l, team, facilityId);
      ids.push((await createPetition(cw, { kind: i === 0 ? "UNHCR_INTERVENTION" : "WGAD_URGENT_APPEAL", detaineeIds: [d.id] })).id);
    }
    const today = new Date(Date.UTC(2026, 10, 29));
    // The stored next deadline is what the list sorts and filters on.
    await db.prisma.petition.update({ where: { id: ids[1]! }, data: { responseDueOn: new Date(today.getTime() - 2 * DAY) } });
    await db.prisma.petition.update({ where: { id: ids[2]! }, data: { responseDueOn: new Date(today.getTime() + 3 * DAY) } });
    await db.prisma.petition.update({ where: { id: ids[3]! }, data: { responseDueOn: new Date(today.getTime() + 20 * DAY) } });
    await db.prisma.petition.updateMany({ where: { id: { in: ids.slice(4) } }, data: { responseDueOn: null } });
    await db.prisma.petition.update({ where: { id: ids[0]! }, data: { responseDueOn: null } });

    const page1 = await listPetitions(l, { sort: "deadline" }, today);
    expect(page1.total).toBe(PETITION_PAGE_SIZE + 2);
    expect(page1.pageCount).toBe(2);
    expect(page1.rows.slice(0, 3).map((r) => r.id)).toEqual([ids[1], ids[2], ids[3]]);
    const page2 = await listPetitions(l, { sort: "deadline", page: "2" }, today);
    expect(page2.rows).toHaveLength(2);
    expect(page2.rows.every((r) => r.responseDueOn === null)).toBe(true);

    expect((await listPetitions(l, { due: "overdue" }, today)).rows.map((r) => r.id)).toEqual([ids[1]]);
    expect((await listPetitions(l, { due: "week" }, today)).rows.map((r) => r.id)).toEqual([ids[2]]);
    expect((await listPetitions(l, { due: "month" }, today)).rows.map((r) => r.id).sort()).toEqual([ids[2], ids[3]].sort());
    expect((await listPetitions(l, { kind: "UNHCR_INTERVENTION" }, today)).rows.map((r) => r.id)).toEqual([ids[0]]);
    expect((await listPetitions(l, { status: "SUBMITTED", junk: "ignored" } as never, today)).total).toBe(0);
    expect((await listPetitions(l, { status: "NOT_A_STATUS" }, today)).total).toBe(PETITION_PAGE_SIZE + 2);
    expect(page1.rows[0]).toMatchObject({ teamName: expect.any(String), authorName: cw.displayName, detaineeCount: 1 });

    const upcoming = await upcomingPetitionDeadlines(l, 2, today);
    expect(upcoming).toHaveLength(2);
    expect(upcoming[0]!.deadline).toMatchObject({ key: "fileUrgent" });
    expect((await listPetitions(lawyer, {}, today)).rows.some((r) => ids.includes(r.id))).toBe(false);
  });
});
