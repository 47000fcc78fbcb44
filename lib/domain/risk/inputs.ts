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
  return tx.$queryRaw<FacilityRow[]>`
    SELECT f.id, f.type::text AS type, f.country, f.province FROM "DetentionFacility" f
    WHERE f."archivedAt" IS NULL AND (f.id = ANY(${[...ids]}::text[]) OR (f.country, lower(f.province)) IN (
      SELECT b.country, lower(b.province) FROM "DetentionFacility" b WHERE b.id = ANY(${[...ids]}::text[]) AND b."archivedAt" IS NULL AND b.province IS NOT NULL))
    ORDER BY f.id`;
}

export async function allFacilities(tx: Tx): Promise<FacilityRow[]> {
  return tx.detentionFacility.findMany({ where: { archivedAt: null }, select: { id: true, type: true, country: true, province: true } });
}

/**
 * Model inputs for each facility. Ids travel as one array parameter (`= ANY($1)`), never as a
 * list of bind parameters, so the statement is the same for 3 facilities or 30,000. `all` reads
 * every active facility's inputs without a list at all (the daily pass).
 */
export async function loadFacilityInputs(tx: Tx, facilities: readonly FacilityRow[], opts: { all?: boolean } = {}): Promise<Map<string, FacilityRiskInput>> {
  const result = new Map<string, FacilityRiskInput>();
  if (facilities.length === 0) return result;
  const ids = facilities.map((f) => f.id);
  const keys = new Set(facilities.map((f) => provinceKey(f.country, f.province)).filter((k): k is string => !!k));
  const provinceNames = [...new Set(facilities.map((f) => f.province?.toLowerCase()).filter((p): p is string => !!p))];
  type RawEvent = { id: string; facilityId: string | null; province: string | null; date: Date; datePrecision: DatePrecision; verification: RiskEventInput["verification"]; reportedMin: number | null; reportedMax: number | null; fCountry: string | null; fProvince: string | null };
  type RawIndicator = { facilityId: string; type: RiskIndicatorInput["type"]; observedOn: Date; datePrecision: DatePrecision; confidence: RiskIndicatorInput["confidence"] };
  const [events, indicators] = await Promise.all([
    opts.all
      ? tx.$queryRaw<RawEvent[]>`
          SELECT e.id, e."facilityId", e.province, e.date, e."datePrecision"::text AS "datePrecision", e.verification::text AS verification, e."reportedMin", e."reportedMax", f.country AS "fCountry", f.province AS "fProvince"
          FROM "RepatriationEvent" e LEFT JOIN "DetentionFacility" f ON f.id = e."facilityId"
          WHERE e."archivedAt" IS NULL`
      // Three index-served reads instead of one OR: the facilities' own events, events recorded
      // only by province, and events at other facilities of those provinces.
      : tx.$queryRaw<RawEvent[]>`
          SELECT e.id, e."facilityId", e.province, e.date, e."datePrecision"::text AS "datePrecision", e.verification::text AS verification, e."reportedMin", e."reportedMax", f.country AS "fCountry", f.province AS "fProvince"
          FROM "RepatriationEvent" e LEFT JOIN "DetentionFacility" f ON f.id = e."facilityId"
          WHERE e."archivedAt" IS NULL AND e."facilityId" = ANY(${ids}::text[])
          UNION
          SELECT e.id, e."facilityId", e.province, e.date, e."datePrecision"::text, e.verification::text, e."reportedMin", e."reportedMax", f.country, f.province
          FROM "RepatriationEvent" e LEFT JOIN "DetentionFacility" f ON f.id = e."facilityId"
          WHERE e."archivedAt" IS NULL AND lower(e.province) = ANY(${provinceNames}::text[])
          UNION
          SELECT e.id, e."facilityId", e.province, e.date, e."datePrecision"::text, e.verification::text, e."reportedMin", e."reportedMax", f.country, f.province
          FROM "DetentionFacility" f JOIN "RepatriationEvent" e ON e."facilityId" = f.id
          WHERE f."archivedAt" IS NULL AND e."archivedAt" IS NULL AND lower(f.province) = ANY(${provinceNames}::text[])`,
    opts.all
      ? tx.$queryRaw<RawIndicator[]>`
          SELECT "facilityId", type::text AS type, "observedOn", "datePrecision"::text AS "datePrecision", confidence::text AS confidence
          FROM "Indicator" WHERE "archivedAt" IS NULL AND "detaineeId" IS NULL AND "facilityId" IS NOT NULL`
      : tx.$queryRaw<RawIndicator[]>`
          SELECT "facilityId", type::text AS type, "observedOn", "datePrecision"::text AS "datePrecision", confidence::text AS confidence
          FROM "Indicator" WHERE "archivedAt" IS NULL AND "detaineeId" IS NULL AND "facilityId" = ANY(${ids}::text[])`,
  ]);
  const byFacility = new Map<string, EventRow[]>();
  const byProvince = new Map<string, EventRow[]>();
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const row: EventRow = { date: new Date(e.date), precision: e.datePrecision, verification: e.verification, reportedMin: e.reportedMin, reportedMax: e.reportedMax, facilityId: e.facilityId, province: e.province };
    if (e.facilityId) push(byFacility, e.facilityId, row);
    // An event's province is its facility's when it has one; otherwise what was recorded (assumed China).
    const key = e.facilityId ? provinceKey(e.fCountry ?? "", e.fProvince) : provinceKey("CN", e.province);
    if (key && keys.has(key)) push(byProvince, key, row);
  }
  const indicatorsBy = new Map<string, RiskIndicatorInput[]>();
  for (const i of indicators) push(indicatorsBy, i.facilityId, { type: i.type, observedOn: new Date(i.observedOn), precision: i.datePrecision, confidence: i.confidence });
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

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/** Rows are read this many people at a time: each statement's arrays stay small whatever the total. */
export const DETAINEE_CHUNK = 2000;

/**
 * Ids of the (not archived) people to rescore, in chunks: everyone (`all`, by keyset on id), or
 * the given people plus everyone held now at the given facilities. Each statement binds one array
 * parameter, so 70,000 people are as safe as 7.
 */
export async function* detaineeIdChunks(tx: Tx, where: { ids?: readonly string[]; facilityIds?: readonly string[]; all?: boolean; after?: string | null }, size = DETAINEE_CHUNK): AsyncGenerator<string[]> {
  if (where.all) {
    let after = where.after ?? "";
    for (;;) {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Detainee" WHERE "archivedAt" IS NULL AND id > ${after} ORDER BY id LIMIT ${size}`;
      if (rows.length === 0) return;
      yield rows.map((r) => r.id);
      after = rows[rows.length - 1]!.id;
      if (rows.length < size) return;
    }
  }
  const ids = new Set(where.ids ?? []);
  if (where.facilityIds?.length) {
    const held = await tx.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT "detaineeId" AS id FROM "CustodyPeriod" WHERE "toDate" IS NULL AND "facilityId" = ANY(${[...where.facilityIds]}::text[])`;
    for (const r of held) ids.add(r.id);
  }
  const all = [...ids].sort();
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

/** One chunk of people with their open custody period, the facility before it, and their own indicators. */
export async function loadDetaineeRows(tx: Tx, ids: readonly string[]): Promise<DetaineeRow[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [people, custody, indicators] = await Promise.all([
    tx.$queryRaw<{ id: string; teamId: string; status: DetaineeStatus; riskLevel: string | null }[]>`
      SELECT id, "teamId", status::text AS status, "riskLevel" FROM "Detainee" WHERE id = ANY(${list}::text[]) AND "archivedAt" IS NULL ORDER BY id`,
    // The two latest periods of each person: the open one (if it is the latest) and the one before.
    tx.$queryRaw<{ detaineeId: string; facilityId: string; fromDate: Date; fromPrecision: DatePrecision; toDate: Date | null; type: FacilityType; rn: bigint | number }[]>`
      SELECT x."detaineeId", x."facilityId", x."fromDate", x."fromPrecision"::text AS "fromPrecision", x."toDate", f.type::text AS type, x.rn
      FROM (
        SELECT c."detaineeId", c."facilityId", c."fromDate", c."fromPrecision", c."toDate",
               row_number() OVER (PARTITION BY c."detaineeId" ORDER BY c."fromDate" DESC, c."createdAt" DESC) AS rn
        FROM "CustodyPeriod" c WHERE c."detaineeId" = ANY(${list}::text[])
      ) x JOIN "DetentionFacility" f ON f.id = x."facilityId"
      WHERE x.rn <= 2`,
    tx.$queryRaw<{ detaineeId: string; type: RiskIndicatorInput["type"]; observedOn: Date; datePrecision: DatePrecision; confidence: RiskIndicatorInput["confidence"] }[]>`
      SELECT "detaineeId", type::text AS type, "observedOn", "datePrecision"::text AS "datePrecision", confidence::text AS confidence
      FROM "Indicator" WHERE "archivedAt" IS NULL AND "detaineeId" = ANY(${list}::text[])`,
  ]);
  const latest = new Map<string, (typeof custody)[number][]>();
  for (const c of custody) push(latest, c.detaineeId, c);
  const own = new Map<string, RiskIndicatorInput[]>();
  for (const i of indicators) push(own, i.detaineeId, { type: i.type, observedOn: new Date(i.observedOn), precision: i.datePrecision, confidence: i.confidence });
  return people.map((d) => {
    const periods = (latest.get(d.id) ?? []).sort((a, b) => Number(a.rn) - Number(b.rn));
    const open = periods[0] && periods[0].toDate === null ? periods[0] : null;
    return {
      id: d.id, teamId: d.teamId, status: d.status, riskLevel: d.riskLevel,
      current: open ? { facilityId: open.facilityId, fromDate: new Date(open.fromDate), fromPrecision: open.fromPrecision } : null,
      previousType: open && periods[1] ? periods[1].type : null,
      indicators: own.get(d.id) ?? [],
    };
  });
}

/** Whole days in custody, counted from the period's effective start (MONTH → the 15th). */
export function wholeDaysSince(from: Date, precision: DatePrecision, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - effectiveDate(from, precision)) / MS_PER_DAY));
}
