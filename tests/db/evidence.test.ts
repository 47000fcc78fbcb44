// Restricted data around a case — sources, consent, evidence files, notes — on PGlite and
// PostgreSQL: encryption at rest, masking by role, audited views, cross-team 404s, uploads.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { listActivities } from "@/lib/domain/detainee/queries";
import { addSource, removeSource, updateSource } from "@/lib/domain/source/mutations";
import { listSources } from "@/lib/domain/source/queries";
import { recordConsent, revokeConsent } from "@/lib/domain/consent/mutations";
import { listConsents } from "@/lib/domain/consent/queries";
import { activeConsent } from "@/lib/domain/consent/active";
import { addNote } from "@/lib/domain/note/mutations";
import { archiveAttachment, uploadAttachment } from "@/lib/domain/attachment/mutations";
import { listAttachments } from "@/lib/domain/attachment/queries";
import { downloadHeaders, openAttachmentForDownload } from "@/lib/domain/attachment/download";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/attachment/sniff";
import { uploadDir } from "@/lib/domain/attachment/storage";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeTeam, makeViewer, system, png } from "./fixtures";

const IDENTITY = "Kim Sun-ok, sister-CANARY-IDENT";
const CONTACT = "+82-10-0000-4417-CANARY-CONTACT";
const NOTE = "Guard at Tumen will pass messages-CANARY-NOTE";
const FILE_DESC = "Letter smuggled out-CANARY-FILEDESC";
const FILE_NAME = "비밀편지-CANARY-FILENAME.png";
const CANARY = /CANARY/;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let lawyer: Viewer, caseworker: Viewer, viewer: Viewer, outsider: Viewer;
let caseId: string;
let uploads: string;

const file = (content: Uint8Array | string, name: string) => new File([typeof content === "string" ? content : Buffer.from(content)], name);
const auditCount = (action: string, actorId?: string) => db.prisma.auditLog.count({ where: { action, ...(actorId ? { actorId } : {}) } });
async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
  return Buffer.concat(chunks);
}
/** Row counts of every table this feature writes, to prove a refused write changed nothing. */
async function snapshot() {
  const [sources, consents, attachments, activities, files] = await Promise.all([
    db.prisma.source.findMany({ orderBy: { id: "asc" } }), db.prisma.consent.findMany({ orderBy: { id: "asc" } }),
    db.prisma.attachment.findMany({ orderBy: { id: "asc" } }), db.prisma.activity.count(), readdir(uploads).catch(() => []),
  ]);
  return JSON.stringify({ sources, consents, attachments, activities, files: files.sort() });
}

beforeAll(async () => {
  ensureTestKeys();
  uploads = await mkdtemp(path.join(tmpdir(), "haven-uploads-"));
  process.env.HAVEN_UPLOAD_DIR = uploads;
  db = await createTestDatabase();
  usePrisma(db.prisma);
  const team = await makeTeam();
  [lawyer, caseworker, viewer, outsider] = await Promise.all([
    makeViewer("LAWYER", [team]), makeViewer("CASEWORKER", [team]), makeViewer("VIEWER", [team]), makeViewer("LAWYER", [await makeTeam()]),
  ]);
  caseId = (await createDetainee(system, { teamId: team, nameHangul: "김옥화", familyNameRoman: "Kim", givenNameRoman: "Ok-hwa" })).id;
});
afterAll(async () => {
  delete process.env.HAVEN_UPLOAD_DIR;
  await db?.close();
  await rm(uploads, { recursive: true, force: true });
});

describe(`sources (${process.env.TEST_DATABASE_URL ? "postgresql" : "pglite"})`, () => {
  it("caseworkers may add a source but never read it back; lawyers read it, audited", async () => {
    const { id } = await addSource(caseworker, { detaineeId: caseId, kind: "FAMILY_MEMBER", label: "Family member #1", identity: IDENTITY, contact: CONTACT });
    const raw = await db.prisma.$queryRaw<{ row: string }[]>`SELECT row_to_json(s)::text AS row FROM "Source" s WHERE id = ${id}`;
    expect(raw[0]!.row).not.toMatch(CANARY);

    for (const v of [caseworker, viewer]) {
      const dto = await listSources(v, caseId);
      expect(dto.find((s) => s.id === id)).toMatchObject({ label: "Family member #1", restricted: { visible: false } });
      expect(JSON.stringify(dto)).not.toMatch(CANARY);
    }
    expect(await auditCount("source.restricted.view")).toBe(0);

    const asLawyer = await listSources(lawyer, caseId);
    expect(asLawyer.find((s) => s.id === id)?.restricted).toEqual({ visible: true, identity: IDENTITY, contact: CONTACT });
    const audits = await db.prisma.auditLog.findMany({ where: { action: "source.restricted.view", actorId: lawyer.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.meta).toEqual({ fields: ["identity", "contact"] });
    const everyAudit = await db.prisma.$queryRaw<{ t: string }[]>`SELECT coalesce(string_agg(meta::text, ' '), '') AS t FROM "AuditLog"`;
    expect(everyAudit[0]!.t).not.toMatch(CANARY);
  });

  it("only lawyers may edit or remove; unknown fields are refused", async () => {
    const { id } = await addSource(lawyer, { detaineeId: caseId, kind: "PARTNER_NGO", label: "NGO contact" });
    await expect(updateSource(caseworker, { sourceId: id, kind: "MEDIA", label: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeSource(caseworker, { sourceId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addSource(viewer, { detaineeId: caseId, kind: "MEDIA", label: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addSource(lawyer, { detaineeId: caseId, kind: "MEDIA", label: "x", teamId: "other" } as never)).rejects.toThrow();
    await updateSource(lawyer, { sourceId: id, kind: "PARTNER_NGO", label: "NGO contact", contact: "Signal: ngo-desk" });
    expect((await listSources(lawyer, caseId)).find((s) => s.id === id)?.restricted).toMatchObject({ contact: "Signal: ngo-desk" });
    await removeSource(lawyer, { sourceId: id });
    expect(await db.prisma.source.count({ where: { id } })).toBe(0);
  });
});

describe("notes and calls", () => {
  it("a confidential note is encrypted, masked for caseworkers and viewers, readable (audited) by lawyers", async () => {
    const { id } = await addNote(caseworker, { detaineeId: caseId, kind: "CALL", body: NOTE, isConfidential: "on" });
    await addNote(caseworker, { detaineeId: caseId, kind: "NOTE", body: "Family visited the centre; supplies refused." });
    const row = await db.prisma.activity.findUniqueOrThrow({ where: { id } });
    expect(row.body).toBeNull();
    expect(row.bodyEnc).toMatch(/^v2\./);
    const raw = await db.prisma.$queryRaw<{ row: string }[]>`SELECT row_to_json(a)::text AS row FROM "Activity" a WHERE id = ${id}`;
    expect(raw[0]!.row).not.toMatch(CANARY);

    for (const v of [caseworker, viewer]) {
      const items = await listActivities(v, caseId);
      expect(items.find((a) => a.id === id)?.content).toEqual({ visible: false });
      expect(items.some((a) => a.content.visible && a.content.body?.includes("supplies refused"))).toBe(true);
      expect(JSON.stringify(items)).not.toMatch(CANARY);
    }
    const before = await auditCount("note.restricted.view", lawyer.id);
    expect((await listActivities(lawyer, caseId)).find((a) => a.id === id)?.content).toEqual({ visible: true, body: NOTE });
    expect(await auditCount("note.restricted.view", lawyer.id)).toBe(before + 1);
  });

  it("refuses an empty note with a field error", async () => {
    await expect(addNote(lawyer, { detaineeId: caseId, kind: "NOTE", body: "   " })).rejects.toThrow(/required/);
  });
});

describe("consent ledger", () => {
  it("records, supersedes and revokes while keeping the history", async () => {
    const first = await recordConsent(caseworker, { detaineeId: caseId, channel: "WGAD", naming: "FULL_NAME", givenBy: "RELATIVE", givenByName: "Kim Sun-ok", method: "PHONE", givenOn: "2024-10" });
    const second = await recordConsent(lawyer, { detaineeId: caseId, channel: "WGAD", naming: "INITIALS", givenBy: "DETAINEE", method: "IN_PERSON", givenOn: "2024-11-02" });
    await expect(recordConsent(lawyer, { detaineeId: caseId, channel: "UNHCR", naming: "INITIALS", givenBy: "RELATIVE", method: "PHONE", givenOn: "2026-11" })).rejects.toThrow(/required/);
    await expect(recordConsent(lawyer, { detaineeId: caseId, channel: "UNHCR", naming: "INITIALS", givenBy: "DETAINEE", method: "PHONE", givenOn: "2099-01-01" })).rejects.toMatchObject({ code: "INVALID" });

    let ledger = await listConsents(viewer, caseId);
    expect(ledger.current.find((c) => c.channel === "WGAD")?.consent?.id).toBe(second.id);
    expect(ledger.history.find((c) => c.id === first.id)?.given).toEqual({ date: new Date("2024-10-01T00:00:00Z"), precision: "MONTH" });
    expect(ledger.current.find((c) => c.channel === "MEDIA")?.consent).toBeNull();

    await revokeConsent(caseworker, { consentId: second.id, revokedNote: "Detainee withdrew consent via lawyer visit" });
    await expect(revokeConsent(lawyer, { consentId: second.id, revokedNote: "again" })).rejects.toMatchObject({ code: "CONFLICT" });
    ledger = await listConsents(lawyer, caseId);
    expect(ledger.history.map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
    expect(ledger.history.find((c) => c.id === second.id)).toMatchObject({ revokedNote: "Detainee withdrew consent via lawyer visit" });
    expect(ledger.history.find((c) => c.id === second.id)?.revokedAt).toBeInstanceOf(Date);
    // The older full-name consent does not come back once the newer one is revoked.
    expect(activeConsent(ledger.history, "WGAD")).toBeNull();
    // As of a moment before the revocation, the newer consent was in force; before it, the older.
    expect(activeConsent(ledger.history, "WGAD", new Date(Date.now() - 60_000))?.id).toBe(second.id);
    expect(activeConsent(ledger.history, "WGAD", new Date("2024-10-15T00:00:00Z"))?.id).toBe(first.id);

    expect(await db.prisma.activity.count({ where: { detaineeId: caseId, kind: "CONSENT" } })).toBe(3);
    expect(await auditCount("consent.record")).toBe(2);
    expect(await auditCount("consent.revoke")).toBe(1);
  });
});

describe("evidence files", () => {
  it("stores a PNG by content under a random name outside the web root, with its SHA-256 and size", async () => {
    const bytes = png();
    const r = await uploadAttachment(caseworker, { detaineeId: caseId, description: "Photo from the family" }, file(bytes, "photo.png"));
    expect(r.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(r).toMatchObject({ sizeBytes: bytes.byteLength, mimeType: "image/png" });
    const row = await db.prisma.attachment.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.storageKey).toMatch(/^[0-9a-f]{32}$/);
    expect(row.storageKey).not.toContain("photo");
    const stored = path.join(uploads, row.storageKey);
    expect(await readFile(stored)).toEqual(Buffer.from(bytes));
    for (const served of ["public", ".next"]) expect(path.relative(path.resolve(served), stored).startsWith("..")).toBe(true);
    expect(await auditCount("attachment.upload")).toBeGreaterThanOrEqual(1);
  });

  it("refuses HTML renamed .png, an .exe, an empty or missing file, and anything over 20 MB — writing nothing", async () => {
    const before = await snapshot();
    const html = "<!DOCTYPE html><html><body><script>fetch('/api/x')</script></body></html>";
    await expect(uploadAttachment(lawyer, { detaineeId: caseId }, file(html, "holiday.png"))).rejects.toMatchObject({ code: "INVALID", fieldErrors: { file: ["fileMarkup"] } });
    const exe = new Uint8Array(300);
    exe.set([0x4d, 0x5a]);
    await expect(uploadAttachment(lawyer, { detaineeId: caseId }, file(exe, "tool.exe"))).rejects.toMatchObject({ fieldErrors: { file: ["fileTypeNotAllowed"] } });
    await expect(uploadAttachment(lawyer, { detaineeId: caseId }, file(new Uint8Array(0), ""))).rejects.toMatchObject({ fieldErrors: { file: ["fileRequired"] } });
    await expect(uploadAttachment(lawyer, { detaineeId: caseId }, null)).rejects.toMatchObject({ fieldErrors: { file: ["fileRequired"] } });
    const huge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    huge.set(png());
    await expect(uploadAttachment(lawyer, { detaineeId: caseId }, file(huge, "big.png"))).rejects.toMatchObject({ fieldErrors: { file: ["fileTooLarge"] } });
    // A caller lying about the size is caught once the bytes are read.
    const liar = { name: "small.png", size: 10, arrayBuffer: async () => huge.buffer };
    await expect(uploadAttachment(lawyer, { detaineeId: caseId }, liar)).rejects.toMatchObject({ fieldErrors: { file: ["fileTooLarge"] } });
    expect(await snapshot()).toBe(before);
  });

  it("masks a confidential file for caseworkers and viewers; only lawyers list and download it (audited)", async () => {
    const bytes = png();
    const { id } = await uploadAttachment(caseworker, { detaineeId: caseId, description: FILE_DESC, isConfidential: "on" }, file(bytes, FILE_NAME));
    for (const v of [caseworker, viewer]) {
      const list = await listAttachments(v, caseId);
      expect(list.some((f) => !f.visible)).toBe(true);
      expect(JSON.stringify(list)).not.toMatch(CANARY);
      expect(JSON.stringify(list)).not.toContain(id);
      expect(await openAttachmentForDownload(v, id)).toBeNull();
    }
    expect((await listAttachments(lawyer, caseId)).find((f) => f.visible && f.id === id)).toMatchObject({ fileName: FILE_NAME, description: FILE_DESC });

    const downloads = await auditCount("attachment.download", lawyer.id);
    const dl = await openAttachmentForDownload(lawyer, id);
    expect(dl).not.toBeNull();
    expect(await readAll(dl!.body)).toEqual(Buffer.from(bytes));
    expect(await auditCount("attachment.download", lawyer.id)).toBe(downloads + 1);
    const h = downloadHeaders(dl!);
    expect(h.get("Content-Type")).toBe("image/png");
    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("Cache-Control")).toBe("no-store");
    expect(h.get("Content-Disposition")).toBe(`attachment; filename="____-CANARY-FILENAME.png"; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`);
  });

  it("non-confidential files download for every role on the case; archived ones for nobody", async () => {
    const { id } = await uploadAttachment(lawyer, { detaineeId: caseId }, file("Notes typed by the family.\n", "notes.txt"));
    const dl = await openAttachmentForDownload(viewer, id);
    expect(dl?.mimeType).toBe("text/plain; charset=utf-8");
    await readAll(dl!.body);
    await expect(archiveAttachment(caseworker, { attachmentId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await archiveAttachment(lawyer, { attachmentId: id });
    expect(await openAttachmentForDownload(lawyer, id)).toBeNull();
    expect((await listAttachments(lawyer, caseId)).some((f) => f.visible && f.id === id)).toBe(false);
  });

  it("refuses an upload directory inside public/ or .next/", () => {
    process.env.HAVEN_UPLOAD_DIR = path.resolve("public", "uploads");
    expect(() => uploadDir()).toThrow(/public/);
    process.env.HAVEN_UPLOAD_DIR = path.resolve(".next");
    expect(() => uploadDir()).toThrow(/\.next/);
    delete process.env.HAVEN_UPLOAD_DIR;
    expect(path.relative(process.cwd(), uploadDir())).toBe(path.join("data", "uploads"));
    process.env.HAVEN_UPLOAD_DIR = uploads;
  });
});

describe("another team's lawyer", () => {
  it("gets nothing from any read and NOT_FOUND from every write, and nothing changes", async () => {
    const source = await db.prisma.source.findFirstOrThrow({ where: { detaineeId: caseId } });
    const consent = await db.prisma.consent.findFirstOrThrow({ where: { detaineeId: caseId, revokedAt: null } });
    const attachment = await db.prisma.attachment.findFirstOrThrow({ where: { detaineeId: caseId, archivedAt: null } });
    const before = await snapshot();
    const audits = await db.prisma.auditLog.count();

    expect(await listSources(outsider, caseId)).toEqual([]);
    expect(await listActivities(outsider, caseId)).toEqual([]);
    expect(await listAttachments(outsider, caseId)).toEqual([]);
    expect((await listConsents(outsider, caseId)).history).toEqual([]);
    expect(await openAttachmentForDownload(outsider, attachment.id)).toBeNull();

    // Thunks, run one at a time: a rejected promise nobody awaits yet is an "unhandled rejection".
    const writes = [
      () => addSource(outsider, { detaineeId: caseId, kind: "MEDIA", label: "x" }),
      () => updateSource(outsider, { sourceId: source.id, kind: "MEDIA", label: "hijacked" }),
      () => removeSource(outsider, { sourceId: source.id }),
      () => addNote(outsider, { detaineeId: caseId, kind: "NOTE", body: "x" }),
      () => recordConsent(outsider, { detaineeId: caseId, channel: "MEDIA", naming: "FULL_NAME", givenBy: "DETAINEE", method: "OTHER", givenOn: "2024-01" }),
      () => revokeConsent(outsider, { consentId: consent.id, revokedNote: "x" }),
      () => uploadAttachment(outsider, { detaineeId: caseId }, file(png(), "x.png")),
      () => archiveAttachment(outsider, { attachmentId: attachment.id }),
    ];
    for (const w of writes) await expect(w()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toBe(before);
    expect(await db.prisma.auditLog.count()).toBe(audits);
  });
});
