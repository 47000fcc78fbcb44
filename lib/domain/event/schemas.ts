import { z } from "zod";
import { idSchema, optionalText, requiredPartialDateSchema, requiredText } from "../schemas-common";
import { sourcesSchema, versionSchema } from "../facility/schemas";

export const verificationSchema = z.enum(["REPORTED", "CORROBORATED", "CONFIRMED", "DISPUTED"]);

const count = z.number({ error: "invalidNumber" }).int("invalidNumber").min(0, "countRange").max(100_000, "countRange").nullable().optional();

const eventFields = {
  refCode: optionalText(30),
  date: requiredPartialDateSchema,
  facilityId: idSchema.nullable().optional(),
  fromRegion: optionalText(300),
  province: optionalText(100),
  handoverPoint: optionalText(300),
  reportedMin: count,
  reportedMax: count,
  verification: verificationSchema.default("REPORTED"),
  description: optionalText(20_000),
  sources: sourcesSchema,
};

type Reported = { reportedMin?: number | null; reportedMax?: number | null };
const minNotAboveMax = (e: Reported) => e.reportedMin == null || e.reportedMax == null || e.reportedMin <= e.reportedMax;
const rangeIssue = { message: "minAboveMax", path: ["reportedMax"] };

export const eventInputSchema = z.strictObject(eventFields).refine(minNotAboveMax, rangeIssue);

/** Editing replaces every field and names the version the editor started from (optimistic locking). */
export const eventUpdateSchema = z.strictObject({ eventId: idSchema, version: versionSchema, ...eventFields }).refine(minNotAboveMax, rangeIssue);
export type EventUpdateInput = z.input<typeof eventUpdateSchema>;

export const linkDetaineesSchema = z.strictObject({
  eventId: idSchema,
  detaineeIds: z.array(idSchema).min(1, "chooseDetainees").max(500, "tooMany"),
  note: requiredText(5000),
});

export const listEventsSchema = z.object({
  verification: verificationSchema.optional().catch(undefined),
  year: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  facilityId: idSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ListEventsFilters = z.output<typeof listEventsSchema>;
