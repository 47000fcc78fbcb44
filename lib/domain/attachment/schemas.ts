import { z } from "zod";
import { idSchema, optionalText } from "../schemas-common";
import { checkboxSchema } from "../note/schemas";

export const uploadAttachmentSchema = z.strictObject({
  detaineeId: idSchema,
  description: optionalText(2000),
  /** Only roles with detainee.restricted.read see that a confidential file exists in detail. */
  isConfidential: checkboxSchema,
});
export type UploadAttachmentInput = z.input<typeof uploadAttachmentSchema>;

export const archiveAttachmentSchema = z.strictObject({ attachmentId: idSchema });

/** The part of a web File the upload needs; tests pass a File built in memory. */
export type UploadedFile = { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

/**
 * A display name only: no directories, no control characters, no bidirectional overrides (which
 * make "photo\u202Egpj.exe" read as "photoexe.jpg"), bounded length.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, "").trim().slice(0, 200);
  return clean || "file";
}
