import { z } from "zod";
import { stripControlChars } from "@/lib/security/input";

/** An audit row id as a page cursor: digits only, within PostgreSQL's bigint. */
const cursor = z.string().regex(/^[1-9][0-9]{0,17}$/).optional().catch(undefined);

/** Query-string filters; malformed values fall back to "no filter" (S12). */
export const auditFiltersSchema = z.object({
  kind: z.enum(["all", "refusals", "auth", "changes"]).catch("all").default("all"),
  // An email or part of one: control characters (newlines included) become spaces.
  actor: z.string().max(100).transform((s) => stripControlChars(s).replace(/[\u0000-\u001f\u007f]/g, " ").trim()).optional().catch(undefined),
  entityId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional().catch(undefined),
  // Keyset pages: entries older than `before`, or (following "Newer") newer than `after`.
  before: cursor,
  after: cursor,
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;
