// Evidence uploads and archiving. The file is hashed and written under a temporary `.part` name,
// checked (size, then type by content), and given its random name in the transaction that creates
// its row; on any failure both names are removed, so the disk holds no file without a row.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { findDetaineeForWrite } from "../custody/mutations";
import { detaineeWhere } from "../detainee/scope";
import { idSchema } from "../schemas-common";
import { archiveAttachmentSchema, cleanFileName, uploadAttachmentSchema, type UploadAttachmentInput, type UploadedFile } from "./schemas";
import { MAX_UPLOAD_BYTES, type SniffResult } from "./sniff";
import { sniffStagedUpload, stageBytes, type StagedUpload } from "./staged-upload";
import { commitPartialFile, removePartialFile, removeStoredFile } from "./storage";

const REFUSALS: Record<Extract<SniffResult, { ok: false }>["reason"] | "required", [string, string]> = {
  required: ["fileRequired", "Choose a file to upload."],
  empty: ["fileEmpty", "The file is empty."],
  tooLarge: ["fileTooLarge", "Files can be at most 20 MB."],
  markup: ["fileMarkup", "This file contains web-page code (HTML or similar) and cannot be uploaded. Save it as PDF instead."],
  notAllowed: ["fileTypeNotAllowed", "This type of file cannot be uploaded. Allowed: photos (JPEG, PNG, WebP, HEIC), PDF, audio (MP3, M4A/MP4, OGG, WAV) and plain text."],
  unknown: ["fileTypeNotAllowed", "This type of file cannot be uploaded. Allowed: photos (JPEG, PNG, WebP, HEIC), PDF, audio (MP3, M4A/MP4, OGG, WAV) and plain text."],
};

function refuse(reason: keyof typeof REFUSALS): never {
  const [key, message] = REFUSALS[reason];
  throw new AppError("INVALID", message, { file: [key] });
}

export type UploadResult = { id: string; detaineeId: string; sha256: string; sizeBytes: number; mimeType: string };

/**
 * The checks of uploadAttachment that need no file — permission, then the case in scope (else
 * NOT_FOUND) — for the upload route to run before it reads the request body. Returns the case id.
 */
export async function assertMayUploadAttachment(actor: Actor, detaineeId: string): Promise<string> {
  assertCan(actor, "detainee.update");
  const detainee = await findDetaineeForWrite(prisma(), actor, idSchema.parse(detaineeId));
  return detainee.id;
}

export async function uploadAttachment(actor: Actor, input: UploadAttachmentInput, file: UploadedFile | null | undefined): Promise<UploadResult> {
  assertCan(actor, "detainee.update");
  const data = uploadAttachmentSchema.parse(input);
  // A form submitted without choosing a file still sends an empty, nameless part.
  if (!file || (file.size === 0 && !file.name)) refuse("required");
  // The declared size is checked before the bytes are read; the real size again after.
  if (file.size > MAX_UPLOAD_BYTES) refuse("tooLarge");
  // Out of scope → NOT_FOUND before anything touches the disk.
  await findDetaineeForWrite(prisma(), actor, data.detaineeId);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > MAX_UPLOAD_BYTES) refuse("tooLarge");
  // Then the same path as a streamed upload: staged as a `.part`, checked, saved with its row.
  return uploadStagedAttachment(actor, input, await stageBytes(bytes, { fileName: file.name, mimeType: "" }));
}

/**
 * Saves an upload the route already streamed to a `.part` (staged-upload.ts). Everything
 * uploadAttachment checks is checked again here — permission, fields, size, the case in scope,
 * the type by content (of the file on disk) — and the `.part` gets its real name inside the
 * transaction that creates the row. On any failure the `.part` is removed (and the renamed file,
 * if the transaction failed after the rename), so the disk holds no file without a row.
 */
export async function uploadStagedAttachment(actor: Actor, input: UploadAttachmentInput, staged: StagedUpload | null): Promise<UploadResult> {
  try {
    assertCan(actor, "detainee.update");
    const data = uploadAttachmentSchema.parse(input);
    // A form submitted without choosing a file still sends an empty, nameless part.
    if (!staged || (staged.sizeBytes === 0 && !staged.fileName)) refuse("required");
    if (staged.sizeBytes > MAX_UPLOAD_BYTES) refuse("tooLarge");
    await findDetaineeForWrite(prisma(), actor, data.detaineeId);
    const sniffed = await sniffStagedUpload(staged);
    if (!sniffed.ok) refuse(sniffed.reason);
    const { key: storageKey, sha256, sizeBytes } = staged;
    try {
      return await prisma().$transaction(async (tx) => {
        const detainee = await findDetaineeForWrite(tx, actor, data.detaineeId);
        const created = await tx.attachment.create({
          data: {
            detaineeId: detainee.id, fileName: cleanFileName(staged.fileName), storageKey, mimeType: sniffed.mimeType,
            sizeBytes, sha256, isConfidential: data.isConfidential, description: data.description,
            uploadedById: isViewer(actor) ? actor.id : null,
          },
          select: { id: true },
        });
        await tx.activity.create({
          data: {
            detaineeId: detainee.id, kind: "ATTACHMENT", actorId: isViewer(actor) ? actor.id : null,
            meta: { event: "uploaded", attachmentId: created.id, confidential: data.isConfidential },
          },
        });
        // Chain of custody: the hash and size go in the audit log; the file name may identify
        // someone, so it does not.
        await recordAudit(tx, actor, {
          action: "attachment.upload", entityType: "Attachment", entityId: created.id,
          meta: { detaineeId: detainee.id, sha256, sizeBytes, mimeType: sniffed.mimeType, confidential: data.isConfidential },
        });
        await commitPartialFile(storageKey);
        return { id: created.id, detaineeId: detainee.id, sha256, sizeBytes, mimeType: sniffed.mimeType };
      });
    } catch (e) {
      await removeStoredFile(storageKey).catch(() => {});
      throw e;
    }
  } finally {
    if (staged) await removePartialFile(staged.key).catch(() => {});
  }
}

/** Soft delete: the row and the file stay (chain of custody); lists and downloads skip it. */
export async function archiveAttachment(actor: Actor, input: { attachmentId: string }): Promise<{ id: string; detaineeId: string }> {
  assertCan(actor, "attachment.archive");
  const data = archiveAttachmentSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const scope = isViewer(actor) ? { detainee: detaineeWhere(actor) } : {};
    const a = await tx.attachment.findFirst({ where: { AND: [{ id: data.attachmentId, archivedAt: null }, scope] }, select: { id: true, detaineeId: true, isConfidential: true } });
    if (!a) throw new AppError("NOT_FOUND", "File not found.");
    const updated = await tx.attachment.updateMany({ where: { id: a.id, archivedAt: null }, data: { archivedAt: new Date() } });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "File not found.");
    await tx.activity.create({
      data: { detaineeId: a.detaineeId, kind: "ATTACHMENT", actorId: isViewer(actor) ? actor.id : null, meta: { event: "archived", attachmentId: a.id, confidential: a.isConfidential } },
    });
    await recordAudit(tx, actor, { action: "attachment.archive", entityType: "Attachment", entityId: a.id, meta: { detaineeId: a.detaineeId } });
    return { id: a.id, detaineeId: a.detaineeId };
  });
}
