import "server-only";
// Evidence files of a case. Decision (S10): a confidential file is listed for every role as a
// masked entry — "Confidential attachment" and the date it was added, nothing else (no id, name,
// description, type, size or hash) — so caseworkers know evidence exists and whom to ask, yet
// learn nothing from it. Only roles with detainee.restricted.read get its details, and their
// view of them is audited.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { detaineeWhere } from "../detainee/scope";

const MAX_FILES = 200;

export type AttachmentRow =
  | {
      visible: true; id: string; fileName: string; description: string | null; mimeType: string; sizeBytes: number;
      sha256: string; isConfidential: boolean; createdAt: Date; uploadedBy: string | null;
    }
  | { visible: false; createdAt: Date };

export async function listAttachments(viewer: Viewer, detaineeId: string): Promise<AttachmentRow[]> {
  const db = prisma();
  const rows = await db.attachment.findMany({
    where: { detaineeId, archivedAt: null, detainee: detaineeWhere(viewer) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_FILES,
    select: {
      id: true, fileName: true, description: true, mimeType: true, sizeBytes: true, sha256: true, isConfidential: true,
      createdAt: true, uploadedBy: { select: { displayName: true } },
    },
  });
  const mayRead = can(viewer, "detainee.restricted.read");
  if (mayRead && rows.some((r) => r.isConfidential)) {
    await db.$transaction((tx) => recordAudit(tx, viewer, { action: "attachment.restricted.view", entityType: "Detainee", entityId: detaineeId, meta: { fields: ["fileName", "description"] } }));
  }
  return rows.map(({ uploadedBy, ...r }) =>
    r.isConfidential && !mayRead ? { visible: false as const, createdAt: r.createdAt } : { visible: true as const, ...r, uploadedBy: uploadedBy?.displayName ?? null },
  );
}
