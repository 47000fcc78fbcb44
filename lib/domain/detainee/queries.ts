import "server-only";
import { cache } from "react";
// Detainee reads. Every query ANDs detaineeWhere(viewer) and selects only what the screen
// shows; restricted fields are decrypted only for roles allowed to see them, and each such
// view is audited (S10, S19).
import { prisma } from "@/lib/db/client";
import { escapeLike } from "@/lib/security/input";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { decryptOptional } from "@/lib/crypto/field";
import { fromColumns } from "@/lib/dates/partial-date";
import { searchNeedle } from "../names/search-text";
import { matchRank } from "../names/rank";
import { editableSnapshot } from "./snapshot";
import { detaineeWhere } from "./scope";
import type { ListDetaineesFilters } from "./schemas";

export const PAGE_SIZE = 25;
/** Lists count up to this many and say "more than" beyond it. */
export const COUNT_CAP = 10_000;

const ORDER: Record<ListDetaineesFilters["sort"], Prisma.DetaineeOrderByWithRelationInput[]> = {
  relevance: [{ updatedAt: "desc" }, { id: "asc" }], // then re-ranked by matchRank
  caseNumber: [{ caseNumber: "asc" }],
  name: [{ familyNameRoman: { sort: "asc", nulls: "last" } }, { givenNameRoman: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  status: [{ status: "asc" }, { caseNumber: "asc" }],
  updated: [{ updatedAt: "desc" }, { id: "asc" }],
};

// Relevance ranking reads this many matches at most; a search that broad is refined, not paged.
const RANK_WINDOW = 2000;

/** The list filters as a Prisma where clause, always inside the viewer's scope. */
export function detaineeListWhere(viewer: Viewer, filters: ListDetaineesFilters): Prisma.DetaineeWhereInput {
  const needle = filters.q ? searchNeedle(filters.q) : "";
  return {
    AND: [
      detaineeWhere(viewer),
      filters.status ? { status: filters.status } : {},
      filters.teamId ? { teamId: filters.teamId } : {},
      filters.facilityId ? { custody: { some: { facilityId: filters.facilityId, toDate: null } } } : {},
      filters.mine ? { assignments: { some: { userId: viewer.id } } } : {},
      needle ? { searchText: { contains: escapeLike(needle) } } : {},
    ],
  };
}

export async function listDetainees(viewer: Viewer, filters: ListDetaineesFilters) {
  const needle = filters.q ? searchNeedle(filters.q) : "";
  const where = detaineeListWhere(viewer, filters);
  const db = prisma();
  let pageWhere = where;
  let skip = (filters.page - 1) * PAGE_SIZE;
  let rankedIds: string[] | null = null;
  // Counts by team and status are index-only (Detainee_team_status_live_idx) and exact; a name
  // search stops counting at the cap ("more than 10,000"): a short needle can match most cases.
  // Started first: it runs beside the relevance ranking's candidate read.
  const counted = needle ? db.detainee.count({ where, take: COUNT_CAP + 1 }) : db.detainee.count({ where });
  counted.catch(() => undefined); // awaited below; if the ranking read fails first, not an unhandled rejection
  if (needle && filters.sort === "relevance") {
    const candidates = await db.detainee.findMany({ where, orderBy: ORDER.relevance, take: RANK_WINDOW, select: { id: true, searchText: true } });
    rankedIds = candidates
      .map((c, i) => ({ id: c.id, rank: matchRank(c.searchText, needle), i }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .slice(skip, skip + PAGE_SIZE)
      .map((c) => c.id);
    pageWhere = { id: { in: rankedIds } };
    skip = 0;
  }
  const [total, rows] = await Promise.all([
    counted,
    db.detainee.findMany({
      where: pageWhere,
      orderBy: ORDER[filters.sort],
      skip,
      take: PAGE_SIZE,
      select: {
        id: true, caseNumber: true, familyNameRoman: true, givenNameRoman: true, nameHangul: true, status: true,
        updatedAt: true, team: { select: { name: true } },
        custody: { where: { toDate: null }, take: 1, select: { facility: { select: { id: true, nameEn: true, nameLocal: true } } } },
      },
    }),
  ]);
  if (rankedIds) rows.sort((a, b) => rankedIds.indexOf(a.id) - rankedIds.indexOf(b.id));
  return {
    total: needle ? Math.min(total, COUNT_CAP) : total,
    /** True when there are more than `total` (a search's count stopped at COUNT_CAP). */
    more: !!needle && total > COUNT_CAP,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(Math.min(total, rankedIds ? RANK_WINDOW : needle ? COUNT_CAP : total) / PAGE_SIZE)),
    rows: rows.map(({ custody, team, ...r }) => ({ ...r, teamName: team.name, currentFacility: custody[0]?.facility ?? null })),
  };
}

export type DetaineeListRow = Awaited<ReturnType<typeof listDetainees>>["rows"][number];

/** One case, or null when it does not exist for this viewer (→ 404). */
// Memoised per request (React cache): the page and its generateMetadata both load the record,
// which must mean one query and, for restricted data, one audited view — not two.
export const getDetainee = cache(async (viewer: Viewer, detaineeId: string) => {
  const db = prisma();
  const d = await db.detainee.findFirst({
    where: { AND: [{ id: detaineeId }, detaineeWhere(viewer)] },
    select: {
      id: true, caseNumber: true, familyNameRoman: true, givenNameRoman: true, nameHangul: true, nameChinese: true,
      aliases: true, sex: true, birthDate: true, birthDatePrecision: true, estimatedAge: true, homeProvince: true,
      status: true, statusChangedAt: true, arrestDate: true, arrestDatePrecision: true, arrestPlace: true, arrestAuthority: true,
      narrative: true, healthConcerns: true, hasSouthKoreaLinks: true, familyContactsEnc: true, version: true, updatedAt: true,
      riskScore: true, riskExplanation: true,
      team: { select: { id: true, name: true } },
      assignments: { select: { user: { select: { id: true, displayName: true } } } },
      custody: {
        orderBy: { fromDate: "desc" },
        select: {
          id: true, fromDate: true, fromPrecision: true, toDate: true, toPrecision: true, howKnown: true, confidence: true,
          facility: { select: { id: true, nameEn: true, nameLocal: true, country: true } },
        },
      },
    },
  });
  if (!d) return null;
  const mayReadRestricted = can(viewer, "detainee.restricted.read");
  const { familyContactsEnc, birthDate, birthDatePrecision, arrestDate, arrestDatePrecision, custody, assignments, ...rest } = d;
  if (mayReadRestricted && familyContactsEnc) {
    await db.$transaction((tx) => recordAudit(tx, viewer, { action: "detainee.restricted.view", entityType: "Detainee", entityId: d.id, meta: { fields: ["familyContacts"] } }));
  }
  return {
    ...rest,
    birthDate: fromColumns(birthDate, birthDatePrecision),
    arrestDate: fromColumns(arrestDate, arrestDatePrecision),
    assignedLawyers: assignments.map((a) => a.user),
    custody: custody.map((c) => ({ ...c, from: fromColumns(c.fromDate, c.fromPrecision)!, to: fromColumns(c.toDate, c.toPrecision) })),
    currentFacility: custody.find((c) => c.toDate === null)?.facility ?? null,
    // Restricted: present only for roles allowed to read it; others get the fact that it is withheld.
    familyContacts: mayReadRestricted ? { visible: true as const, value: decryptOptional(familyContactsEnc, { table: "Detainee", id: d.id, field: "familyContactsEnc" }) } : { visible: false as const },
  };
});
export type DetaineeDetail = NonNullable<Awaited<ReturnType<typeof getDetainee>>>;

/**
 * The case timeline, newest first; empty when the case is outside the viewer's scope. A
 * confidential note's body is decrypted only for roles with detainee.restricted.read (and that
 * view is audited); everyone else gets `content: { visible: false }` — the text never leaves
 * the server (S10, S19).
 */
export async function listActivities(viewer: Viewer, detaineeId: string, take = 50) {
  const db = prisma();
  const rows = await db.activity.findMany({
    where: { detaineeId, detainee: detaineeWhere(viewer) },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, body: true, bodyEnc: true, isConfidential: true, meta: true, occurredAt: true, actor: { select: { displayName: true } } },
  });
  const mayReadRestricted = can(viewer, "detainee.restricted.read");
  if (mayReadRestricted && rows.some((a) => a.isConfidential && a.bodyEnc)) {
    await db.$transaction((tx) => recordAudit(tx, viewer, { action: "note.restricted.view", entityType: "Detainee", entityId: detaineeId, meta: { fields: ["body"] } }));
  }
  return rows.map(({ body, bodyEnc, ...a }) => ({
    ...a,
    content: !a.isConfidential
      ? { visible: true as const, body }
      : mayReadRestricted
        ? { visible: true as const, body: decryptOptional(bodyEnc, { table: "Activity", id: a.id, field: "bodyEnc" }) }
        : { visible: false as const },
  }));
}
export type ActivityRow = Awaited<ReturnType<typeof listActivities>>[number];

/** Teams a viewer may open a case in. */
export async function listWritableTeams(viewer: Viewer) {
  return prisma().team.findMany({
    where: viewer.role === "ADMIN" ? { archivedAt: null } : { id: { in: viewer.teamIds }, archivedAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** How many facilities the list's filter offers at most: it is searched, not scrolled. */
export const FACILITY_OPTIONS_LIMIT = 20;

/**
 * Facilities currently holding at least one of the viewer's cases whose name (English or local)
 * contains `q`, for the list's filter; at most FACILITY_OPTIONS_LIMIT, by name.
 */
export async function searchCurrentFacilitiesInScope(viewer: Viewer, q: string) {
  const needle = q.trim().slice(0, 100);
  const like = needle ? { contains: escapeLike(needle), mode: "insensitive" as const } : undefined;
  return prisma().detentionFacility.findMany({
    where: {
      archivedAt: null,
      ...(like ? { OR: [{ nameEn: like }, { nameLocal: like }] } : {}),
      custody: { some: { toDate: null, detainee: detaineeWhere(viewer) } },
    },
    select: { id: true, nameEn: true, nameLocal: true },
    orderBy: { nameEn: "asc" },
    take: FACILITY_OPTIONS_LIMIT,
  });
}


/** What the edit form needs: the snapshot of editable facts, the version, and contacts if allowed. */
export async function getDetaineeForEdit(viewer: Viewer, detaineeId: string) {
  const d = await prisma().detainee.findFirst({ where: { AND: [{ id: detaineeId }, detaineeWhere(viewer)] } });
  if (!d) return null;
  const mayReadRestricted = can(viewer, "detainee.restricted.read");
  if (mayReadRestricted && d.familyContactsEnc) {
    await prisma().$transaction((tx) => recordAudit(tx, viewer, { action: "detainee.restricted.view", entityType: "Detainee", entityId: d.id, meta: { fields: ["familyContacts"], purpose: "edit" } }));
  }
  const [assigned, lawyers] = await Promise.all([
    prisma().detaineeAssignment.findMany({ where: { detaineeId: d.id }, select: { userId: true } }),
    prisma().user.findMany({
      where: { disabledAt: null, role: { in: ["LAWYER", "ADMIN"] }, memberships: { some: { teamId: d.teamId } } },
      select: { id: true, displayName: true },
      orderBy: { displayName: "asc" },
    }),
  ]);
  return {
    id: d.id, caseNumber: d.caseNumber, version: d.version, status: d.status,
    assignedUserIds: assigned.map((a) => a.userId), lawyers,
    snapshot: editableSnapshot(d),
    familyContacts: mayReadRestricted ? { show: true, value: decryptOptional(d.familyContactsEnc, { table: "Detainee", id: d.id, field: "familyContactsEnc" }) ?? "" } : { show: false },
  };
}
