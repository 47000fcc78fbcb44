// zod inputs for petitions. Strict objects: a form cannot set a field it does not own (status,
// author, approver…) by adding it to the request.
import { z } from "zod";
import { idSchema, requiredText, textSchema } from "../schemas-common";

export const PETITION_KINDS = [
  "WGAD_URGENT_APPEAL", "WGAD_REGULAR_COMMUNICATION", "SPECIAL_PROCEDURES_URGENT_APPEAL", "WGEID_URGENT_ACTION",
  "UNHCR_INTERVENTION", "UNGA_THIRD_COMMITTEE_LETTER", "ROK_GOVERNMENT_LETTER", "CAT_ARTICLE_22",
] as const;
export const PETITION_STATUS_VALUES = [
  "DRAFT", "IN_REVIEW", "APPROVED", "SUBMITTED", "ACKNOWLEDGED", "RESPONSE_RECEIVED", "CLOSED", "WITHDRAWN",
] as const;
export const PETITION_FILE_KINDS = ["EXPORT_PDF", "EXPORT_DOCX", "UPLOAD"] as const;

/** A section body: long enough for a full WGAD questionnaire section, short enough to bound storage. */
export const MAX_SECTION_CHARS = 50_000;
export const MAX_TITLE_CHARS = 300;

const version = z.number().int().min(1).max(2_147_483_647); // PostgreSQL integer
const language = z.enum(["en", "ko"]);
/** "YYYY-MM-DD" → a UTC midnight Date (the columns are SQL dates). */
const isoDay = z.iso.date("invalidDate").transform((s) => new Date(`${s}T00:00:00.000Z`));
const optionalIsoDay = z.union([z.literal("").transform(() => undefined), isoDay]).optional();
const optionalLine = (max: number) => textSchema().trim().max(max, "tooLong").optional().transform((v) => v || undefined);

export const createPetitionSchema = z.strictObject({
  kind: z.enum(PETITION_KINDS),
  // Aggregate letters (UNGA Third Committee) name no one; the others name at least one person.
  detaineeIds: z.array(idSchema).max(50, "tooMany").default([]).transform((ids) => [...new Set(ids)]),
  teamId: idSchema.optional(),
  language: language.optional(),
});
export type CreatePetitionInput = z.input<typeof createPetitionSchema>;

export const updateSectionSchema = z.strictObject({
  id: idSchema,
  version,
  key: textSchema().min(1).max(100),
  body: textSchema().max(MAX_SECTION_CHARS, "tooLong"),
});
export type UpdateSectionInput = z.input<typeof updateSectionSchema>;

export const updateTitleSchema = z.strictObject({
  id: idSchema,
  version,
  title: requiredText(MAX_TITLE_CHARS),
});
export type UpdateTitleInput = z.input<typeof updateTitleSchema>;

export const regenerateSchema = z.strictObject({
  id: idSchema,
  version,
  confirmOverwrite: z.boolean().default(false),
});
export type RegenerateInput = z.input<typeof regenerateSchema>;

export const transitionSchema = z.strictObject({
  id: idSchema,
  version,
  to: z.enum(PETITION_STATUS_VALUES),
  note: optionalLine(5000),
  submittedOn: optionalIsoDay,
  submittedVia: optionalLine(300),
  unReference: optionalLine(100),
  transmittedOn: optionalIsoDay,
  acknowledgedOn: optionalIsoDay,
  responseReceivedOn: optionalIsoDay,
  overrideReason: optionalLine(2000),
  withdrawnReason: optionalLine(2000),
});
export type TransitionInput = z.input<typeof transitionSchema>;

export const storeFileSchema = z.strictObject({
  petitionId: idSchema,
  kind: z.enum(PETITION_FILE_KINDS),
  fileName: requiredText(255),
  mimeType: textSchema().trim().min(1).max(200),
  bytes: z.instanceof(Uint8Array),
});
export type StoreFileInput = z.input<typeof storeFileSchema>;
/** The same for a file already streamed to disk (lib/domain/attachment/staged-upload.ts). */
export const storeStagedFileSchema = storeFileSchema.omit({ bytes: true });
export type StoreStagedFileInput = z.input<typeof storeStagedFileSchema>;

// List filters come from the URL: an unknown or malformed value is dropped, not an error, and
// other query keys are ignored (hence z.object, not strict), as for the case list.
export const listPetitionsSchema = z.object({
  status: z.enum(PETITION_STATUS_VALUES).optional().catch(undefined),
  kind: z.enum(PETITION_KINDS).optional().catch(undefined),
  teamId: idSchema.optional().catch(undefined),
  due: z.enum(["overdue", "week", "month"]).optional().catch(undefined),
  sort: z.enum(["deadline", "updated", "created"]).catch("deadline").default("deadline"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ListPetitionsFilters = z.output<typeof listPetitionsSchema>;
