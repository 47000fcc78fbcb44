import { z } from "zod";
import { idSchema, optionalText, requiredText } from "../schemas-common";

export const SOURCE_KINDS = ["FAMILY_MEMBER", "RELEASED_DETAINEE", "PARTNER_NGO", "MEDIA", "LAWYER", "GOVERNMENT", "OTHER"] as const;
export const CONFIDENTIALITY_LEVELS = ["PUBLIC", "INTERNAL", "CONFIDENTIAL"] as const;

const sourceFields = {
  kind: z.enum(SOURCE_KINDS),
  /** Shown to everyone on the case, so it must not identify anyone ("Family member #1"). */
  label: requiredText(80),
  /** Restricted: encrypted at rest, readable only with detainee.restricted.read. */
  identity: optionalText(500),
  contact: optionalText(1000),
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default("CONFIDENTIAL"),
};

export const addSourceSchema = z.strictObject({ detaineeId: idSchema, ...sourceFields });
export const updateSourceSchema = z.strictObject({ sourceId: idSchema, ...sourceFields });
export const removeSourceSchema = z.strictObject({ sourceId: idSchema });

export type AddSourceInput = z.input<typeof addSourceSchema>;
export type UpdateSourceInput = z.input<typeof updateSourceSchema>;
