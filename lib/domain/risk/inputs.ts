// Reads the model's inputs from the database for a set of facilities and detainees. Pure scoring
// stays in ./model; this file only decides WHICH rows count (archived records never do, regional
// events are filtered by province) so the refresh and the explanation pages agree.
import type { Tx } from "@/lib/db/client";
import type { DatePrecision, DetaineeStatus, FacilityType } from "@/lib/generated/prisma/enums";
import { effectiveDate, type FacilityRiskInput, type RiskEventInput, type RiskIndicatorInput } from "./model";
import { MS_PER_DAY } from "./weights";

export type FacilityRow = { id: string; type: FacilityType; country: string; province: string | null };
type EventRow = RiskEventInput & { facilityId: string | null; province: string | null };

const provinceKey = (country: string, province: string | null) => (province ? `${country}|${province.trim().toLowerCase()}` : null);

/** Facilities to rescore when `ids` change: them and every facility in the same province (regional wave). */
export async function expandByProvince(tx: Tx, ids: readonly string[]): Promise<FacilityRow[]> {
  if (ids.length === 0) return [];
  const base = await tx.detentionFacility.findMany({ where: { id: { in: [...ids] }, archivedAt: null }, select: { id: true, type: true, country: true, province: true } });
  const provinces = base.filter((f) => f.province);
  if (provinces.length === 0) return base;
  const neighbours = await tx.detentionFacility.findMany({
    where: { archivedAt: null, OR: provinces.map((f) => ({ country: f.country, province: { equals: f.province!, mode: "insensitive" as const } })) },
    select: { id: true, type: true, country: true, province: true },
  });
  const all = new Map<string, FacilityRow>();
  for (const f of [...base, ...neighbours]) all.set(f.id, f);
  return [...all.values()];
}

export async function allFacilities(tx: Tx): Promise<FacilityRow[]> {
  return tx.detentionFacility.findMany({ where: { archivedAt: null }, select: { id: true, type: true, country: true, province: true } });
}

/**
 * Model inputs for each facility. `asOf` cuts off anything dated after that day, so the same
 * function rebuilds the history for the chart (what was known to have happened by each day).
 */
export async function loadFacilityInputs(tx: Tx, facilities: readonly FacilityRow[]): Promise<Map<string, FacilityRiskInput>> {
  const result = new Map<string, FacilityRiskInput>();
  if (facilities.length === 0) return result;
  const ids = facilities.map((f) => f.id);
  const keys = new Set(facilities.map((f) => provinceKey(f.country, f.province)).filter((k): k is string => !!k));
  const provinceNames = [...new Set(facilities.map((f) => f.province).filter((p): p is string => !!p))];
  const [events, indicators] = await Promise.all([
    tx.repatriationEvent.findMany({
      where: { archivedAt: null, OR: [{ facilityId: { in: ids } }, ...(provinceNames.length ? [{ province: { in: provinceNames, mode: "insensitive" as const } }, { facility: { province: { in: provinceNames, mode: "insensitive" as const } } }] : [])] },
      select: { facilityId: true, province: true, date: true, datePrecision: true, verification: true, reportedMin: true, reportedMax: true, facility: { select: { country: true, province: true } } },
    }),
    tx.indicator.findMany({
      where: { archivedAt: null, detaineeId: null, facilityId: { in: ids } },
      select: { facilityId: true, type: true, observedOn: true, datePrecision: true, confidence: true },
    }),
  ]);
  const byFacility = new Map<string, EventRow[]>();
  const byProvince = new Map<string, (EventRow & { key: string })[]>();
  for (const e of events) {
    const row: EventRow = { date: e.date, precision: e.datePrecision, verification: e.verification, reportedMin: e.reportedMin, reportedMax: e.reportedMax, facilityId: e.facilityId, province: e.province };
    if (e.facilityId) byFacility.set(e.facilityId, [...(byFacility.get(e.facilityId) ?? []), row]);
    // An event's province is its facility's when it has one; otherwise what was recorded (assumed China).
    const key = e.facility ? provinceKey(e.facility.country, e.facility.province) : provinceKey("CN", e.province);
    if (key && keys.has(key)) byProvince.set(key, [...(byProvince.get(key) ?? []), { ...row, key }]);
  }
  const indicatorsBy = new Map<string, RiskIndicatorInput[]>();
  for (const i of indicators) {
    const list = indicatorsBy.get(i.facilityId!) ?? [];
    list.push({ type: i.type, observedOn: i.observedOn, precision: i.datePrecision, confidence: i.confidence });
    indicatorsBy.set(i.facilityId!, list);
  }
  for (const f of facilities) {
    const key = provinceKey(f.country, f.province);
    result.set(f.id, {
      type: f.type,
      country: f.country,
      events: byFacility.get(f.id) ?? [],
      indicators: indicatorsBy.get(f.id) ?? [],
      regionalEvents: key ? (byProvince.get(key) ?? []).filter((e) => e.facilityId !== f.id) : [],
    });
  }
  return result;
}

/** The same inputs with everything dated after `day` removed: what had happened by then. */
export function inputsAsOf(input: FacilityRiskInput, day: Date): FacilityRiskInput {
  const end = day.getTime();
  const known = (d: Date, p: DatePrecision | undefined) => effectiveDate(d, p) <= end;
  return {
    ...input,
    events: input.events.filter((e) => known(e.date, e.precision)),
    regionalEvents: input.regionalEvents.filter((e) => known(e.date, e.precision)),
    indicators: input.indicators.filter((i) => known(i.observedOn, i.precision)),
  };
}

export type DetaineeRow = {
  id: string;
  teamId: string;
  status: DetaineeStatus;
  riskLevel: string | null;
  current: { facilityId: string; fromDate: Date; fromPrecision: DatePrecision } | null;
  previousType: FacilityType | null;
  indicators: RiskIndicatorInput[];
};

/** Detainees (not archived) with their open custody period, the facility before it, and their own indicators. */
export async function loadDetaineeRows(tx: Tx, where: { ids?: readonly string[]; facilityIds?: readonly string[]; all?: boolean }): Promise<DetaineeRow[]> {
  const or = [
    ...(where.ids?.length ? [{ id: { in: [...where.ids] } }] : []),
    ...(where.facilityIds?.length ? [{ custody: { some: { toDate: null, facilityId: { in: [...where.facilityIds] } } } }] : []),
  ];
  if (!where.all && or.length === 0) return [];
  const rows = await tx.detainee.findMany({
    where: { archivedAt: null, ...(where.all ? {} : { OR: or }) },
    select: {
      id: true, teamId: true, status: true, riskLevel: true,
      custody: { orderBy: [{ fromDate: "desc" }, { createdAt: "desc" }], take: 2, select: { facilityId: true, fromDate: true, fromPrecision: true, toDate: true, facility: { select: { type: true } } } },
      indicators: { where: { archivedAt: null }, select: { type: true, observedOn: true, datePrecision: true, confidence: true } },
    },
  });
  return rows.map((d) => {
    const open = d.custody[0] && d.custody[0].toDate === null ? d.custody[0] : null;
    return {
      id: d.id, teamId: d.teamId, status: d.status, riskLevel: d.riskLevel,
      current: open ? { facilityId: open.facilityId, fromDate: open.fromDate, fromPrecision: open.fromPrecision } : null,
      previousType: open && d.custody[1] ? d.custody[1].facility.type : null,
      indicators: d.indicators.map((i) => ({ type: i.type, observedOn: i.observedOn, precision: i.datePrecision, confidence: i.confidence })),
    };
  });
}

/** Whole days in custody, counted from the period's effective start (MONTH → the 15th). */
export function wholeDaysSince(from: Date, precision: DatePrecision, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - effectiveDate(from, precision)) / MS_PER_DAY));
}
