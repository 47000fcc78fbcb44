import { z } from "zod";
import { idSchema, optionalText, requiredPartialDateSchema } from "../schemas-common";

export const indicatorTypeSchema = z.enum([
  "TRANSFER_TO_BORDER_FACILITY", "INTERROGATION_COMPLETED", "PHOTOGRAPHED_OR_CONFESSION_SIGNED", "DPRK_OFFICIALS_VISIT",
  "IDENTITY_CONFIRMED_TO_DPRK", "SENTENCE_ENDING", "FAMILY_CONTACT_LOST", "SUPPLIES_REFUSED", "VISITS_REFUSED",
  "BORDER_CROSSING_OPENED", "DIPLOMATIC_CALENDAR", "MASS_TRANSPORT_SEEN", "OTHER",
]);

export const indicatorInputSchema = z
  .strictObject({
    type: indicatorTypeSchema,
    facilityId: idSchema.nullable().optional(),
    detaineeId: idSchema.nullable().optional(),
    observedOn: requiredPartialDateSchema,
    confidence: z.enum(["LOW", "MEDIUM", "HIGH"]).default("MEDIUM"),
    description: optionalText(5000),
  })
  .refine((i) => Boolean(i.facilityId) !== Boolean(i.detaineeId), { message: "facilityOrDetainee", path: ["facilityId"] });
