import { z } from "zod";
import { idSchema, optionalText, requiredPartialDateSchema, requiredText } from "../schemas-common";

export const CONSENT_CHANNELS = ["WGAD", "SPECIAL_PROCEDURES", "WGEID", "UNHCR", "MEDIA"] as const;
export const CONSENT_NAMINGS = ["FULL_NAME", "INITIALS"] as const;
export const CONSENT_GIVERS = ["DETAINEE", "RELATIVE", "LEGAL_REPRESENTATIVE"] as const;
export const CONSENT_METHODS = ["IN_PERSON", "PHONE", "WRITTEN", "MESSAGING", "OTHER"] as const;

export const recordConsentSchema = z
  .strictObject({
    detaineeId: idSchema,
    channel: z.enum(CONSENT_CHANNELS),
    naming: z.enum(CONSENT_NAMINGS),
    givenBy: z.enum(CONSENT_GIVERS),
    givenByName: optionalText(200),
    method: z.enum(CONSENT_METHODS),
    /** "2026", "2026-11" or "2026-11-02". */
    givenOn: requiredPartialDateSchema,
    notes: optionalText(2000),
  })
  // Someone other than the person consented on their behalf: the record must say who.
  .refine((c) => c.givenBy === "DETAINEE" || c.givenByName, { message: "required", path: ["givenByName"] });
export type RecordConsentInput = z.input<typeof recordConsentSchema>;

export const revokeConsentSchema = z.strictObject({
  consentId: idSchema,
  revokedNote: requiredText(2000),
});
export type RevokeConsentInput = z.input<typeof revokeConsentSchema>;
