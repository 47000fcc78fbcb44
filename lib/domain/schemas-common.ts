// zod pieces shared by several entities' schemas.
import { z } from "zod";
import { parsePartialDate } from "@/lib/dates/partial-date";

export const idSchema = z.string().min(1).max(40).regex(/^[a-z0-9]+$/i, "invalidId");

/** "", "2023", "2023-10" or "2023-10-09" → null or a PartialDate. */
export const optionalPartialDateSchema = z
  .string()
  .max(10, "invalidDate")
  .optional()
  .transform((text, ctx) => {
    if (!text?.trim()) return null;
    const parsed = parsePartialDate(text);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "invalidDate" });
      return z.NEVER;
    }
    return parsed;
  });

export const requiredPartialDateSchema = z
  .string()
  .max(10, "invalidDate")
  .transform((text, ctx) => {
    const parsed = parsePartialDate(text ?? "");
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: text?.trim() ? "invalidDate" : "required" });
      return z.NEVER;
    }
    return parsed;
  });

export const optionalText = (max: number) =>
  z.string().trim().max(max, "tooLong").optional().transform((v) => (v ? v : null));
