import "server-only";
import { escapeLike } from "@/lib/security/input";
import { cache } from "react";
// Facility reads. The facility itself is shared knowledge (every signed-in role may read it), but
// who is held there is case data: every count and list of detainees is scoped by custodyScopeWhere(viewer) (the team rule of detaineeWhere, on each period's trigger-kept scopeTeamId),
// so a facility page never reveals another team's clients, not even as a number (S9).
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { fromColumns } from "@/lib/dates/partial-date";
import { custodyScopeWhere } from "../detainee/scope";
import type { ListFacilitiesFilters } from "./schemas";

export const FACILITY_PAGE_SIZE = 25;
/** Cap on the detainee lists of one facility page (the full lists live in the case list). */
/** People listed on the facility page per group; the case list (filtered by facility) has them all. */
export const FACILITY_DETAINEE_LIMIT = 25;
/** The facility page's counts of our clients stop here ("more than 1,000"). */
export const FACILITY_COUNT_CAP = 1000;

const ORDER: Record<ListFacilitiesFilters["sort"], Prisma.DetentionFacilityOrderByWithRelationInput[]> = {
  name: [{ nameEn: "asc" }, { id: "asc" }],
  location: [{ country: "asc" }, { province: { sort: "asc", nulls: "last" } }, { city: { sort: "asc", nulls: "last" } }, { nameEn: "asc" }, { id: "asc" }],
  type: [{ type: "asc" }, { nameEn: "asc" }, { id: "asc" }],
  events: [{ events: { _count: "desc" } }, { nameEn: "asc" }, { id: "asc" }],
};

/** Open custody periods at these facilities, counted within the viewer's scope only: one query. */
async function heldCounts(viewer: Viewer, facilityIds: string[]): Promise<Map<string, number>> {
  if (facilityIds.length === 0) return new Map();
  const groups = await prisma().custodyPeriod.groupBy({
    by: ["facilityId"],
    where: { facilityId: { in: facilityIds }, toDate: null, ...custodyScopeWhere(viewer) },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.facilityId, g._count._all]));
}

export async function listFacilities(viewer: Viewer, filters: ListFacilitiesFilters) {
  if (!can(viewer, "facility.read")) return { total: 0, page: 1, pageCount: 1, rows: [] };
  const where: Prisma.DetentionFacilityWhereInput = {
    AND: [
      { archivedAt: null },
      filters.country ? { country: filters.country } : {},
      filters.province ? { province: filters.province } : {},
      filters.type ? { type: filters.type } : {},
      filters.q ? { OR: [{ nameEn: { contains: escapeLike(filters.q), mode: "insensitive" } }, { nameLocal: { contains: escapeLike(filters.q) } }, { city: { contains: escapeLike(filters.q), mode: "insensitive" } }] } : {},
      filters.holding ? { custody: { some: { toDate: null, ...custodyScopeWhere(viewer) } } } : {},
    ],
  };
  const db = prisma();
  const [total, rows] = await Promise.all([
    db.detentionFacility.count({ where }),
    db.detentionFacility.findMany({
      where,
      orderBy: ORDER[filters.sort],
      skip: (filters.page - 1) * FACILITY_PAGE_SIZE,
      take: FACILITY_PAGE_SIZE,
      select: {
        id: true, nameEn: true, nameLocal: true, type: true, country: true, province: true, city: true,
        _count: { select: { events: { where: { archivedAt: null } } } },
      },
    }),
  ]);
  const held = await heldCounts(viewer, rows.map((r) => r.id));
  return {
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / FACILITY_PAGE_SIZE)),
    rows: rows.map(({ _count, ...r }) => ({ ...r, eventCount: _count.events, heldCount: held.get(r.id) ?? 0 })),
  };
}
export type FacilityListRow = Awaited<ReturnType<typeof listFacilities>>["rows"][number];

/** Countries, provinces and types that occur in the registry, for the filter menus. */
export async function facilityFilterOptions() {
  const db = prisma();
  const [places, types] = await Promise.all([
    db.detentionFacility.groupBy({ by: ["country", "province"], where: { archivedAt: null }, orderBy: [{ country: "asc" }, { province: "asc" }] }),
    db.detentionFacility.groupBy({ by: ["type"], where: { archivedAt: null }, orderBy: { type: "asc" } }),
  ]);
  return {
    countries: [...new Set(places.map((p) => p.country))],
    provinces: places.filter((p): p is { country: string; province: string } => p.province !== null),
    types: types.map((t) => t.type),
  };
}

/** One facility (shared knowledge), or null when it does not exist, is archived or the role may not read the registry (→ 404). */
// Memoised per request (React cache): the page and its generateMetadata both load the record,
// which must mean one query and, for restricted data, one audited view — not two.
export const getFacility = cache(async (viewer: Viewer, facilityId: string) => {
  if (!can(viewer, "facility.read")) return null;
  return prisma().detentionFacility.findFirst({
    where: { id: facilityId, archivedAt: null },
    select: {
      id: true, refCode: true, nameEn: true, nameLocal: true, type: true, country: true, province: true, city: true,
      latitude: true, longitude: true, notes: true, sources: true, confidence: true, version: true, updatedAt: true,
    },
  });
});
export type FacilityDetail = NonNullable<Awaited<ReturnType<typeof getFacility>>>;

/** Who is (open periods) and was (closed periods) held at a facility — the viewer's cases only. */
export async function listFacilityDetainees(viewer: Viewer, facilityId: string) {
  const db = prisma();
  const select = {
    id: true, fromDate: true, fromPrecision: true, toDate: true, toPrecision: true,
    detainee: { select: { id: true, caseNumber: true, nameHangul: true, familyNameRoman: true, givenNameRoman: true, status: true } },
  } satisfies Prisma.CustodyPeriodSelect;
  const all = viewer.role === "ADMIN";
  // Scoped by the period's own scopeTeamId (custodyScopeWhere): one index, no join to the case.
  const scoped = (open: boolean): Prisma.CustodyPeriodWhereInput => ({ facilityId, toDate: open ? null : { not: null }, ...custodyScopeWhere(viewer) });
  const [current, past, [totals]] = await Promise.all([
    // relationLoadStrategy "query": the 25 periods are chosen first on narrow rows, then their
    // cases read by id. As one statement (a LATERAL join) PostgreSQL built the case's JSON for
    // every open period at the facility before sorting — 2,896 at the largest, ~60 ms.
    db.custodyPeriod.findMany({ where: scoped(true), orderBy: [{ fromDate: "desc" }, { id: "asc" }], take: FACILITY_DETAINEE_LIMIT, select, relationLoadStrategy: "query" }),
    db.custodyPeriod.findMany({ where: scoped(false), orderBy: [{ toDate: "desc" }, { id: "asc" }], take: FACILITY_DETAINEE_LIMIT, select, relationLoadStrategy: "query" }),
    // Both counts in one statement, each stopping at the cap: a border station may have held
    // tens of thousands, and counting them all costs more than the page.
    db.$queryRaw<{ current: number; past: number }[]>`
      SELECT
        (SELECT count(*)::int FROM (SELECT 1 FROM "CustodyPeriod" c
           WHERE c."facilityId" = ${facilityId} AND c."toDate" IS NULL AND c."scopeTeamId" IS NOT NULL AND (${all} OR c."scopeTeamId" = ANY(${viewer.teamIds}::text[]))
           LIMIT ${FACILITY_COUNT_CAP + 1}) x) AS current,
        (SELECT count(*)::int FROM (SELECT 1 FROM "CustodyPeriod" c
           WHERE c."facilityId" = ${facilityId} AND c."toDate" IS NOT NULL AND c."scopeTeamId" IS NOT NULL AND (${all} OR c."scopeTeamId" = ANY(${viewer.teamIds}::text[]))
           LIMIT ${FACILITY_COUNT_CAP + 1}) y) AS past`,
  ]);
  const currentTotal = totals?.current ?? 0;
  const pastTotal = totals?.past ?? 0;
  const shape = (p: (typeof current)[number]) => ({
    periodId: p.id, ...p.detainee, from: fromColumns(p.fromDate, p.fromPrecision)!, to: fromColumns(p.toDate, p.toPrecision),
  });
  return {
    current: current.map(shape), currentTotal: Math.min(currentTotal, FACILITY_COUNT_CAP), currentMore: currentTotal > FACILITY_COUNT_CAP,
    past: past.map(shape), pastTotal: Math.min(pastTotal, FACILITY_COUNT_CAP), pastMore: pastTotal > FACILITY_COUNT_CAP,
  };
}

/** Active facilities whose English or local name contains `q` (the registry: any signed-in role), at most `limit`, by name. */
export async function searchFacilities(q: string, limit = 20) {
  const needle = q.trim().slice(0, 100);
  const like = needle ? { contains: escapeLike(needle), mode: "insensitive" as const } : undefined;
  return prisma().detentionFacility.findMany({
    where: { archivedAt: null, ...(like ? { OR: [{ nameEn: like }, { nameLocal: like }] } : {}) },
    select: { id: true, nameEn: true, nameLocal: true },
    orderBy: { nameEn: "asc" },
    take: limit,
  });
}

/** A facility a list is filtered by, to show its name in the filter (registry data: any signed-in role). */
export async function facilityOptionById(facilityId: string | undefined) {
  if (!facilityId) return null;
  return prisma().detentionFacility.findUnique({ where: { id: facilityId }, select: { id: true, nameEn: true, nameLocal: true } });
}

/** Facilities for a select menu (event form). */
export async function listFacilityChoices() {
  return prisma().detentionFacility.findMany({
    where: { archivedAt: null },
    orderBy: [{ country: "asc" }, { province: { sort: "asc", nulls: "last" } }, { nameEn: "asc" }],
    select: { id: true, nameEn: true, nameLocal: true, country: true, province: true },
  });
}
