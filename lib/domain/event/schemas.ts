import { z } from "zod";
import { idSchema, optionalText, requiredPartialDateSchema } from "../schemas-common";

export const verificationSchema = z.enum(["REPORTED", "CORROBORATED", "CONFIRMED", "DISPUTED"]);

export const eventInputSchema = z
  .strictObject({
    refCode: optionalText(30),
    date: requiredPartialDateSchema,
    facilityId: idSchema.nullable().optional(),
    fromRegion: optionalText(300),
    province: optionalText(100),
    handoverPoint: optionalText(300),
    reportedMin: z.number().int().min(0).max(100_000).nullable().optional(),
    reportedMax: z.number().int().min(0).max(100_000).nullable().optional(),
    verification: verificationSchema.default("REPORTED"),
    description: optionalText(20_000),
    sources: z.array(z.string().trim().url().max(2000)).max(50).default([]),
  })
  .refine((e) => e.reportedMin == null || e.reportedMax == null || e.reportedMin <= e.reportedMax, {
    message: "minAboveMax",
    path: ["reportedMax"],
  });

export const linkDetaineesSchema = z.strictObject({
  eventId: idSchema,
  detaineeIds: z.array(idSchema).min(1).max(500),
  note: z.string().trim().min(1, "required").max(5000),
});
