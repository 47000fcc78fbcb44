import { z } from "zod";
import { optionalText } from "../schemas-common";

export const facilityTypeSchema = z.enum([
  "DETENTION_CENTRE", "BORDER_DEFENCE_STATION", "PUBLIC_SECURITY_BUREAU", "PRISON", "DPRK_HOLDING_CENTRE",
  "LABOUR_TRAINING_CAMP", "RE_EDUCATION_CAMP", "POLITICAL_PRISON_CAMP", "INTERROGATION_FACILITY", "OTHER",
]);
export const confidenceSchema = z.enum(["LOW", "MEDIUM", "HIGH"]);

export const facilityInputSchema = z.strictObject({
  refCode: optionalText(20),
  nameEn: z.string().trim().min(2, "tooShort").max(200, "tooLong"),
  nameLocal: optionalText(200),
  type: facilityTypeSchema,
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "invalidCountry"),
  province: optionalText(100),
  city: optionalText(200),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  notes: optionalText(10_000),
  confidence: confidenceSchema.default("MEDIUM"),
  sources: z.array(z.string().trim().url().max(2000)).max(50).default([]),
});
