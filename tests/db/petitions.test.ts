// The petition workflow and its role rules, completeness and consent gates, and optimistic
// locking, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { updateDetainee } from "@/lib/domain/detainee/update";
import { revokeConsent } from "@/lib/domain/consent/mutations";
import { createPetition, regeneratePetition, updatePetitionSection, updatePetitionTitle } from "@/lib/domain/petitions/mutations";
import { transitionPetition } from "@/lib/domain/petitions/mutations-workflow";
import { getPetition, getPetitionChecks } from "@/lib/domain/petitions/queries";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeViewer } from "./fixtures";
import { giveConsent, makeCompleteCase, makePetitionTeam, today } from "./petitions-fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let teamId: string, facilityId: string;
let lawyer: Viewer, lawyer2: Viewer, caseworker: Viewer, admin: Viewer, viewer: Viewer;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamId = await makePetitionTeam();
  facilityId = await makeFacility({ nameEn: "Tumen Border Detention Centre" });
  [lawyer, lawyer2, caseworker, admin, viewer] = await Promise.all([
    makeViewer("LAWYER", [teamId]), makeViewer("LAWYER", [teamId]), makeViewer("CASEWORKER", [teamId]), makeViewer("ADMIN", [teamId]), makeViewer("VIEWER", [teamId]),
  ]);
});
afterAll(async () => db?.close());

const row = (id: string) => db.prisma.petition.findUniqueOrThrow({ where: { id } });
const version = async (id: string) => (await row(id)).version;

async function newPetition(author: Viewer, opts: Parameters<typeof makeCompleteCase>[4] = {}) {
  const d = await makeCompleteCase(caseworker, lawyer, teamId, facilityId, opts);
  const p = await createPetition(author, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [d.id] });
  return { ...p, detaineeId: d.id };
}

async function move(who: Viewer, id: string, to: Parameters<typeof transitionPetition>[1]["to"], extra: Record<string, string> = {}) {
  return transitionPetition(who, { id, version: await version(id), to, ...extra });
}

describe("drafting", () => {
  it("stores generated sections, the detainees, the first history step, a timeline entry and an audit row", async () => {
    const p = await newPetition(caseworker);
    const stored = await row(p.id);
    expect(stored).toMatchObject({ status: "DRAFT", teamId, authorId: caseworker.id, language: "en", version: 1 });
    const content = stored.content as { sections: { key: string; body: string; generatedBody: string; edited: boolean }[] };
    expect(content.sections.length).toBeGreaterThan(3);
    expect(content.sections.every((s) => s.body === s.generatedBody && !s.edited)).toBe(true);
    expect(await db.prisma.petitionDetainee.count({ where: { petitionId: p.id, detaineeId: p.detaineeId } })).toBe(1);
    expect(await db.prisma.petitionTransition.findMany({ where: { petitionId: p.id }, select: { fromStatus: true, toStatus: true } })).toEqual([{ fromStatus: null, toStatus: "DRAFT" }]);
    const activity = await db.prisma.activity.findFirstOrThrow({ where: { detaineeId: p.detaineeId, kind: "PETITION" } });
    expect(activity.meta).toEqual({ event: "petition.create", petitionId: p.id, kind: "WGAD_URGENT_APPEAL" });
    expect(await db.prisma.auditLog.count({ where: { action: "petition.create", entityId: p.id } })).toBe(1);
    // An urgent appeal is due to be filed within 24 hours: that is its stored next deadline.
    expect(stored.responseDueOn).not.toBeNull();
  });

  it("refuses a viewer, and people from two teams in one petition", async () => {
    const d = await makeCompleteCase(caseworker, lawyer, teamId, facilityId);
    await expect(createPetition(viewer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [d.id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const otherTeam = await makePetitionTeam();
    const adminAnywhere = { ...admin, teamIds: [teamId, otherTeam] };
    const e = await makeCompleteCase(adminAnywhere, adminAnywhere, otherTeam, facilityId);
    await expect(createPetition(admin, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [d.id, e.id] })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { detaineeIds: ["differentTeams"] } });
  });
});

describe("workflow", () => {
  it("runs DRAFT → … → CLOSED with history, timeline and audit at each step", async () => {
    const p = await newPetition(caseworker);
    await move(caseworker, p.id, "IN_REVIEW");
    await expect(move(caseworker, p.id, "APPROVED")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await move(lawyer, p.id, "APPROVED");
    expect(await row(p.id)).toMatchObject({ status: "APPROVED", approverId: lawyer.id, approvalOverrideReason: null });
    await expect(move(lawyer, p.id, "SUBMITTED", { submittedVia: "urgent-action@ohchr.org" })).rejects.toMatchObject({ fieldErrors: { submittedOn: ["required"] } });
    await expect(move(lawyer, p.id, "SUBMITTED", { submittedOn: "2099-01-01", submittedVia: "e-mail" })).rejects.toMatchObject({ fieldErrors: { submittedOn: ["futureDate"] } });
    await expect(move(lawyer, p.id, "SUBMITTED", { submittedOn: today() })).rejects.toMatchObject({ fieldErrors: { submittedVia: ["required"] } });
    await move(lawyer, p.id, "SUBMITTED", { submittedOn: today(), submittedVia: "urgent-action@ohchr.org", unReference: "UA CHN 1/2026" });
    const submitted = await row(p.id);
    expect(submitted).toMatchObject({ status: "SUBMITTED", submittedById: lawyer.id, unReference: "UA CHN 1/2026", submittedVia: "urgent-action@ohchr.org" });
    // Government reply estimated at 60 days from submission until the transmission date is known.
    expect(submitted.responseDueOn!.getTime() - submitted.submittedOn!.getTime()).toBe(60 * 86_400_000);
    await move(lawyer2, p.id, "ACKNOWLEDGED", { acknowledgedOn: today(), transmittedOn: today() });
    await move(lawyer2, p.id, "RESPONSE_RECEIVED", { responseReceivedOn: today() });
    await move(lawyer, p.id, "CLOSED", { note: "Released to UNHCR care" });
    const closed = await row(p.id);
    expect(closed).toMatchObject({ status: "CLOSED", responseDueOn: null });
    expect(closed.closedOn).not.toBeNull();
    const steps = await db.prisma.petitionTransition.findMany({ where: { petitionId: p.id }, orderBy: { at: "asc" }, select: { toStatus: true } });
    expect(steps.map((s) => s.toStatus)).toEqual(["DRAFT", "IN_REVIEW", "APPROVED", "SUBMITTED", "ACKNOWLEDGED", "RESPONSE_RECEIVED", "CLOSED"]);
    expect(await db.prisma.activity.count({ where: { detaineeId: p.detaineeId, kind: "PETITION" } })).toBe(7);
    expect(await db.prisma.auditLog.count({ where: { action: "petition.transition", entityId: p.id } })).toBe(6);
    await expect(move(admin, p.id, "WITHDRAWN", { withdrawnReason: "x" })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("the author cannot approve their own petition; an admin author can, only with a reason, on record", async () => {
    const own = await newPetition(lawyer);
    await move(lawyer, own.id, "IN_REVIEW");
    await expect(move(lawyer, own.id, "APPROVED")).rejects.toMatchObject({ code: "FORBIDDEN", fieldErrors: { to: ["ownPetition"] } });
    expect((await row(own.id)).status).toBe("IN_REVIEW");

    const mine = await newPetition(admin);
    await move(admin, mine.id, "IN_REVIEW");
    await expect(move(admin, mine.id, "APPROVED")).rejects.toMatchObject({ code: "INVALID", fieldErrors: { overrideReason: ["required"] } });
    await move(admin, mine.id, "APPROVED", { overrideReason: "Only lawyer on duty; return expected tonight" });
    expect(await row(mine.id)).toMatchObject({ status: "APPROVED", approverId: admin.id, approvalOverrideReason: "Only lawyer on duty; return expected tonight" });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "petition.override", entityId: mine.id } });
    expect(audit.meta).toMatchObject({ to: "APPROVED", reason: "Only lawyer on duty; return expected tonight" });
  });

  it("approval is blocked by a missing element and allowed once it is filled in", async () => {
    const p = await newPetition(caseworker, { without: ["arrestPlace"] });
    await move(caseworker, p.id, "IN_REVIEW");
    const refused = await move(lawyer, p.id, "APPROVED").catch((e) => e);
    expect(refused).toMatchObject({ code: "INVALID" });
    expect(refused.fieldErrors.requiredElements).toEqual(["petitionElements.arrestPlace"]);
    expect((await row(p.id)).status).toBe("IN_REVIEW");
    const panel = await getPetitionChecks(viewer, p.id);
    expect(panel?.filter((c) => !c.present).map((c) => c.fixHref)).toEqual([`/detainees/${p.detaineeId}/edit#f-arrestPlace`]);
    const d = await db.prisma.detainee.findUniqueOrThrow({ where: { id: p.detaineeId } });
    await updateDetainee(lawyer, {
      detaineeId: d.id, version: d.version, familyNameRoman: d.familyNameRoman ?? undefined, givenNameRoman: d.givenNameRoman ?? undefined,
      nameHangul: d.nameHangul ?? undefined, sex: d.sex, estimatedAge: 36, arrestDate: "2026-09-14", arrestPlace: "Yanji bus station",
      arrestAuthority: d.arrestAuthority ?? undefined, narrative: d.narrative ?? undefined, healthConcerns: d.healthConcerns ?? undefined,
    });
    await move(lawyer, p.id, "APPROVED");
    expect((await row(p.id)).status).toBe("APPROVED");
  });

  it("approval is blocked without consent for the channel, and again once consent is revoked", async () => {
    const p = await newPetition(caseworker, { consent: false });
    await move(caseworker, p.id, "IN_REVIEW");
    const refused = await move(lawyer, p.id, "APPROVED").catch((e) => e);
    expect(refused.fieldErrors.requiredElements).toEqual(["petitionElements.consent"]);
    const consent = await giveConsent(lawyer, p.detaineeId);
    await move(lawyer, p.id, "APPROVED");
    // Consent withdrawn after approval: the petition cannot be submitted.
    await revokeConsent(lawyer, { consentId: consent.id, revokedNote: "Family asked us to wait" });
    const blocked = await move(lawyer2, p.id, "SUBMITTED", { submittedOn: today(), submittedVia: "e-mail" }).catch((e) => e);
    expect(blocked.fieldErrors.requiredElements).toEqual(["petitionElements.consent"]);
    expect((await row(p.id)).status).toBe("APPROVED");
  });

  it("sending back or reopening drops the approval; withdrawing needs a reason", async () => {
    const p = await newPetition(caseworker);
    await move(caseworker, p.id, "IN_REVIEW");
    await move(lawyer, p.id, "APPROVED");
    await expect(updatePetitionTitle(caseworker, { id: p.id, version: await version(p.id), title: "Too late" })).rejects.toMatchObject({ code: "INVALID" });
    await move(lawyer, p.id, "DRAFT", { note: "Add the transfer to Tumen" });
    expect(await row(p.id)).toMatchObject({ status: "DRAFT", approverId: null, approvedAt: null });
    await expect(move(lawyer, p.id, "WITHDRAWN")).rejects.toMatchObject({ fieldErrors: { withdrawnReason: ["required"] } });
    await expect(move(caseworker, p.id, "WITHDRAWN", { withdrawnReason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await move(lawyer, p.id, "WITHDRAWN", { withdrawnReason: "Released before filing" });
    expect(await row(p.id)).toMatchObject({ status: "WITHDRAWN", withdrawnReason: "Released before filing", responseDueOn: null });
  });

  it("a viewer reads the petition but is offered and allowed no move", async () => {
    const p = await newPetition(caseworker);
    const dto = await getPetition(viewer, p.id);
    expect(dto?.allowedTransitions).toEqual([]);
    expect(dto?.canEdit).toBe(false);
    await expect(move(viewer, p.id, "IN_REVIEW")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("editing", () => {
  it("keeps the edited flag true only while the text differs from the generated text", async () => {
    const p = await newPetition(caseworker);
    const section = (await getPetition(caseworker, p.id))!.content.sections.find((s) => s.key === "urgency")!;
    const v2 = await updatePetitionSection(caseworker, { id: p.id, version: 1, key: "urgency", body: `${section.body}\n\nShe is pregnant.` });
    let s = (await getPetition(caseworker, p.id))!.content.sections.find((x) => x.key === "urgency")!;
    expect(s).toMatchObject({ edited: true, body: `${section.body}\n\nShe is pregnant.` });
    await updatePetitionSection(caseworker, { id: p.id, version: v2.version, key: "urgency", body: section.body });
    s = (await getPetition(caseworker, p.id))!.content.sections.find((x) => x.key === "urgency")!;
    expect(s.edited).toBe(false);
    await expect(updatePetitionSection(caseworker, { id: p.id, version: 3, key: "nope", body: "x" })).rejects.toMatchObject({ fieldErrors: { key: ["unknownSection"] } });
    await expect(updatePetitionSection(caseworker, { id: p.id, version: 3, key: "urgency", body: "x".repeat(50_001) })).rejects.toThrow();
  });

  it("a stale version is a conflict naming who saved meanwhile; nothing is written", async () => {
    const p = await newPetition(caseworker);
    await updatePetitionTitle(lawyer2, { id: p.id, version: 1, title: "Urgent appeal — Kim Young-hee" });
    const e = await updatePetitionSection(caseworker, { id: p.id, version: 1, key: "urgency", body: "Mine" }).catch((x) => x);
    expect(e).toMatchObject({ code: "CONFLICT", changedBy: lawyer2.displayName });
    expect(e.message).toContain(lawyer2.displayName);
    const stored = await row(p.id);
    expect(stored.version).toBe(2);
    expect(JSON.stringify(stored.content)).not.toContain('"Mine"');
  });

  it("regenerating asks first when sections were edited, then replaces them all", async () => {
    const p = await newPetition(caseworker);
    const v = await updatePetitionSection(caseworker, { id: p.id, version: 1, key: "urgency", body: "Hand-written urgency." });
    const asked = await regeneratePetition(caseworker, { id: p.id, version: v.version }).catch((e) => e);
    expect(asked).toMatchObject({ code: "CONFLICT", editedSections: [{ key: "urgency", heading: "Urgency" }] });
    expect(asked.fieldErrors.editedSections).toEqual(["Urgency"]);
    expect(await version(p.id)).toBe(v.version);
    await regeneratePetition(caseworker, { id: p.id, version: v.version, confirmOverwrite: true });
    const sections = (await getPetition(caseworker, p.id))!.content.sections;
    expect(sections.every((s) => !s.edited && s.body === s.generatedBody)).toBe(true);
    expect(sections.find((s) => s.key === "urgency")!.body).not.toContain("Hand-written");
    expect(await db.prisma.auditLog.count({ where: { action: "petition.regenerate", entityId: p.id } })).toBe(1);
  });
});
