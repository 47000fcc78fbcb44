import "server-only";
// Detainee reads. Every query ANDs detaineeWhere(viewer) and selects only what the screen
// shows; restricted fields are decrypted only for roles allowed to see them, and each such
// view is audited (S10, S19).
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { decryptOptional } from "@/lib/crypto/field";
import { fromColumns } from "@/lib/dates/partial-date";
import { searchNeedle } from "../names/search-text";
import { detaineeWhere } from "./scope";
import type { ListDetaineesFilters } from "./schemas";

export const PAGE_SIZE = 25;

const ORDER: Record<ListDetaineesFilters["sort"], Prisma.DetaineeOrderByWithRelationInput[]> = {
  caseNumber: [{ caseNumber: "asc" }],
  name: [{ familyNameRoman: { sort: "asc", nulls: "last" } }, { givenNameRoman: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  status: [{ status: "asc" }, { caseNumber: "asc" }],
  updated: [{ updatedAt: "desc" }, { id: "asc" }],
};

export async function listDetainees(viewer: Viewer, filters: ListDetaineesFilters) {
  const needle = filters.q ? searchNeedle(filters.q) : "";
  const where: Prisma.DetaineeWhereInput = {
    AND: [
      detaineeWhere(viewer),
      filters.status ? { status: filters.status } : {},
      needle ? { searchText: { contains: needle } } : {},
    ],
  };
  const db = prisma();
  const [total, rows] = await Promise.all([
    db.detainee.count({ where }),
    db.detainee.findMany({
      where,
      orderBy: ORDER[filters.sort],
      skip: (filters.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true, caseNumber: true, familyNameRoman: true, givenNameRoman: true, nameHangul: true, status: true,
        updatedAt: true, team: { select: { name: true } },
        custody: { where: { toDate: null }, take: 1, select: { facility: { select: { id: true, nameEn: true, nameLocal: true } } } },
      },
    }),
  ]);
  return {
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    rows: rows.map(({ custody, team, ...r }) => ({ ...r, teamName: team.name, currentFacility: custody[0]?.facility ?? null })),
  };
}

export type DetaineeListRow = Awaited<ReturnType<typeof listDetainees>>["rows"][number];

/** One case, or null when it does not exist for this viewer (→ 404). */
export async function getDetainee(viewer: Viewer, detaineeId: string) {
  const db = prisma();
  const d = await db.detainee.findFirst({
    where: { AND: [{ id: detaineeId }, detaineeWhere(viewer)] },
    select: {
      id: true, caseNumber: true, familyNameRoman: true, givenNameRoman: true, nameHangul: true, nameChinese: true,
      aliases: true, sex: true, birthDate: true, birthDatePrecision: true, estimatedAge: true, homeProvince: true,
      status: true, statusChangedAt: true, arrestDate: true, arrestDatePrecision: true, arrestPlace: true, arrestAuthority: true,
      narrative: true, healthConcerns: true, hasSouthKoreaLinks: true, familyContactsEnc: true, version: true, updatedAt: true,
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
    familyContacts: mayReadRestricted ? { visible: true as const, value: decryptOptional(familyContactsEnc) } : { visible: false as const },
  };
}
export type DetaineeDetail = NonNullable<Awaited<ReturnType<typeof getDetainee>>>;

/** The case timeline, newest first; empty when the case is outside the viewer's scope. */
export async function listActivities(viewer: Viewer, detaineeId: string, take = 50) {
  return prisma().activity.findMany({
    where: { detaineeId, detainee: detaineeWhere(viewer) },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, body: true, isConfidential: true, meta: true, occurredAt: true, actor: { select: { displayName: true } } },
  });
}

/** Teams a viewer may open a case in. */
export async function listWritableTeams(viewer: Viewer) {
  return prisma().team.findMany({
    where: viewer.role === "ADMIN" ? { archivedAt: null } : { id: { in: viewer.teamIds }, archivedAt: null },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
