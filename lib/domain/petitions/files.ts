// Files kept with a petition: its PDF/DOCX exports and uploaded UN replies. Stored like evidence
// (random name under the upload dir, outside the web root, S22) and reached only through a
// scoped download; exports are audited because each one is a copy of the case leaving Haven.
import { Readable } from "node:stream";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { assertCan } from "../authz";
import { cleanFileName } from "../attachment/schemas";
import { MAX_UPLOAD_BYTES } from "../attachment/sniff";
import { assertStagedIntact, sniffStagedUpload, stageBytes, type StagedUpload } from "../attachment/staged-upload";
import { commitPartialFile, openStoredFile, removePartialFile, removeStoredFile } from "../attachment/storage";
import { idSchema } from "../schemas-common";
import { findPetitionForWrite } from "./mutations-common";
import { petitionWhere } from "./scope";
import { storeFileSchema, storeStagedFileSchema, type StoreFileInput, type StoreStagedFileInput } from "./schemas";

export const PDF_MIME = "application/pdf";
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const startsWith = (bytes: Uint8Array, magic: string) => Buffer.from(bytes.subarray(0, magic.length)).toString("latin1") === magic;

/** The type we store, decided from the bytes: an export must be what it claims; an upload must be on the allow-list. */
async function typeOf(kind: StoreFileInput["kind"], staged: StagedUpload): Promise<string> {
  if (staged.sizeBytes === 0) throw new AppError("INVALID", "The file is empty.", { file: ["fileEmpty"] });
  if (staged.sizeBytes > MAX_UPLOAD_BYTES) throw new AppError("INVALID", "Files can be at most 20 MB.", { file: ["fileTooLarge"] });
  await assertStagedIntact(staged);
  if (kind === "EXPORT_PDF" && startsWith(staged.head, "%PDF-")) return PDF_MIME;
  if (kind === "EXPORT_DOCX" && startsWith(staged.head, "PK\u0003\u0004")) return DOCX_MIME;
  if (kind !== "UPLOAD") throw new AppError("INVALID", "The export is not a valid document.", { file: ["fileTypeNotAllowed"] });
  const sniffed = await sniffStagedUpload(staged);
  if (sniffed.ok) return sniffed.mimeType;
  // UN replies often come as Word documents, which evidence uploads do not accept.
  if (sniffed.reason === "notAllowed" && sniffed.detected === "docx") return DOCX_MIME;
  throw new AppError("INVALID", "This type of file cannot be attached to a petition.", { file: ["fileTypeNotAllowed"] });
}

export type StoredPetitionFile = { id: string; sha256: string; sizeBytes: number; mimeType: string };

/**
 * The checks of an upload that need no file — permission, then the petition in scope (else
 * NOT_FOUND) — for the upload route to run before it reads the request body. Returns the id.
 */
export async function assertMayUploadPetitionFile(viewer: Viewer, petitionId: string): Promise<string> {
  assertCan(viewer, "petition.file.upload");
  const petition = await findPetitionForWrite(prisma(), viewer, idSchema.parse(petitionId));
  return petition.id;
}

export async function storePetitionFile(viewer: Viewer, input: StoreFileInput): Promise<StoredPetitionFile> {
  const { bytes, ...data } = storeFileSchema.parse(input);
  assertCan(viewer, data.kind !== "UPLOAD" ? "petition.export" : "petition.file.upload");
  // Out of scope → NOT_FOUND before anything touches the disk.
  await findPetitionForWrite(prisma(), viewer, data.petitionId);
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new AppError("INVALID", "Files can be at most 20 MB.", { file: ["fileTooLarge"] });
  // Then the same path as a streamed upload: staged as a `.part`, checked, saved with its row.
  return storeStagedPetitionFile(viewer, data, await stageBytes(bytes, { fileName: data.fileName, mimeType: data.mimeType }));
}

/**
 * Saves a file the upload route already streamed to a `.part` (attachment/staged-upload.ts):
 * permission, fields, the petition in scope and the type by content are checked again, and the
 * `.part` gets its real name inside the transaction that creates the row. On any failure the
 * `.part` is removed (and the renamed file, if the transaction failed after the rename).
 */
export async function storeStagedPetitionFile(viewer: Viewer, input: StoreStagedFileInput, staged: StagedUpload): Promise<StoredPetitionFile> {
  try {
    const data = storeStagedFileSchema.parse(input);
    const isExport = data.kind !== "UPLOAD";
    assertCan(viewer, isExport ? "petition.export" : "petition.file.upload");
    await findPetitionForWrite(prisma(), viewer, data.petitionId);
    const mimeType = await typeOf(data.kind, staged);
    const { key: storageKey, sha256, sizeBytes } = staged;
    try {
      return await prisma().$transaction(async (tx) => {
        const petition = await findPetitionForWrite(tx, viewer, data.petitionId);
        const row = await tx.petitionFile.create({
          data: { petitionId: petition.id, kind: data.kind, fileName: cleanFileName(data.fileName), mimeType, sizeBytes, sha256, storageKey, createdById: viewer.id },
          select: { id: true },
        });
        await recordAudit(tx, viewer, {
          action: isExport ? "petition.export" : "petition.file.upload", entityType: "Petition", entityId: petition.id,
          meta: { fileId: row.id, kind: data.kind, sha256, sizeBytes },
        });
        await commitPartialFile(storageKey);
        return { id: row.id, sha256, sizeBytes, mimeType };
      });
    } catch (e) {
      await removeStoredFile(storageKey).catch(() => {});
      throw e;
    }
  } finally {
    await removePartialFile(staged.key).catch(() => {});
  }
}

export type PetitionFileDownload = { fileName: string; mimeType: string; sizeBytes: number; sha256: string; body: ReadableStream<Uint8Array> };

/** The file as a stream, or null when it is not there for this viewer (→ 404). Each download is audited. */
export async function getPetitionFileForDownload(viewer: Viewer, fileId: string): Promise<PetitionFileDownload | null> {
  if (!idSchema.safeParse(fileId).success || !can(viewer, "petition.read")) return null;
  const db = prisma();
  const f = await db.petitionFile.findFirst({
    where: { id: fileId, petition: petitionWhere(viewer) },
    select: { id: true, petitionId: true, fileName: true, mimeType: true, sizeBytes: true, sha256: true, storageKey: true },
  });
  if (!f) return null;
  const handle = await openStoredFile(f.storageKey);
  if (!handle) {
    logger.error({ petitionFileId: f.id }, "petition file missing on disk");
    return null;
  }
  try {
    await db.$transaction((tx) => recordAudit(tx, viewer, { action: "petition.file.download", entityType: "Petition", entityId: f.petitionId, meta: { fileId: f.id, sha256: f.sha256 } }));
  } catch (e) {
    await handle.close();
    throw e;
  }
  const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  return { fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, sha256: f.sha256, body };
}
