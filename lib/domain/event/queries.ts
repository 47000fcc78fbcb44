import { escapeLike } from "@/lib/security/input";
import "server-only";
import { cache } from "react";
// Repatriation event reads. Events are shared knowledge; the detainees linked to them are case
// data, so every count and list of linked people ANDs detaineeWhere(viewer) (S9).
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { fromColumns } from "@/lib/dates/partial-date";
import { detaineeWhere } from "../detainee/scope";
import { ALL_STATUSES, canTransition } from "../detainee/status";
import { searchNeedle } from "../names/search-text";
import type { ListEventsFilters } from "./schemas";

export const EVENT_PAGE_SIZE = 25;
/** Statuses from which the workflow allows REPATRIATED (read from the transition table, not repeated). */
export const LINKABLE_STATUSES = ALL_STATUSES.filter((s) => canTransition(s, "REPATRIATED"));
const CANDIDATE_LIMIT = 100;

const facilitySelect = { select: { id: true, nameEn: true, nameLocal: true } } as const;

export async function listEvents(viewer: Viewer, filters: ListEventsFilters) {
  if (!can(viewer, "event.read")) return { total: 0, page: 1, pageCount: 1, rows: [] };
  const where: Prisma.RepatriationEventWhereInput = {
    archivedAt: null,
    ...(filters.verification ? { verification: filters.verification } : {}),
    ...(filters.facilityId ? { facilityId: filters.facilityId } : {}),
    // Partial dates are stored as the first day of their period, so a year range catches all precisions.
    ...(filters.year ? { date: { gte: new Date(Date.UTC(filters.year, 0, 1)), lt: new Date(Date.UTC(filters.year + 1, 0, 1)) } } : {}),
  };
  const db = prisma();
  const [total, rows] = await Promise.all([
    db.repatriationEvent.count({ where }),
    db.repatriationEvent.findMany({
      where,
      orderBy: [{ date: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * EVENT_PAGE_SIZE,
      take: EVENT_PAGE_SIZE,
      select: {
        id: true, date: true, datePrecision: true, fromRegion: true, province: true, handoverPoint: true,
        reportedMin: true, reportedMax: true, verification: true, facility: facilitySelect,
      },
    }),
  ]);
  // Linked detainees per event, within the viewer's scope, in one grouped query (no N+1).
  const groups = rows.length
    ? await db.repatriationEventDetainee.groupBy({
        by: ["eventId"],
        where: { eventId: { in: rows.map((r) => r.id) }, detainee: detaineeWhere(viewer) },
        _count: { _all: true },
      })
    : [];
  const linked = new Map(groups.map((g) => [g.eventId, g._count._all]));
  return {
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / EVENT_PAGE_SIZE)),
    rows: rows.map(({ date, datePrecision, ...r }) => ({ ...r, date: fromColumns(date, datePrecision)!, linkedCount: linked.get(r.id) ?? 0 })),
  };
}
export type EventListRow = Awaited<ReturnType<typeof listEvents>>["rows"][number];

/** Years with events, for the filter menu (facilities are picked by typing: there are thousands). */
export async function eventFilterOptions() {
  const years = await prisma().$queryRaw<{ year: number }[]>`SELECT DISTINCT EXTRACT(YEAR FROM "date")::int AS year FROM "RepatriationEvent" WHERE "archivedAt" IS NULL ORDER BY year DESC`;
  return { years: years.map((y) => Number(y.year)) };
}

/** One event with the viewer's linked cases, or null (→ 404). */
// Memoised per request (React cache): the page and its generateMetadata both load the record,
// which must mean one query and, for restricted data, one audited view — not two.
export const getEvent = cache(async (viewer: Viewer, eventId: string) => {
  if (!can(viewer, "event.read")) return null;
  const e = await prisma().repatriationEvent.findFirst({
    where: { id: eventId, archivedAt: null },
    select: {
      id: true, refCode: true, date: true, datePrecision: true, fromRegion: true, province: true, handoverPoint: true,
      reportedMin: true, reportedMax: true, verification: true, description: true, sources: true, version: true,
      updatedAt: true, facility: { select: { id: true, nameEn: true, nameLocal: true, province: true } },
      detainees: {
        where: { detainee: detaineeWhere(viewer) },
        orderBy: { createdAt: "asc" },
        select: { detainee: { select: { id: true, caseNumber: true, nameHangul: true, familyNameRoman: true, givenNameRoman: true, status: true } } },
      },
    },
  });
  if (!e) return null;
  const { date, datePrecision, detainees, ...rest } = e;
  return { ...rest, date: fromColumns(date, datePrecision)!, linked: detainees.map((d) => d.detainee) };
});
export type EventDetail = NonNullable<Awaited<ReturnType<typeof getEvent>>>;

/**
 * The viewer's cases that may be linked to an event (their status allows REPATRIATED), those held
 * at the event's facility first. Optional name/case-number search narrows the rest.
 */
export async function listLinkCandidates(viewer: Viewer, event: { id: string; facilityId: string | null }, q?: string) {
  const needle = q ? searchNeedle(q) : "";
  const base: Prisma.DetaineeWhereInput[] = [
    detaineeWhere(viewer),
    { status: { in: LINKABLE_STATUSES } },
    { repatriations: { none: { eventId: event.id } } },
    needle ? { searchText: { contains: escapeLike(needle) } } : {},
  ];
  const atFacility: Prisma.DetaineeWhereInput = { custody: { some: { toDate: null, facilityId: event.facilityId ?? undefined } } };
  const select = {
    id: true, caseNumber: true, nameHangul: true, familyNameRoman: true, givenNameRoman: true, status: true,
    custody: { where: { toDate: null }, take: 1, select: { facility: { select: { id: true, nameEn: true } } } },
  } satisfies Prisma.DetaineeSelect;
  const db = prisma();
  const [here, others] = await Promise.all([
    event.facilityId ? db.detainee.findMany({ where: { AND: [...base, atFacility] }, orderBy: { caseNumber: "asc" }, take: CANDIDATE_LIMIT, select }) : [],
    db.detainee.findMany({ where: { AND: [...base, event.facilityId ? { NOT: atFacility } : {}] }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: CANDIDATE_LIMIT, select }),
  ]);
  const shape = ({ custody, ...d }: (typeof others)[number]) => ({ ...d, currentFacility: custody[0]?.facility ?? null });
  return { atFacility: here.map(shape), others: others.map(shape), limit: CANDIDATE_LIMIT };
}
export type LinkCandidate = Awaited<ReturnType<typeof listLinkCandidates>>["others"][number];
