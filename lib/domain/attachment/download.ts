import "server-only";
// The core of GET /api/attachments/[id], without HTTP so it can be tested: re-checks the viewer
// and the case scope (another team's file is null → 404, nothing else), hides confidential files
// from roles without detainee.restricted.read the same way, audits every download, and hands
// back a stream plus the headers that make browsers save rather than render it (S22).
import { Readable } from "node:stream";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { logger } from "@/lib/logger";
import { DATA_RESPONSE_CSP } from "@/lib/security/csp";
import { detaineeWhere } from "../detainee/scope";
import { idSchema } from "../schemas-common";
import { openStoredFile } from "./storage";

export type AttachmentDownload = { fileName: string; mimeType: string; sizeBytes: number; sha256: string; body: ReadableStream<Uint8Array> };

export async function openAttachmentForDownload(viewer: Viewer, attachmentId: string): Promise<AttachmentDownload | null> {
  if (!idSchema.safeParse(attachmentId).success || !can(viewer, "detainee.read")) return null;
  const db = prisma();
  const a = await db.attachment.findFirst({
    where: { id: attachmentId, archivedAt: null, detainee: detaineeWhere(viewer) },
    select: { id: true, detaineeId: true, fileName: true, mimeType: true, sizeBytes: true, sha256: true, isConfidential: true, storageKey: true },
  });
  if (!a || (a.isConfidential && !can(viewer, "detainee.restricted.read"))) return null;
  const handle = await openStoredFile(a.storageKey);
  if (!handle) {
    logger.error({ attachmentId: a.id }, "attachment file missing on disk");
    return null;
  }
  try {
    await db.$transaction((tx) => recordAudit(tx, viewer, { action: "attachment.download", entityType: "Attachment", entityId: a.id, meta: { detaineeId: a.detaineeId, sha256: a.sha256 } }));
  } catch (e) {
    await handle.close();
    throw e;
  }
  const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  return { fileName: a.fileName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, sha256: a.sha256, body };
}

/** RFC 6266/5987 filename: a plain-ASCII fallback and the exact UTF-8 name (Korean names survive). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]|["\\%;]/g, "_") || "file";
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export function downloadHeaders(file: Pick<AttachmentDownload, "fileName" | "mimeType" | "sizeBytes">): Headers {
  return new Headers({
    "Content-Type": file.mimeType,
    "Content-Length": String(file.sizeBytes),
    "Content-Disposition": contentDisposition(file.fileName),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    // Belt and braces should a browser render it anyway: no scripts, no same-origin powers.
    "Content-Security-Policy": DATA_RESPONSE_CSP,
    "Cross-Origin-Resource-Policy": "same-origin",
  });
}
