import { z } from "zod";
import { stripControlChars } from "@/lib/security/input";
import { idSchema, optionalText, textSchema } from "../schemas-common";

export const facilityTypeSchema = z.enum([
  "DETENTION_CENTRE", "BORDER_DEFENCE_STATION", "PUBLIC_SECURITY_BUREAU", "PRISON", "DPRK_HOLDING_CENTRE",
  "LABOUR_TRAINING_CAMP", "RE_EDUCATION_CAMP", "POLITICAL_PRISON_CAMP", "INTERROGATION_FACILITY", "OTHER",
]);
export const confidenceSchema = z.enum(["LOW", "MEDIUM", "HIGH"]);

/** Source links are rendered as <a href>: only http(s), so a stored "javascript:" URL can never run (S14). */
export const sourceUrlSchema = textSchema().trim().max(2000, "tooLong").url({ protocol: /^https?$/, message: "invalidUrl" });
export const sourcesSchema = z.array(sourceUrlSchema).max(50, "tooMany").default([]);

/** Optimistic locking: the version the editor started from (update … where version = n). */
export const versionSchema = z.number({ error: "invalid" }).int().min(1).max(2_147_483_647); // PostgreSQL integer

const facilityFields = {
  refCode: optionalText(20),
  nameEn: textSchema().trim().min(2, "tooShort").max(200, "tooLong"),
  nameLocal: optionalText(200),
  type: facilityTypeSchema,
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "invalidCountry"),
  province: optionalText(100),
  city: optionalText(200),
  latitude: z.number({ error: "invalidNumber" }).min(-90, "latitudeRange").max(90, "latitudeRange").nullable().optional(),
  longitude: z.number({ error: "invalidNumber" }).min(-180, "longitudeRange").max(180, "longitudeRange").nullable().optional(),
  notes: optionalText(10_000),
  confidence: confidenceSchema.default("MEDIUM"),
  sources: sourcesSchema,
};

export const facilityInputSchema = z.strictObject(facilityFields);

/** Editing replaces every field (the form sends them all) and names the version it started from. */
export const facilityUpdateSchema = z.strictObject({ facilityId: idSchema, version: versionSchema, ...facilityFields });
export type FacilityUpdateInput = z.input<typeof facilityUpdateSchema>;

// Query-string filters: anything malformed falls back to "no filter" instead of failing (S12).
export const listFacilitiesSchema = z.object({
  q: z.string().transform(stripControlChars).pipe(z.string().trim().max(100)).optional().catch(undefined),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  // Compared in SQL, so cleaned like q; nothing left (or too long) means "no filter".
  province: z.string().transform(stripControlChars).pipe(z.string().trim().min(1).max(100)).optional().catch(undefined),
  type: facilityTypeSchema.optional().catch(undefined),
  /** Only facilities holding at least one of the viewer's cases. */
  holding: z.enum(["1"]).optional().catch(undefined),
  sort: z.enum(["name", "location", "type", "events"]).catch("name").default("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ListFacilitiesFilters = z.output<typeof listFacilitiesSchema>;
