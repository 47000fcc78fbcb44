// The dashboard's reads. Counts and lists of people are scoped to the viewer's teams
// (detaineeWhere); facilities and events are the shared registry.
import "server-only";
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { DetaineeStatus } from "@/lib/generated/prisma/enums";
import { fromColumns, type PartialDate } from "@/lib/dates/partial-date";
import { detaineeWhere } from "../detainee/scope";
import { LEVEL_FLOORS } from "../risk/weights";
import { versionedCache } from "@/lib/cache/versioned";

export async function statusCounts(viewer: Viewer): Promise<{ status: DetaineeStatus; count: number }[]> {
  const rows = await prisma().detainee.groupBy({ by: ["status"], where: { AND: [detaineeWhere(viewer), { archivedAt: null }] }, _count: { _all: true } });
  return rows.map((r) => ({ status: r.status, count: r._count._all }));
}

export type AtRiskRow = {
  id: string; caseNumber: string; nameHangul: string | null; nameRoman: string | null; status: DetaineeStatus;
  riskScore: number; riskLevel: string; facility: { id: string; nameEn: string; nameLocal: string | null } | null;
};

/** People in the viewer's scope at HIGH or IMMINENT risk, highest first. */
export async function atRiskDetainees(viewer: Viewer, limit = 15): Promise<{ rows: AtRiskRow[]; total: number }> {
  // Score ≥ HIGH's floor is exactly HIGH or IMMINENT (the level is a function of the score), and
  // unlike a list of levels it walks the (teamId, riskScore DESC) index in order.
  const where = { AND: [detaineeWhere(viewer), { archivedAt: null, riskScore: { gte: LEVEL_FLOORS.HIGH } }] };
  const [rows, total] = await Promise.all([
    prisma().detainee.findMany({
      where, orderBy: [{ riskScore: "desc" }, { caseNumber: "asc" }], take: limit,
      select: {
        id: true, caseNumber: true, nameHangul: true, familyNameRoman: true, givenNameRoman: true, status: true, riskScore: true, riskLevel: true,
        custody: { where: { toDate: null }, take: 1, select: { facility: { select: { id: true, nameEn: true, nameLocal: true } } } },
      },
    }),
    prisma().detainee.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((d) => ({
      id: d.id, caseNumber: d.caseNumber, nameHangul: d.nameHangul, status: d.status,
      nameRoman: [d.familyNameRoman, d.givenNameRoman].filter(Boolean).join(" ") || null,
      riskScore: d.riskScore ?? 0, riskLevel: d.riskLevel ?? "LOW", facility: d.custody[0]?.facility ?? null,
    })),
  };
}

export type RankedFacility = {
  id: string; nameEn: string; nameLocal: string | null; province: string | null; country: string;
  riskScore: number | null; riskLevel: string | null; riskComputedAt: Date | null; latitude: number | null; longitude: number | null; heldByUs: number;
};

/**
 * Every active facility by risk, for the map and the ranked list: one raw read (2,000 rows
 * through Prisma's row mapping cost more CPU than the rest of the page), no per-facility counts.
 */
export async function facilitiesByRisk(): Promise<Omit<RankedFacility, "heldByUs">[]> {
  return prisma().$queryRaw<Omit<RankedFacility, "heldByUs">[]>`
    SELECT id, "nameEn", "nameLocal", province, country, "riskScore", "riskLevel", "riskComputedAt", latitude, longitude
    FROM "DetentionFacility" WHERE "archivedAt" IS NULL
    ORDER BY "riskScore" DESC NULLS LAST, "nameEn" ASC`;
}

/**
 * A key that changes whenever anything the registry's readers show changes: a facility added or
 * deleted (count), edited or archived (every edit raises its version and updatedAt), or rescored
 * (the rescore sets riskComputedAt). One row from a scan of the registry (2,000 rows: well under
 * a millisecond), against reading and mapping every facility.
 */
export async function facilityRegistryVersion(): Promise<string> {
  const [row] = await prisma().$queryRaw<{ n: number; v: bigint | number | null; u: Date | null; r: Date | null }[]>`
    SELECT count(*)::int AS n, sum(version)::bigint AS v, max("updatedAt") AS u, max("riskComputedAt") AS r FROM "DetentionFacility"`;
  return [row?.n ?? 0, String(row?.v ?? 0), row?.u?.getTime() ?? 0, row?.r?.getTime() ?? 0].join(":");
}

export type FacilityRegistry = { readonly facilities: readonly Readonly<Omit<RankedFacility, "heldByUs">>[]; readonly scoredAt: Date | null };
const registryCache = versionedCache<FacilityRegistry>(1);

/** `facilitiesByRisk()` and when they were last scored, read again only when the registry's version changed. */
export function facilityRegistry(version: string): Promise<FacilityRegistry> {
  return registryCache.get("all", version, async () => {
    const facilities = await facilitiesByRisk();
    const scoredAt = facilities.reduce<Date | null>((m, f) => (f.riskComputedAt && (!m || f.riskComputedAt > m) ? f.riskComputedAt : m), null);
    // Shared by every request until the registry changes: frozen, so sorting or editing it in
    // place throws instead of changing what other users see.
    for (const f of facilities) Object.freeze(f);
    return Object.freeze({ facilities: Object.freeze(facilities) as FacilityRegistry["facilities"], scoredAt });
  });
}

/** The highest-risk facilities with how many of the viewer's clients each holds now: one statement on the periods' own scopeTeamId (no join to the cases). */
export async function topFacilities<F extends { id: string }>(viewer: Viewer, ranked: F[], limit = 10): Promise<(F & { heldByUs: number })[]> {
  const top = ranked.slice(0, limit);
  if (top.length === 0) return [];
  const all = viewer.role === "ADMIN";
  const held = await prisma().$queryRaw<{ facilityId: string; n: number }[]>`
    SELECT c."facilityId", count(*)::int AS n FROM "CustodyPeriod" c
    WHERE c."toDate" IS NULL AND c."facilityId" = ANY(${top.map((f) => f.id)}::text[])
      AND c."scopeTeamId" IS NOT NULL AND (${all} OR c."scopeTeamId" = ANY(${viewer.teamIds}::text[]))
    GROUP BY c."facilityId"`;
  const count = new Map(held.map((h) => [h.facilityId, h.n]));
  return top.map((f) => ({ ...f, heldByUs: count.get(f.id) ?? 0 }));
}

export type RecentEvent = {
  id: string; date: PartialDate; verification: string; reportedMin: number | null; reportedMax: number | null;
  facility: { id: string; nameEn: string } | null; province: string | null;
};

export async function recentEvents(limit = 8): Promise<RecentEvent[]> {
  const rows = await prisma().repatriationEvent.findMany({
    where: { archivedAt: null }, orderBy: [{ date: "desc" }, { createdAt: "desc" }], take: limit,
    select: { id: true, date: true, datePrecision: true, verification: true, reportedMin: true, reportedMax: true, province: true, facility: { select: { id: true, nameEn: true } } },
  });
  return rows.map((e) => ({ id: e.id, date: fromColumns(e.date, e.datePrecision)!, verification: e.verification, reportedMin: e.reportedMin, reportedMax: e.reportedMax, facility: e.facility, province: e.province }));
}
