import { z } from "zod";
import { idSchema, optionalPartialDateSchema, optionalText } from "../schemas-common";

export const sexSchema = z.enum(["FEMALE", "MALE", "OTHER", "UNKNOWN"]);
export const detaineeStatusSchema = z.enum([
  "REPORTED", "DETAINED", "RELEASED", "REPATRIATED", "RESETTLED", "DECEASED", "CLOSED", "DETAINED_IN_DPRK", "DISAPPEARED",
]);

export const createDetaineeSchema = z
  .strictObject({
    teamId: idSchema,
    familyNameRoman: optionalText(80),
    givenNameRoman: optionalText(80),
    nameHangul: optionalText(40),
    nameChinese: optionalText(40),
    aliases: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
    sex: sexSchema.default("UNKNOWN"),
    birthDate: optionalPartialDateSchema,
    estimatedAge: z.number().int().min(0, "outOfRange").max(120, "outOfRange").nullable().optional(),
    homeProvince: optionalText(80),
    status: z.enum(["REPORTED", "DETAINED"]).default("REPORTED"),
    arrestDate: optionalPartialDateSchema,
    arrestPlace: optionalText(200),
    arrestAuthority: optionalText(200),
    narrative: optionalText(20_000),
    healthConcerns: optionalText(5_000),
    hasSouthKoreaLinks: z.boolean().default(false),
    familyContacts: optionalText(5_000),
    assignedUserIds: z.array(idSchema).max(20).default([]),
  })
  .refine((d) => d.familyNameRoman || d.givenNameRoman || d.nameHangul || d.nameChinese || d.aliases.length > 0, {
    message: "nameRequired",
    path: ["nameHangul"],
  });

export type CreateDetaineeInput = z.input<typeof createDetaineeSchema>;

export const listDetaineesSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: detaineeStatusSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  sort: z.enum(["caseNumber", "name", "status", "updated"]).catch("updated").default("updated"),
});
export type ListDetaineesFilters = z.output<typeof listDetaineesSchema>;

export const changeStatusSchema = z.strictObject({
  detaineeId: z.string().min(1).max(40),
  to: detaineeStatusSchema,
  note: z.string().trim().min(1, "required").max(5000, "tooLong"),
  /** Required for REPATRIATED (when the return happened). */
  date: z.string().max(10).optional(),
  version: z.number().int().min(1),
});
