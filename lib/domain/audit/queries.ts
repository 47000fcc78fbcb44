import "server-only";
// The audit log, read by administrators (/admin/audit): who did what to which record, and who
// was refused what. Entries carry no sensitive values by construction (lib/audit/record.ts), so
// the page shows them as stored. Reading the log is itself not audited (it would only grow).
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { escapeLike } from "@/lib/security/input";
import type { AuditFilters } from "./schemas";
export { auditFiltersSchema, type AuditFilters } from "./schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "../authz";

export const AUDIT_PAGE_SIZE = 50;



function kindWhere(kind: AuditFilters["kind"]): Prisma.AuditLogWhereInput {
  switch (kind) {
    case "refusals": return { OR: [{ action: "access.refused" }, { action: { endsWith: ".failure" } }] };
    case "auth": return { action: { startsWith: "auth." } };
    case "changes": return { NOT: [{ action: { startsWith: "auth." } }, { action: "access.refused" }, { action: { endsWith: ".view" } }] };
    default: return {};
  }
}

export async function listAuditEntries(viewer: Viewer, filters: AuditFilters) {
  assertCan(viewer, "audit.read");
  const where: Prisma.AuditLogWhereInput = {
    AND: [
      kindWhere(filters.kind),
      filters.actor ? { actorLabel: { contains: escapeLike(filters.actor), mode: "insensitive" } } : {},
      filters.entityId ? { entityId: filters.entityId } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    prisma().auditLog.count({ where }),
    prisma().auditLog.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filters.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, at: true, actorLabel: true, action: true, entityType: true, entityId: true, requestId: true, ip: true, meta: true },
    }),
  ]);
  return { total, rows: rows.map((r) => ({ ...r, id: r.id.toString() })) };
}
