import { z } from "zod";
import { stripControlChars } from "@/lib/security/input";

/** Query-string filters; malformed values fall back to "no filter" (S12). */
export const auditFiltersSchema = z.object({
  kind: z.enum(["all", "refusals", "auth", "changes"]).catch("all").default("all"),
  // An email or part of one: control characters (newlines included) become spaces.
  actor: z.string().max(100).transform((s) => stripControlChars(s).replace(/[\u0000-\u001f\u007f]/g, " ").trim()).optional().catch(undefined),
  entityId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;
