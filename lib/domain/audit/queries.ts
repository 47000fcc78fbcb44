import "server-only";
// The audit log, read by administrators (/admin/audit): who did what to which record, and who
// was refused what. Entries carry no sensitive values by construction (lib/audit/record.ts), so
// the page shows them as stored. Reading the log is itself not audited (it would only grow).
//
// The log grows by every view of restricted data (a million rows is a few years of one office), so
// nothing here may cost in proportion to its size: pages are keyset pages by id ("Newer"/"Older"),
// the count stops at 10,001 ("more than 10,000"), and every filter has its index — the kinds
// their partial indexes (the audit_sealing migration; the SQL below must keep the exact
// predicates), the person their user ids on ("actorId", "id"), the record ("entityId", "id").
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { escapeLike } from "@/lib/security/input";
import type { AuditFilters } from "./schemas";
export { auditFiltersSchema, type AuditFilters } from "./schemas";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan } from "../authz";

export const AUDIT_PAGE_SIZE = 50;
/** Counts stop here: "more than 10,000 entries". */
export const AUDIT_COUNT_CAP = 10_000;
/** A person filter matching more accounts than this is too vague to be one person. */
const MAX_ACTORS = 200;

// Fixed SQL, no input: each predicate is the one of its partial index, character for character.
const KIND_SQL: Record<Exclude<AuditFilters["kind"], "all">, Prisma.Sql> = {
  refusals: Prisma.sql`("action" = 'access.refused' OR "action" LIKE '%.failure')`,
  auth: Prisma.sql`("action" LIKE 'auth.%')`,
  changes: Prisma.sql`(NOT ("action" LIKE 'auth.%' OR "action" = 'access.refused' OR "action" LIKE '%.view'))`,
};

export type AuditEntry = {
  id: string;
  at: Date;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  meta: unknown;
};

export type AuditPage = {
  rows: AuditEntry[];
  /** Entries matching the filters, counted up to AUDIT_COUNT_CAP + 1; `more` when beyond the cap. */
  total: { count: number; more: boolean };
  /** Cursors for the neighbouring pages, or null where there is none. */
  newer: string | null;
  older: string | null;
};

const EMPTY: AuditPage = { rows: [], total: { count: 0, more: false }, newer: null, older: null };

/** The filters as SQL conditions (without the page cursor); null when nothing can match. */
async function filterConditions(filters: AuditFilters): Promise<Prisma.Sql[] | null> {
  const conditions: Prisma.Sql[] = [];
  if (filters.kind !== "all") conditions.push(KIND_SQL[filters.kind]);
  if (filters.actor) {
    // People are matched by their account's email (the small User table), then their rows found
    // by id through the index — never a LIKE over the whole log.
    const pattern = `%${escapeLike(filters.actor)}%`;
    const users = await prisma().user.findMany({
      where: { email: { contains: escapeLike(filters.actor), mode: "insensitive" } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: MAX_ACTORS + 1,
    });
    if (users.length === 0) return null;
    const [only] = users;
    // One person (the usual case) as an equality, so the index also gives the order; a few as a
    // list; a fragment matching most accounts ("@") as what it is.
    conditions.push(
      users.length === 1 ? Prisma.sql`"actorId" = ${only!.id}`
        : users.length <= MAX_ACTORS ? Prisma.sql`"actorId" = ANY(${users.map((u) => u.id)}::text[])`
          : Prisma.sql`"actorId" IN (SELECT "id" FROM "User" WHERE "email" ILIKE ${pattern})`,
    );
  }
  if (filters.entityId) conditions.push(Prisma.sql`"entityId" = ${filters.entityId}`);
  return conditions;
}

const where = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`);

/** The page query and the count query for these filters (exported for the EXPLAIN test). */
export async function auditQueries(filters: AuditFilters): Promise<{ page: Prisma.Sql; count: Prisma.Sql } | null> {
  const conditions = await filterConditions(filters);
  if (!conditions) return null;
  const paged = [...conditions];
  const newerFirst = !filters.after;
  if (filters.after) paged.push(Prisma.sql`"id" > ${BigInt(filters.after)}`);
  else if (filters.before) paged.push(Prisma.sql`"id" < ${BigInt(filters.before)}`);
  const order = newerFirst ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return {
    // The page's ids first, from the filter's index alone (index-only: no table row is read to
    // test a filter), then those rows. Asked in one step, the planner may instead walk the primary
    // key from the newest row testing every row's filter — fine for a busy person, a scan of the
    // whole recent log for someone whose entries are all old.
    page: Prisma.sql`
      SELECT a."id", a."at", a."actorLabel", a."action", a."entityType", a."entityId", a."requestId", a."ip", a."meta"
      FROM "AuditLog" AS a
      JOIN (SELECT "id" FROM "AuditLog" WHERE ${where(paged)} ORDER BY "id" ${order} LIMIT ${AUDIT_PAGE_SIZE + 1}) AS p ON p."id" = a."id"
      ORDER BY a."id" ${order}`,
    count: Prisma.sql`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "AuditLog" WHERE ${where(conditions)} LIMIT ${AUDIT_COUNT_CAP + 1}) AS capped`,
  };
}

export async function listAuditEntries(viewer: Viewer, filters: AuditFilters): Promise<AuditPage> {
  assertCan(viewer, "audit.read");
  const queries = await auditQueries(filters);
  if (!queries) return EMPTY;
  type Row = Omit<AuditEntry, "id"> & { id: bigint };
  const fetched = await prisma().$queryRaw<Row[]>(queries.page);
  const hasMore = fetched.length > AUDIT_PAGE_SIZE;
  // "Newer" reached the newest entries: show the first page itself (full, and counted).
  if (filters.after && !hasMore) return listAuditEntries(viewer, { ...filters, after: undefined, before: undefined });
  const page = fetched.slice(0, AUDIT_PAGE_SIZE);
  if (filters.after) page.reverse(); // fetched oldest first
  const rows = page.map((r) => ({ ...r, id: r.id.toString() }));
  const first = rows[0]?.id ?? null;
  const last = rows.at(-1)?.id ?? null;
  // Coming from a newer page there is a newer one; fetched "after", more beyond means newer ones.
  const newer = filters.after || filters.before ? first : null;
  const older = filters.after || hasMore ? last : null;
  // A first page that is not full is the whole answer: no count query.
  const firstPage = !filters.after && !filters.before;
  const total = firstPage && !hasMore
    ? { count: rows.length, more: false }
    : await prisma().$queryRaw<{ n: number }[]>(queries.count).then(([r]) => ({ count: Math.min(r?.n ?? 0, AUDIT_COUNT_CAP), more: (r?.n ?? 0) > AUDIT_COUNT_CAP }));
  return { rows, total, newer, older };
}
