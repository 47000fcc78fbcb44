import { z } from "zod";
import { stripControlChars } from "@/lib/security/input";
import { idSchema, optionalPartialDateSchema, optionalText, requiredText, textSchema } from "../schemas-common";

export const sexSchema = z.enum(["FEMALE", "MALE", "OTHER", "UNKNOWN"]);
export const detaineeStatusSchema = z.enum([
  "REPORTED", "DETAINED", "RELEASED", "REPATRIATED", "RESETTLED", "DECEASED", "CLOSED", "DETAINED_IN_DPRK", "DISAPPEARED",
]);

/** The person's editable facts (not team, status or restricted data). */
export const detaineeFieldsSchema = z.strictObject({
  familyNameRoman: optionalText(80),
  givenNameRoman: optionalText(80),
  nameHangul: optionalText(40),
  nameChinese: optionalText(40),
  aliases: z.array(textSchema().trim().min(1).max(80, "tooLong")).max(20).default([]),
  sex: sexSchema.default("UNKNOWN"),
  birthDate: optionalPartialDateSchema,
  estimatedAge: z.number().int().min(0, "outOfRange").max(120, "outOfRange").nullable().optional(),
  homeProvince: optionalText(80),
  arrestDate: optionalPartialDateSchema,
  arrestPlace: optionalText(200),
  arrestAuthority: optionalText(200),
  narrative: optionalText(20_000),
  healthConcerns: optionalText(5_000),
  hasSouthKoreaLinks: z.boolean().default(false),
});

type Named = { familyNameRoman: string | null; givenNameRoman: string | null; nameHangul: string | null; nameChinese: string | null; aliases: string[] };
const hasName = (d: Named) => Boolean(d.familyNameRoman || d.givenNameRoman || d.nameHangul || d.nameChinese || d.aliases.length > 0);
const nameRule = { message: "nameRequired", path: ["nameHangul"] };

export const createDetaineeSchema = detaineeFieldsSchema
  .extend({
    teamId: idSchema,
    status: z.enum(["REPORTED", "DETAINED"]).default("REPORTED"),
    familyContacts: optionalText(5_000),
    assignedUserIds: z.array(idSchema).max(20).default([]),
  })
  .refine(hasName, nameRule);

export const updateDetaineeSchema = detaineeFieldsSchema
  .extend({
    detaineeId: idSchema,
    version: z.number().int().min(1).max(2_147_483_647),
    /** Absent: unchanged. "" clears. Only roles that may read family contacts may send it. */
    familyContacts: textSchema().max(5_000, "tooLong").optional(),
    /** The lawyers assigned to the case; absent: unchanged. */
    assignedUserIds: z.array(idSchema).max(20).optional(),
    /** What the editor's form showed, to name the other person's changes on a conflict. */
    base: z.record(z.string(), z.string().max(20_000)).optional(),
  })
  .refine(hasName, nameRule);
export type UpdateDetaineeInput = z.input<typeof updateDetaineeSchema>;

export const archiveDetaineeSchema = z.strictObject({
  detaineeId: idSchema,
  version: z.number().int().min(1).max(2_147_483_647),
  reason: requiredText(2000),
});

export type CreateDetaineeInput = z.input<typeof createDetaineeSchema>;

// Query-string filters of the case list (and its CSV export). Anything malformed falls back to
// "no filter" rather than an error page: these come from URLs people paste around.
export const listDetaineesSchema = z
  .object({
    q: z.string().transform(stripControlChars).pipe(z.string().trim().max(100)).optional().catch(undefined),
    status: detaineeStatusSchema.optional().catch(undefined),
    teamId: idSchema.optional().catch(undefined),
    facilityId: idSchema.optional().catch(undefined),
    mine: z.literal("1").optional().catch(undefined),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
    sort: z.enum(["relevance", "caseNumber", "name", "status", "updated"]).optional().catch(undefined),
  })
  .transform((f) => ({ ...f, q: f.q || undefined, sort: f.sort ?? (f.q ? "relevance" : "updated") }));
export type ListDetaineesFilters = z.output<typeof listDetaineesSchema>;

export const changeStatusSchema = z.strictObject({
  detaineeId: idSchema,
  to: detaineeStatusSchema,
  note: requiredText(5000),
  /** Required for REPATRIATED (when the return happened). */
  date: textSchema().max(10).optional(),
  version: z.number().int().min(1).max(2_147_483_647),
});
