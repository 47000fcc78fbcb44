// Drafting petitions from the database, on both engines: scoping of the loader, restricted data
// never reaching any template, consent-driven naming, checks that follow the case file, and the
// Third Committee letter's aggregate figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { recordConsent } from "@/lib/domain/consent/mutations";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { updateDetainee } from "@/lib/domain/detainee/update";
import { createRepatriationEvent } from "@/lib/domain/event/mutations";
import { createIndicator } from "@/lib/domain/indicator/mutations";
import { addNote } from "@/lib/domain/note/mutations";
import { addSource } from "@/lib/domain/source/mutations";
import { checkPetition, draftPetition, type DraftInput } from "@/lib/domain/petitions/draft";
import { AVAILABLE_KINDS, getTemplate } from "@/lib/domain/petitions/templates";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeTeam, makeViewer } from "./fixtures";

const NOW = new Date("2026-11-28T09:00:00Z");
const CANARIES = {
  family: "CANARY-FAMILY-010-5555-0101",
  sourceIdentity: "CANARY-SOURCE-IDENTITY",
  sourceContact: "CANARY-SOURCE-CONTACT",
  narrative: "CANARY-CONFIDENTIAL-NARRATIVE",
  note: "CANARY-CONFIDENTIAL-NOTE",
  attachment: "CANARY-CONFIDENTIAL-ATTACHMENT",
  indicator: "CANARY-INDICATOR-DESCRIPTION",
};

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let lawyer: Viewer, outsider: Viewer, viewerRole: Viewer;
let teamId: string, otherTeamId: string, facilityId: string, kimId: string, otherTeamCase: string;

const run = <T,>(f: (tx: Parameters<Parameters<ReturnType<typeof prisma>["$transaction"]>[0]>[0]) => Promise<T>) => prisma().$transaction(f);
const draft = (viewer: Viewer, input: Omit<DraftInput, "teamId" | "now"> & { teamId?: string }) => run((tx) => draftPetition(tx, viewer, { teamId, now: NOW, ...input }));
const check = (viewer: Viewer, input: Omit<DraftInput, "teamId" | "now">) => run((tx) => checkPetition(tx, viewer, { teamId, now: NOW, ...input }));
const consent = (detaineeId: string, channel: "WGAD" | "SPECIAL_PROCEDURES" | "WGEID" | "UNHCR" | "MEDIA", naming: "FULL_NAME" | "INITIALS") =>
  recordConsent(lawyer, { detaineeId, channel, naming, givenBy: "DETAINEE", method: "IN_PERSON", givenOn: "2026-11-01" });

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamId = await makeTeam();
  otherTeamId = await makeTeam();
  await db.prisma.team.update({
    where: { id: teamId },
    data: { orgLegalName: "Haven Legal Aid Centre", orgNameKo: "헤이븐 법률지원센터", orgAddress: "12 Sejong-daero, Seoul", orgEmail: "un@haven.example", orgSignatory: "LEE Min-jung, Director" },
  });
  lawyer = await makeViewer("LAWYER", [teamId]);
  viewerRole = await makeViewer("VIEWER", [teamId]);
  outsider = await makeViewer("LAWYER", [otherTeamId]);
  facilityId = (await db.prisma.detentionFacility.create({
    data: { nameEn: "Tumen Border Defence Detention Centre", nameLocal: "图们边防支队看守所", type: "BORDER_DEFENCE_STATION", country: "CN", province: "Jilin" },
  })).id;

  const kim = await createDetainee(lawyer, {
    teamId, familyNameRoman: "Kim", givenNameRoman: "Young-hee", nameHangul: "김영희", nameChinese: "金英姬", sex: "FEMALE", birthDate: "1990-05",
    status: "DETAINED", arrestDate: "2023-10", arrestPlace: "Tumen, Jilin Province", arrestAuthority: "the Tumen Border Defence Detachment",
    narrative: "She was arrested at a farm near Tumen.", healthConcerns: "untreated tuberculosis", familyContacts: CANARIES.family,
  });
  kimId = kim.id;
  await addCustodyPeriod(lawyer, { detaineeId: kimId, facilityId, from: "2023-10-14" });
  await addSource(lawyer, { detaineeId: kimId, kind: "FAMILY_MEMBER", label: "Family member #1", identity: CANARIES.sourceIdentity, contact: CANARIES.sourceContact });
  await addNote(lawyer, { detaineeId: kimId, kind: "CALL", body: CANARIES.note, isConfidential: "on" });
  await createIndicator(lawyer, { type: "SUPPLIES_REFUSED", detaineeId: kimId, observedOn: "2026-11-03", description: CANARIES.indicator });
  // Plaintext canaries in the restricted columns themselves: if any loader selected them, the text would show it.
  await db.prisma.detainee.update({ where: { id: kimId }, data: { narrativeConfidentialEnc: CANARIES.narrative, riskLevel: "IMMINENT" } });
  await db.prisma.source.updateMany({ where: { detaineeId: kimId }, data: { identityEnc: CANARIES.sourceIdentity, contactEnc: CANARIES.sourceContact } });
  await db.prisma.activity.updateMany({ where: { detaineeId: kimId, isConfidential: true }, data: { body: CANARIES.note } });
  await db.prisma.attachment.create({
    data: { detaineeId: kimId, fileName: `${CANARIES.attachment}.pdf`, storageKey: "canary-key", mimeType: "application/pdf", sizeBytes: 1, sha256: "0".repeat(64), isConfidential: true, description: CANARIES.attachment },
  });
  for (const channel of ["WGAD", "SPECIAL_PROCEDURES", "WGEID", "UNHCR", "MEDIA"] as const) await consent(kimId, channel, "FULL_NAME");

  otherTeamCase = (await createDetainee(outsider, { teamId: otherTeamId, nameHangul: "타팀", status: "DETAINED" })).id;
});
afterAll(async () => db?.close());

describe("scope", () => {
  it("refuses an outsider with NOT_FOUND, for drafting and for checking", async () => {
    await expect(draft(outsider, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [kimId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(draft(outsider, { kind: "WGAD_URGENT_APPEAL", teamId: otherTeamId, detaineeIds: [kimId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(check(outsider, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [kimId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a case of another team inside the viewer's own petition (NOT_FOUND, not a hint)", async () => {
    await expect(draft(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [kimId, otherTeamCase] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(draft(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: ["nosuchcase"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a viewer check but not draft", async () => {
    await expect(draft(viewerRole, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [kimId] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await check(viewerRole, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [kimId] })).length).toBeGreaterThan(0);
  });

  it("refuses a count outside the template's range and a language the channel does not use", async () => {
    const second = (await createDetainee(lawyer, { teamId, nameHangul: "둘째", status: "DETAINED" })).id;
    await expect(draft(lawyer, { kind: "WGEID_URGENT_ACTION", detaineeIds: [kimId, second] })).rejects.toMatchObject({ code: "INVALID" });
    await expect(draft(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [] })).rejects.toMatchObject({ code: "INVALID" });
    await expect(draft(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [kimId], language: "ko" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(draft(lawyer, { kind: "CAT_ARTICLE_22", detaineeIds: [kimId] })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("content", () => {
  it("never puts restricted data in any template's output, while using the case's facts", async () => {
    for (const kind of AVAILABLE_KINDS) {
      const out = await draft(lawyer, { kind, detaineeIds: [kimId] });
      const text = JSON.stringify(out);
      for (const canary of Object.values(CANARIES)) expect(text, `${kind}: ${canary}`).not.toContain(canary);
      if (getTemplate(kind).channel) expect(text, kind).toContain("김영희");
      // WGEID concerns a disappearance; this person is still held, so no place is given there.
      if (kind !== "WGEID_URGENT_ACTION") expect(text, kind).toContain("图们边防支队看守所");
    }
  });

  it("renders the month-precision arrest date naturally", async () => {
    const out = await draft(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [kimId] });
    expect(out.sections.find((s) => s.key === "arrest")!.body).toContain("In October 2023, KIM Young-hee was arrested");
    expect(out.checks.every((c) => c.present)).toBe(true);
  });

  it("uses initials when the channel's consent says INITIALS", async () => {
    const d = await createDetainee(lawyer, { teamId, familyNameRoman: "Ri", givenNameRoman: "Chol-ho", nameHangul: "리철호", status: "DETAINED" });
    await consent(d.id, "SPECIAL_PROCEDURES", "INITIALS");
    const out = await draft(lawyer, { kind: "SPECIAL_PROCEDURES_URGENT_APPEAL", detaineeIds: [d.id] });
    const text = JSON.stringify(out);
    expect(text).toContain("R.C.H.");
    expect(text).not.toContain("리철호");
    expect(text).not.toContain("Chol-ho");
    expect(out.checks.find((c) => c.key === `consent:${d.id}`)?.present).toBe(true);
  });

  it("flips a check to present once the case field is filled", async () => {
    const d = await createDetainee(lawyer, { teamId, nameHangul: "박철", status: "DETAINED" });
    const before = await check(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [d.id] });
    expect(before.find((c) => c.key === `arrestDate:${d.id}`)).toMatchObject({ present: false, fixHref: `/detainees/${d.id}/edit#f-arrestDate` });
    expect(before.find((c) => c.key === `consent:${d.id}`)?.present).toBe(false);
    await updateDetainee(lawyer, { detaineeId: d.id, version: 1, nameHangul: "박철", arrestDate: "2026-10-14" });
    await consent(d.id, "WGAD", "INITIALS");
    const after = await check(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [d.id] });
    expect(after.find((c) => c.key === `arrestDate:${d.id}`)?.present).toBe(true);
    expect(after.find((c) => c.key === `consent:${d.id}`)?.present).toBe(true);
    const out = await draft(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [d.id] });
    expect(JSON.stringify(out)).toContain("On 14 October 2026, P.C. was arrested");
  });
});

describe("Third Committee letter", () => {
  it("counts returns by facility and month (no disputed, archived or old reports) and this team's people at risk", async () => {
    const team = await makeTeam();
    await db.prisma.team.update({ where: { id: team }, data: { orgLegalName: "Figures Org", orgAddress: "Seoul", orgEmail: "f@example.org", orgSignatory: "A. Signer" } });
    const counsel = await makeViewer("LAWYER", [team]);
    const f = (await db.prisma.detentionFacility.create({ data: { nameEn: "Dandong Detention Centre", nameLocal: "丹东市看守所", type: "DETENTION_CENTRE", country: "CN", province: "Liaoning" } })).id;
    await createRepatriationEvent(counsel, { date: "2026-10-09", facilityId: f, reportedMin: 100, reportedMax: 150, verification: "CONFIRMED" });
    await createRepatriationEvent(counsel, { date: "2026-10", facilityId: f, reportedMin: 200, reportedMax: 300, verification: "REPORTED" });
    await createRepatriationEvent(counsel, { date: "2026-10-20", facilityId: f, reportedMin: 999, reportedMax: 999, verification: "DISPUTED" });
    await createRepatriationEvent(counsel, { date: "2023-10-09", facilityId: f, reportedMin: 500, reportedMax: 600, verification: "CONFIRMED" });
    const archived = await createRepatriationEvent(counsel, { date: "2026-09-01", facilityId: f, reportedMin: 7, reportedMax: 7, verification: "CONFIRMED" });
    await db.prisma.repatriationEvent.update({ where: { id: archived.id }, data: { archivedAt: NOW } });
    const levels: [string, string][] = [];
    for (const [level, t, v] of [["IMMINENT", team, counsel], ["HIGH", team, counsel], ["LOW", team, counsel], ["IMMINENT", otherTeamId, outsider]] as const) {
      const d = await createDetainee(v, { teamId: t, nameHangul: "위험", status: "DETAINED" });
      await addCustodyPeriod(v, { detaineeId: d.id, facilityId: f, from: "2026-09" });
      levels.push([d.id, level]);
    }
    // Set after every custody change: those recompute the cached risk of everyone at the facility.
    for (const [id, riskLevel] of levels) await db.prisma.detainee.update({ where: { id }, data: { riskLevel } });
    const out = await draft(counsel, { kind: "UNGA_THIRD_COMMITTEE_LETTER", teamId: team, detaineeIds: [] });
    const returns = out.sections.find((s) => s.key === "returns")!.body;
    expect(returns).toContain("– October 2026: Dandong Detention Centre (丹东市看守所) — 2 returns, 300–450 people reported");
    expect(returns).not.toContain("999");
    expect(returns).not.toContain("2023");
    expect(returns).not.toContain("September 2026");
    const atRisk = out.sections.find((s) => s.key === "atRisk")!.body;
    expect(atRisk).toContain("2 people whose cases the submitting organisation follows are held at high or imminent risk of forced return (1 imminent, 1 high)");
    expect(atRisk).toContain("– Dandong Detention Centre (丹东市看守所): 2 people");
    expect(JSON.stringify(out)).not.toContain("위험");
    expect(out.checks.every((c) => c.present)).toBe(true);
  });
});
