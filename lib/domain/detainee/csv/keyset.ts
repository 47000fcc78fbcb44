// Keyset ("seek") paging for the export: each batch continues after the last row of the previous
// one, in the list page's order. OFFSET paging would re-sort and skip ever more rows per batch,
// turning a 100,000-row export into a quadratic one. Pure: builds Prisma where/orderBy objects.
import type { Prisma } from "@/lib/generated/prisma/client";
import { DetaineeStatus } from "@/lib/generated/prisma/enums";
import type { ListDetaineesFilters } from "../schemas";

export type KeysetRow = {
  id: string; caseNumber: string; status: DetaineeStatus; updatedAt: Date;
  familyNameRoman: string | null; givenNameRoman: string | null;
};
type Key = { field: keyof KeysetRow; dir: "asc" | "desc"; nullable?: boolean };

// The same orders as listDetainees (queries.ts), each ending in a unique column. Relevance is a
// ranking of at most a few thousand matches in memory; an export of every match uses "updated".
const UPDATED: Key[] = [{ field: "updatedAt", dir: "desc" }, { field: "id", dir: "asc" }];
export const EXPORT_KEYS: Record<ListDetaineesFilters["sort"], Key[]> = {
  relevance: UPDATED,
  updated: UPDATED,
  caseNumber: [{ field: "caseNumber", dir: "asc" }],
  name: [{ field: "familyNameRoman", dir: "asc", nullable: true }, { field: "givenNameRoman", dir: "asc", nullable: true }, { field: "id", dir: "asc" }],
  status: [{ field: "status", dir: "asc" }, { field: "caseNumber", dir: "asc" }],
};

// PostgreSQL sorts an enum by its declaration order, which is the order of the generated object.
const STATUS_ORDER = Object.values(DetaineeStatus);

export function keysetOrderBy(keys: readonly Key[]): Prisma.DetaineeOrderByWithRelationInput[] {
  return keys.map((k) => ({ [k.field]: k.nullable ? { sort: k.dir, nulls: "last" } : k.dir }));
}

/** Rows strictly after `last` on one key (ascending with NULLs last, or descending non-null); null = none. */
function strictlyAfter(k: Key, value: unknown): Prisma.DetaineeWhereInput | null {
  if (k.field === "status") {
    const later = STATUS_ORDER.slice(STATUS_ORDER.indexOf(value as DetaineeStatus) + 1);
    return later.length ? { status: { in: later } } : null;
  }
  if (value === null) return null; // NULLs sort last: nothing is after a NULL but other NULLs
  const cmp = { [k.field]: k.dir === "asc" ? { gt: value } : { lt: value } };
  return k.nullable ? { OR: [cmp, { [k.field]: null }] } : cmp;
}

/** The where clause for "every row after `last`" in the order `keys`. */
export function keysetAfter(keys: readonly Key[], last: KeysetRow): Prisma.DetaineeWhereInput {
  const [k, ...rest] = keys;
  if (!k) return { id: { in: [] } };
  const value = last[k.field];
  const strict = strictlyAfter(k, value);
  if (rest.length === 0) return strict ?? { id: { in: [] } };
  const tie: Prisma.DetaineeWhereInput = { AND: [{ [k.field]: value }, keysetAfter(rest, last)] };
  return strict ? { OR: [strict, tie] } : tie;
}
