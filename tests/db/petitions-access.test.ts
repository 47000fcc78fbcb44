// Petition scope, restricted data and stored files, on both engines: another team's petition
// does not exist for an outsider (every read null, every write NOT_FOUND, nothing changes).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { addSource } from "@/lib/domain/source/mutations";
import { createPetition, regeneratePetition, updatePetitionSection, updatePetitionTitle } from "@/lib/domain/petitions/mutations";
import { transitionPetition } from "@/lib/domain/petitions/mutations-workflow";
import { getPetition, getPetitionChecks, listPetitions, upcomingPetitionDeadlines } from "@/lib/domain/petitions/queries";
import { getPetitionFileForDownload, storePetitionFile } from "@/lib/domain/petitions/files";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeViewer } from "./fixtures";
import { makeCompleteCase, makePetitionTeam } from "./petitions-fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let uploads: string;
let teamId: string, facilityId: string, petitionId: string, detaineeId: string;
let lawyer: Viewer, caseworker: Viewer, viewer: Viewer, outsider: Viewer;

const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const FAMILY = "Mother Pak Sun-ok 010-9999-2222";
const SOURCE_IDENTITY = "Choe Myong-chol, released cellmate";

beforeAll(async () => {
  ensureTestKeys();
  uploads = await mkdtemp(path.join(tmpdir(), "haven-petition-files-"));
  process.env.HAVEN_UPLOAD_DIR = uploads;
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamId = await makePetitionTeam();
  facilityId = await makeFacility();
  [lawyer, caseworker, viewer, outsider] = await Promise.all([
    makeViewer("LAWYER", [teamId]), makeViewer("CASEWORKER", [teamId]), makeViewer("VIEWER", [teamId]), makeViewer("LAWYER", [await makePetitionTeam()]),
  ]);
  const d = await makeCompleteCase(caseworker, lawyer, teamId, facilityId, { familyContacts: FAMILY });
  detaineeId = d.id;
  await addSource(lawyer, { detaineeId, kind: "RELEASED_DETAINEE", label: "Former cellmate", identity: SOURCE_IDENTITY, contact: "+86 139 0000 0000" });
  petitionId = (await createPetition(caseworker, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [detaineeId] })).id;
});
afterAll(async () => {
  await db?.close();
  await rm(uploads, { recursive: true, force: true });
});

describe("outsiders", () => {
  it("get null or NOT_FOUND for every read and write, and nothing changes", async () => {
    const before = await db.prisma.petition.findUniqueOrThrow({ where: { id: petitionId } });
    const file = await storePetitionFile(lawyer, { petitionId, kind: "EXPORT_PDF", fileName: "appeal.pdf", mimeType: "application/pdf", bytes: PDF });
    expect(await getPetition(outsider, petitionId)).toBeNull();
    expect(await getPetitionChecks(outsider, petitionId)).toBeNull();
    expect((await listPetitions(outsider, {})).rows.map((r) => r.id)).not.toContain(petitionId);
    expect((await upcomingPetitionDeadlines(outsider, 10)).map((r) => r.id)).not.toContain(petitionId);
    expect(await getPetitionFileForDownload(outsider, file.id)).toBeNull();
    const writes = [
      () => updatePetitionSection(outsider, { id: petitionId, version: 1, key: "urgency", body: "x" }),
      () => updatePetitionTitle(outsider, { id: petitionId, version: 1, title: "x" }),
      () => regeneratePetition(outsider, { id: petitionId, version: 1, confirmOverwrite: true }),
      () => transitionPetition(outsider, { id: petitionId, version: 1, to: "WITHDRAWN", withdrawnReason: "x" }),
      () => storePetitionFile(outsider, { petitionId, kind: "EXPORT_PDF", fileName: "x.pdf", mimeType: "application/pdf", bytes: PDF }),
      () => createPetition(outsider, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [detaineeId] }),
    ];
    for (const write of writes) await expect(write()).rejects.toMatchObject({ code: "NOT_FOUND" });
    const after = await db.prisma.petition.findUniqueOrThrow({ where: { id: petitionId } });
    expect(after).toEqual(before);
    expect(await db.prisma.petitionFile.count({ where: { petitionId } })).toBe(1);
    expect(await db.prisma.petition.count({ where: { teamId: { in: outsider.teamIds } } })).toBe(0);
  });
});

describe("restricted data", () => {
  it("never appears in the petition DTO, for any role", async () => {
    for (const who of [lawyer, caseworker, viewer]) {
      const dto = await getPetition(who, petitionId);
      expect(dto).not.toBeNull();
      const json = JSON.stringify(dto);
      for (const secret of [FAMILY, "Pak Sun-ok", SOURCE_IDENTITY, "Choe Myong-chol", "139 0000"]) expect(json, who.role).not.toContain(secret);
      expect(dto!.detainees).toEqual([{ id: detaineeId, caseNumber: expect.any(String), status: "DETAINED", displayName: "김영희" }]);
    }
  });

  it("shows team, author, history with actor names, deadlines and the viewer's permitted moves", async () => {
    const dto = (await getPetition(caseworker, petitionId))!;
    expect(dto).toMatchObject({ status: "DRAFT", kind: "WGAD_URGENT_APPEAL", team: { id: teamId }, author: { id: caseworker.id, displayName: caseworker.displayName }, approver: null });
    expect(dto.transitions).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "DRAFT", actorName: caseworker.displayName })]);
    expect(dto.deadlines.map((d) => d.key)).toContain("fileUrgent");
    expect(dto.allowedTransitions).toEqual([{ to: "IN_REVIEW", requiresOverrideReason: false }]);
    expect(dto.canEdit).toBe(true);
    expect(dto.canExport).toBe(false);
  });
});

describe("files", () => {
  it("stores an export with its hash, audits it, and serves it back only inside the scope", async () => {
    const stored = await storePetitionFile(lawyer, { petitionId, kind: "EXPORT_PDF", fileName: "../../HV-PET appeal.pdf", mimeType: "text/html", bytes: PDF });
    expect(stored).toMatchObject({ mimeType: "application/pdf", sizeBytes: PDF.byteLength, sha256: createHash("sha256").update(PDF).digest("hex") });
    const rowFile = await db.prisma.petitionFile.findUniqueOrThrow({ where: { id: stored.id } });
    expect(rowFile.fileName).toBe("HV-PET appeal.pdf");
    expect(await db.prisma.auditLog.count({ where: { action: "petition.export", entityId: petitionId, meta: { path: ["fileId"], equals: stored.id } } })).toBe(1);
    const download = await getPetitionFileForDownload(viewer, stored.id);
    expect(download).toMatchObject({ fileName: "HV-PET appeal.pdf", mimeType: "application/pdf", sha256: stored.sha256 });
    const bytes = Buffer.from(await new Response(download!.body).arrayBuffer());
    expect(bytes.equals(PDF)).toBe(true);
    const dto = (await getPetition(lawyer, petitionId))!;
    expect(dto.files.find((f) => f.id === stored.id)).toMatchObject({ kind: "EXPORT_PDF", createdByName: lawyer.displayName });
  });

  it("refuses an export from a caseworker, a fake PDF, and an HTML upload", async () => {
    await expect(storePetitionFile(caseworker, { petitionId, kind: "EXPORT_PDF", fileName: "a.pdf", mimeType: "application/pdf", bytes: PDF })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(storePetitionFile(lawyer, { petitionId, kind: "EXPORT_PDF", fileName: "a.pdf", mimeType: "application/pdf", bytes: Buffer.from("<html>") })).rejects.toMatchObject({ code: "INVALID" });
    await expect(storePetitionFile(caseworker, { petitionId, kind: "UPLOAD", fileName: "reply.html", mimeType: "text/html", bytes: Buffer.from("<script>alert(1)</script>") })).rejects.toMatchObject({ code: "INVALID" });
    const reply = await storePetitionFile(caseworker, { petitionId, kind: "UPLOAD", fileName: "UN reply.pdf", mimeType: "application/pdf", bytes: PDF });
    expect(await db.prisma.auditLog.count({ where: { action: "petition.file.upload", entityId: petitionId, meta: { path: ["fileId"], equals: reply.id } } })).toBe(1);
  });
});
