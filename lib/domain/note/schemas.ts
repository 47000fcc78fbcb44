import { z } from "zod";
import { idSchema, requiredText } from "../schemas-common";

/** An HTML checkbox: "on" when ticked, absent when not; booleans for programmatic callers. */
export const checkboxSchema = z
  .union([z.boolean(), z.literal("on"), z.literal("true")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const addNoteSchema = z.strictObject({
  detaineeId: idSchema,
  kind: z.enum(["NOTE", "CALL"]),
  body: requiredText(20_000),
  /** Encrypted at rest and shown only to roles with detainee.restricted.read. */
  isConfidential: checkboxSchema,
});
export type AddNoteInput = z.input<typeof addNoteSchema>;
