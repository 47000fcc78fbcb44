// S24 on both engines: purging cases archived past the cutoff leaves no trace of them in any
// text column of any table, removes their files, spares recent and live cases, and the audit
// chain still verifies with a pseudonymous entry per purged case.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { sealAuditLog } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { archiveDetainee } from "@/lib/domain/detainee/update";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { addSource } from "@/lib/domain/source/mutations";
import { recordConsent } from "@/lib/domain/consent/mutations";
import { addNote } from "@/lib/domain/note/mutations";
import { createIndicator } from "@/lib/domain/indicator/mutations";
import { uploadAttachment } from "@/lib/domain/attachment/mutations";
import { newStorageKey, storedFilePath, writeStoredFile } from "@/lib/domain/attachment/storage";
import { notifyUsers } from "@/lib/domain/notification/notify";
import { purgeArchivedCases } from "@/lib/domain/retention/purge";
import { PURGED_MARK } from "@/lib/domain/retention/petitions";
import { issueToken } from "@/lib/security/tokens";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer, system, png } from "./fixtures";
import { findInTextColumns } from "./retention-scan";

// Distinct, greppable values for the case to be purged (OLD) and one archived too recently (NEW).
const OLD = "QZOLDCANARY";
const NEW = "QZNEWCANARY";
const DAY = 24 * 60 * 60 * 1000;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let lawyer: Viewer, caseworker: Viewer;
let uploads: string;
let teamId: string, facilityId: string;


/** A case with the canary in every field and every kind of child row; archived `daysAgo` days ago. */
async function seedCase(c: string, daysAgo: number) {
  const d = await createDetainee(caseworker, {
    teamId, status: "DETAINED", familyNameRoman: `${c}fam`, givenNameRoman: `${c}given`, nameHangul: `김${c}`, nameChinese: `金${c}`,
    aliases: [`${c}alias`], arrestPlace: `${c} place`, arrestAuthority: `${c} authority`, narrative: `${c} narrative`,
    healthConcerns: `${c} health`, homeProvince: `${c} province`, familyContacts: `${c} sister +82-10-0000-0000`,
  });
  await addCustodyPeriod(caseworker, { detaineeId: d.id, facilityId, from: "2026-01" });
  await addSource(caseworker, { detaineeId: d.id, kind: "FAMILY_MEMBER", label: `${c} source label`, identity: `${c} identity`, contact: `${c} contact` });
  await recordConsent(lawyer, { detaineeId: d.id, channel: "WGAD", naming: "FULL_NAME", givenBy: "RELATIVE", givenByName: `${c} relative`, method: "PHONE", givenOn: "2026-02" });
  await addNote(caseworker, { detaineeId: d.id, kind: "CALL", body: `${c} confidential call`, isConfidential: "on" });
  await addNote(caseworker, { detaineeId: d.id, kind: "NOTE", body: `${c} plain note` });
  await createIndicator(lawyer, { type: "SUPPLIES_REFUSED", detaineeId: d.id, observedOn: "2026-10", description: `${c} indicator` });
  const file = new File([Buffer.from(png())], `${c}-letter.png`);
  const upload = await uploadAttachment(caseworker, { detaineeId: d.id, description: `${c} file description` }, file);
  await db.prisma.$transaction((tx) =>
    notifyUsers(tx, [lawyer.id], { kind: "STATUS_CHANGED", messageKey: "statusChanged", params: { name: `${c}fam` }, href: `/detainees/${d.id}`, dedupeKey: `status:${d.id}:1` }),
  );
  await issueToken(db.prisma, { kind: "export", ttlMs: DAY, payload: { detaineeId: d.id } });
  const solo = await db.prisma.petition.create({
    data: { teamId, kind: "WGAD_URGENT_APPEAL", title: `Appeal for ${c}fam ${c}given`, content: { victim: { name: `${c}fam ${c}given`, hangul: `김${c}` } }, detainees: { create: { detaineeId: d.id } } },
  });
  const exportKey = newStorageKey();
  await writeStoredFile(exportKey, new TextEncoder().encode(`%PDF ${c}`));
  await db.prisma.petitionFile.create({ data: { petitionId: solo.id, kind: "EXPORT_PDF", fileName: `${c}.pdf`, mimeType: "application/pdf", sizeBytes: 10, sha256: "0".repeat(64), storageKey: exportKey } });
  const version = (await db.prisma.detainee.findUniqueOrThrow({ where: { id: d.id } })).version;
  await archiveDetainee(lawyer, { detaineeId: d.id, version, reason: `${c} archive reason` });
  await db.prisma.detainee.update({ where: { id: d.id }, data: { archivedAt: new Date(Date.now() - daysAgo * DAY) } });
  const raw = await db.prisma.detainee.findUniqueOrThrow({ where: { id: d.id }, select: { familyContactsEnc: true } });
  return { id: d.id, caseNumber: d.caseNumber, attachmentKey: (await db.prisma.attachment.findUniqueOrThrow({ where: { id: upload.id } })).storageKey, exportKey, ciphertext: raw.familyContactsEnc! };
}

let oldCase: Awaited<ReturnType<typeof seedCase>>;
let newCase: Awaited<ReturnType<typeof seedCase>>;
let liveId: string, sharedPetitionId: string;

beforeAll(async () => {
  ensureTestKeys();
  uploads = await mkdtemp(path.join(tmpdir(), "haven-purge-"));
  process.env.HAVEN_UPLOAD_DIR = uploads;
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamId = await makeTeam();
  [lawyer, caseworker] = await Promise.all([makeViewer("LAWYER", [teamId]), makeViewer("CASEWORKER", [teamId])]);
  facilityId = await makeFacility();
  oldCase = await seedCase(OLD, 400);
  newCase = await seedCase(NEW, 10);
  liveId = (await createDetainee(system, { teamId, nameHangul: "박영희", familyNameRoman: "Pak", givenNameRoman: "Yong-hui" })).id;
  // One petition covering the purged person and a live one: it stays, without the purged name.
  sharedPetitionId = (await db.prisma.petition.create({
    data: {
      teamId, kind: "WGAD_URGENT_APPEAL", title: `Joint appeal: ${OLD}fam ${OLD}given and Pak Yong-hui`,
      content: { victims: [`${OLD}fam ${OLD}given (김${OLD}, ${oldCase.caseNumber})`, "Pak Yong-hui (박영희)"] },
      detainees: { create: [{ detaineeId: oldCase.id }, { detaineeId: liveId }] },
      transitions: { create: { toStatus: "DRAFT", note: `Drafted for ${OLD}given ${OLD}fam` } },
    },
  })).id;
}, 180_000);

afterAll(async () => {
  delete process.env.HAVEN_UPLOAD_DIR;
  await db?.close();
  await rm(uploads, { recursive: true, force: true });
});

describe("retention purge", () => {
  it("finds the canaries everywhere before the purge (the scan works)", async () => {
    const hits = await findInTextColumns(db.runner, OLD);
    const tables = new Set(hits.map((h) => h.split(".")[0]));
    // Consent is not in the list: its giver's name and notes are encrypted (issue 12), so no plaintext canary is there.
    for (const t of ["Detainee", "Source", "Activity", "Indicator", "Attachment", "Petition", "PetitionTransition", "Notification"]) expect(tables, t).toContain(`"${t}"`);
  });

  it("a dry run counts what it would purge and changes nothing", async () => {
    const before = await db.prisma.auditLog.count();
    const report = await purgeArchivedCases(system, { olderThanDays: 30, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, candidates: 1, purged: [] });
    expect(await db.prisma.detainee.count({ where: { id: oldCase.id } })).toBe(1);
    expect(await db.prisma.auditLog.count()).toBe(before);
  });

  it("refuses non-admin viewers and bad ages", async () => {
    await expect(purgeArchivedCases(lawyer, { olderThanDays: 30 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(purgeArchivedCases(system, { olderThanDays: -1 })).rejects.toMatchObject({ code: "INVALID" });
    await expect(purgeArchivedCases(system, { olderThanDays: 1.5 })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("purges the old case: no table holds its canaries or ciphertexts; files are gone", async () => {
    const report = await purgeArchivedCases(system, { olderThanDays: 30 });
    expect(report.candidates).toBe(1);
    expect(report.purged).toHaveLength(1);
    expect(report.fileErrors).toBe(0);
    expect(report.purged[0]!.counts).toMatchObject({ sources: 1, consents: 1, attachments: 1, indicators: 1, custody: 1, petitionsDeleted: 1, petitionsRedacted: 1, notifications: 1, tokens: 1 });

    expect(await findInTextColumns(db.runner, OLD)).toEqual([]);
    expect(await findInTextColumns(db.runner, oldCase.caseNumber)).toEqual([]);
    expect(await findInTextColumns(db.runner, oldCase.ciphertext.slice(-40))).toEqual([]);
    expect(existsSync(storedFilePath(oldCase.attachmentKey))).toBe(false);
    expect(existsSync(storedFilePath(oldCase.exportKey))).toBe(false);
  });

  it("leaves the recently archived case, the live case and the shared petition in place", async () => {
    expect((await findInTextColumns(db.runner, NEW)).length).toBeGreaterThan(5);
    expect(existsSync(storedFilePath(newCase.attachmentKey))).toBe(true);
    expect(await db.prisma.detainee.count({ where: { id: { in: [newCase.id, liveId] } } })).toBe(2);
    const shared = await db.prisma.petition.findUniqueOrThrow({ where: { id: sharedPetitionId }, include: { detainees: true, transitions: true } });
    expect(shared.detainees.map((d) => d.detaineeId)).toEqual([liveId]);
    expect(shared.title).toBe(`Joint appeal: ${PURGED_MARK} and Pak Yong-hui`);
    expect(JSON.stringify(shared.content)).toContain("Pak Yong-hui (박영희)");
    expect(shared.transitions[0]!.note).toBe(`Drafted for ${PURGED_MARK}`);
  });

  it("keeps a verifiable audit chain with one pseudonymous entry per purged case", async () => {
    await sealAuditLog(db.prisma, { wait: true });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ broken: null, pending: { count: 0 } });
    const entries = await db.prisma.auditLog.findMany({ where: { action: "retention.purge" } });
    expect(entries).toHaveLength(1);
    const text = JSON.stringify(entries, (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(text).not.toContain(oldCase.id);
    expect(text).not.toContain(oldCase.caseNumber);
    expect(entries[0]!.meta).toMatchObject({ subject: expect.stringMatching(/^[0-9a-f]{32}$/), olderThanDays: 30 });
  });

  it("running again purges nothing more", async () => {
    const report = await purgeArchivedCases(system, { olderThanDays: 30 });
    expect(report).toMatchObject({ candidates: 0, purged: [] });
  });
});
