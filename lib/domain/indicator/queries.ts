import "server-only";
// Indicator reads. Facility indicators are shared knowledge (like the facility); a detainee's
// indicators are case data and AND detaineeWhere(viewer), so another team's case yields nothing.
import { prisma } from "@/lib/db/client";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { fromColumns } from "@/lib/dates/partial-date";
import { detaineeWhere } from "../detainee/scope";

export const INDICATOR_LIMIT = 100;

const select = { id: true, type: true, observedOn: true, datePrecision: true, confidence: true, description: true } as const;
type Row = { id: string; observedOn: Date; datePrecision: "DAY" | "MONTH" | "YEAR" } & Record<string, unknown>;
const shape = <T extends Row>({ observedOn, datePrecision, ...r }: T) => ({ ...r, observedOn: fromColumns(observedOn, datePrecision)! });

export async function listFacilityIndicators(viewer: Viewer, facilityId: string) {
  if (!can(viewer, "facility.read")) return [];
  const rows = await prisma().indicator.findMany({
    where: { facilityId, archivedAt: null, facility: { archivedAt: null } },
    orderBy: [{ observedOn: "desc" }, { createdAt: "desc" }],
    take: INDICATOR_LIMIT,
    select,
  });
  return rows.map(shape);
}

/** The case's indicators; empty when the case is outside the viewer's scope. */
export async function listDetaineeIndicators(viewer: Viewer, detaineeId: string) {
  const rows = await prisma().indicator.findMany({
    where: { detaineeId, archivedAt: null, detainee: detaineeWhere(viewer) },
    orderBy: [{ observedOn: "desc" }, { createdAt: "desc" }],
    take: INDICATOR_LIMIT,
    select,
  });
  return rows.map(shape);
}
export type IndicatorRow = Awaited<ReturnType<typeof listDetaineeIndicators>>[number];
