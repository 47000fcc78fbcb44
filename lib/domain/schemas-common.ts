// zod pieces shared by several entities' schemas.
import { z } from "zod";
import { parsePartialDate } from "@/lib/dates/partial-date";

// PostgreSQL text and jsonb cannot hold NUL, and a lone UTF-16 surrogate is not valid UTF-8 (Prisma
// refuses to serialise it): either reaching the database is a 500 (S12). Refused at the schema,
// so the user gets a field error instead.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Can the database store this text as it is? */
export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);

/** z.string() for anything that is stored: refuses NUL and lone surrogates with "invalidCharacters". */
export const textSchema = () => z.string().refine(isStorableText, "invalidCharacters");

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

/** Required stored text: trimmed, not empty, at most `max` characters. */
export const requiredText = (max: number) => textSchema().trim().min(1, "required").max(max, "tooLong");

export const optionalText = (max: number) =>
  textSchema().trim().max(max, "tooLong").optional().transform((v) => (v ? v : null));
