import "server-only";
// Loads what a petition may say about its detainees, from the database, inside the viewer's scope.
// Restricted data (family contacts, source identities and sources at all, confidential narrative,
// notes, attachments) is never selected here: a template cannot leak what it was never given,
// whatever a later edit to a template does (PRODUCT.md §4, S10).
import type { Viewer } from "@/lib/auth/viewer";
import type { Tx } from "@/lib/db/client";
import { fromColumns, type PartialDate } from "@/lib/dates/partial-date";
import type { ConsentChannel, ConsentNaming, DetaineeStatus, FacilityType, IndicatorType, Sex, VerificationStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { detaineeWhere } from "../detainee/scope";

export type PetitionFacility = { id: string; nameEn: string; nameLocal: string | null; type: FacilityType; country: string; province: string | null; city: string | null };
export type PetitionCustody = { facility: PetitionFacility; from: PartialDate; to: PartialDate | null };
export type PetitionConsent = { channel: ConsentChannel; naming: ConsentNaming; givenOn: Date; revokedAt: Date | null; createdAt: Date };
export type PetitionEvent = { date: PartialDate; handoverPoint: string | null; reportedMin: number | null; reportedMax: number | null; verification: VerificationStatus };

export type PetitionPerson = {
  id: string;
  caseNumber: string;
  familyNameRoman: string | null;
  givenNameRoman: string | null;
  nameHangul: string | null;
  nameChinese: string | null;
  sex: Sex;
  birthDate: PartialDate | null;
  estimatedAge: number | null;
  homeProvince: string | null;
  status: DetaineeStatus;
  arrestDate: PartialDate | null;
  arrestPlace: string | null;
  arrestAuthority: string | null;
  /** The non-confidential narrative only (the confidential one is never loaded). */
  narrative: string | null;
  healthConcerns: string | null;
  hasSouthKoreaLinks: boolean;
  riskLevel: string | null;
  /** Oldest first; the open period (to = null) is the present place of detention. */
  custody: PetitionCustody[];
  currentFacility: PetitionFacility | null;
  /** The person's own warning signs (type and date only: descriptions may quote sources). */
  indicators: { type: IndicatorType; observedOn: PartialDate }[];
  /** The forced return this person is known to have been on, latest first. */
  returns: PetitionEvent[];
  /** Recent returns from the present facility (shared knowledge), latest first. */
  facilityReturns: PetitionEvent[];
  consents: PetitionConsent[];
};

export type PetitionOrganisation = {
  teamId: string;
  teamName: string;
  legalName: string | null;
  nameKo: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  signatory: string | null;
};

/**
 * Figures for advocacy letters. Returns are shared knowledge (every team sees the same events);
 * detainees at risk are counted only among the petition team's own cases, because a count over
 * other teams' cases would reveal records outside the viewer's scope (S9).
 */
export type PetitionAggregates = {
  since: Date;
  /** month null: only the year of the return is known. Latest first. */
  returns: { facilityNameEn: string | null; facilityNameLocal: string | null; region: string | null; year: number; month: number | null; events: number; reportedMin: number | null; reportedMax: number | null }[];
  atRisk: { total: number; byLevel: Record<string, number>; byFacility: { nameEn: string; nameLocal: string | null; count: number }[] };
};

export type PetitionCaseData = {
  language: "en" | "ko";
  today: Date;
  organisation: PetitionOrganisation;
  people: PetitionPerson[];
  /** Only for templates that ask for them (the Third Committee letter). */
  aggregates: PetitionAggregates | null;
};

export type LoadCaseDataInput = { teamId: string; detaineeIds: string[]; language: "en" | "ko"; today: Date; withAggregates?: boolean };

// How far back "recent returns from this facility" reach in the urgency facts.
const FACILITY_RETURNS_DAYS = 180;
const MAX_INDICATORS = 20;

const eventSelect = { date: true, datePrecision: true, handoverPoint: true, reportedMin: true, reportedMax: true, verification: true } as const;
type EventRow = { date: Date; datePrecision: PartialDate["precision"]; handoverPoint: string | null; reportedMin: number | null; reportedMax: number | null; verification: VerificationStatus };
const toEvent = (e: EventRow): PetitionEvent => ({ date: { date: e.date, precision: e.datePrecision }, handoverPoint: e.handoverPoint, reportedMin: e.reportedMin, reportedMax: e.reportedMax, verification: e.verification });

/**
 * The case data of `detaineeIds` for a petition of team `teamId`. NOT_FOUND when the team is not
 * the viewer's or any detainee is outside the viewer's scope or belongs to another team — the
 * same answer for "does not exist" and "not yours", so ids leak nothing (S9).
 */
export async function loadPetitionCaseData(tx: Tx, viewer: Viewer, input: LoadCaseDataInput): Promise<PetitionCaseData> {
  if (viewer.role !== "ADMIN" && !viewer.teamIds.includes(input.teamId)) throw new AppError("NOT_FOUND", "Not found.");
  const team = await tx.team.findFirst({
    where: { id: input.teamId, archivedAt: null },
    select: { id: true, name: true, orgLegalName: true, orgNameKo: true, orgAddress: true, orgEmail: true, orgPhone: true, orgWebsite: true, orgSignatory: true },
  });
  if (!team) throw new AppError("NOT_FOUND", "Not found.");
  const ids = [...new Set(input.detaineeIds)];
  const since = new Date(input.today.getTime() - FACILITY_RETURNS_DAYS * 86_400_000);
  const rows = ids.length
    ? await tx.detainee.findMany({
        where: { AND: [{ id: { in: ids } }, { teamId: input.teamId }, detaineeWhere(viewer)] },
        select: {
          id: true, caseNumber: true, familyNameRoman: true, givenNameRoman: true, nameHangul: true, nameChinese: true, sex: true,
          birthDate: true, birthDatePrecision: true, estimatedAge: true, homeProvince: true, status: true,
          arrestDate: true, arrestDatePrecision: true, arrestPlace: true, arrestAuthority: true, narrative: true,
          healthConcerns: true, hasSouthKoreaLinks: true, riskLevel: true,
          custody: {
            orderBy: { fromDate: "asc" },
            select: {
              fromDate: true, fromPrecision: true, toDate: true, toPrecision: true,
              facility: {
                select: {
                  id: true, nameEn: true, nameLocal: true, type: true, country: true, province: true, city: true,
                  events: { where: { archivedAt: null, date: { gte: since } }, orderBy: { date: "desc" }, take: 10, select: eventSelect },
                },
              },
            },
          },
          indicators: { where: { archivedAt: null }, orderBy: { observedOn: "desc" }, take: MAX_INDICATORS, select: { type: true, observedOn: true, datePrecision: true } },
          repatriations: { where: { event: { archivedAt: null } }, select: { event: { select: eventSelect } } },
          consents: { select: { channel: true, naming: true, givenOn: true, revokedAt: true, createdAt: true } },
        },
      })
    : [];
  if (rows.length !== ids.length) throw new AppError("NOT_FOUND", "Not found.");
  const byId = new Map(rows.map((r) => [r.id, r]));
  const people = ids.map((id): PetitionPerson => {
    const r = byId.get(id)!;
    const custody = r.custody.map((c) => ({
      facility: { id: c.facility.id, nameEn: c.facility.nameEn, nameLocal: c.facility.nameLocal, type: c.facility.type, country: c.facility.country, province: c.facility.province, city: c.facility.city },
      from: { date: c.fromDate, precision: c.fromPrecision },
      to: fromColumns(c.toDate, c.toPrecision),
      events: c.facility.events,
    }));
    const open = custody.find((c) => c.to === null) ?? null;
    return {
      id: r.id, caseNumber: r.caseNumber, familyNameRoman: r.familyNameRoman, givenNameRoman: r.givenNameRoman, nameHangul: r.nameHangul,
      nameChinese: r.nameChinese, sex: r.sex, birthDate: fromColumns(r.birthDate, r.birthDatePrecision), estimatedAge: r.estimatedAge,
      homeProvince: r.homeProvince, status: r.status, arrestDate: fromColumns(r.arrestDate, r.arrestDatePrecision), arrestPlace: r.arrestPlace,
      arrestAuthority: r.arrestAuthority, narrative: r.narrative, healthConcerns: r.healthConcerns, hasSouthKoreaLinks: r.hasSouthKoreaLinks,
      riskLevel: r.riskLevel,
      custody: custody.map(({ events: _events, ...c }) => c),
      currentFacility: open?.facility ?? null,
      indicators: r.indicators.map((i) => ({ type: i.type, observedOn: { date: i.observedOn, precision: i.datePrecision } })),
      returns: r.repatriations.map((x) => toEvent(x.event)).sort((a, b) => b.date.date.getTime() - a.date.date.getTime()),
      facilityReturns: (open?.events ?? []).map(toEvent),
      consents: r.consents,
    };
  });
  return {
    language: input.language,
    today: input.today,
    organisation: {
      teamId: team.id, teamName: team.name, legalName: team.orgLegalName, nameKo: team.orgNameKo, address: team.orgAddress,
      email: team.orgEmail, phone: team.orgPhone, website: team.orgWebsite, signatory: team.orgSignatory,
    },
    people,
    aggregates: input.withAggregates ? await loadAggregates(tx, input.teamId, input.today) : null,
  };
}

// Returns reach back this far: the Third Committee resolution is annual, and two sessions of
// figures show the trend without turning the letter into the whole database.
const AGGREGATE_MONTHS = 24;
const AT_RISK_LEVELS = ["HIGH", "IMMINENT"];

async function loadAggregates(tx: Tx, teamId: string, today: Date): Promise<PetitionAggregates> {
  const since = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - AGGREGATE_MONTHS, 1));
  type Row = { nameEn: string | null; nameLocal: string | null; region: string | null; year: number; month: number | null; events: number; rmin: number | null; rmax: number | null };
  // Disputed reports are left out: a letter to delegations must not repeat what is contested.
  const rows = await tx.$queryRaw<Row[]>`
    SELECT f."nameEn" AS "nameEn", f."nameLocal" AS "nameLocal", COALESCE(e."fromRegion", e."province") AS region,
           EXTRACT(YEAR FROM e."date")::int AS year,
           CASE WHEN e."datePrecision" = 'YEAR' THEN NULL ELSE EXTRACT(MONTH FROM e."date")::int END AS month,
           COUNT(*)::int AS events, SUM(e."reportedMin")::int AS rmin, SUM(e."reportedMax")::int AS rmax
    FROM "RepatriationEvent" e LEFT JOIN "DetentionFacility" f ON f."id" = e."facilityId"
    WHERE e."archivedAt" IS NULL AND e."verification" <> 'DISPUTED' AND e."date" >= ${since}
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 4 DESC, 5 DESC NULLS LAST, 6 DESC, 1
    LIMIT 100`;
  const scope = { teamId, archivedAt: null, status: { in: ["REPORTED", "DETAINED"] as DetaineeStatus[] } };
  const [levels, facilities] = await Promise.all([
    tx.detainee.groupBy({ by: ["riskLevel"], where: { ...scope, riskLevel: { in: AT_RISK_LEVELS } }, _count: { _all: true } }),
    tx.custodyPeriod.groupBy({ by: ["facilityId"], where: { toDate: null, detainee: { ...scope, riskLevel: { in: AT_RISK_LEVELS } } }, _count: { _all: true } }),
  ]);
  const names = facilities.length
    ? await tx.detentionFacility.findMany({ where: { id: { in: facilities.map((f) => f.facilityId) } }, select: { id: true, nameEn: true, nameLocal: true } })
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const byLevel = Object.fromEntries(levels.map((l) => [l.riskLevel ?? "", l._count._all]));
  return {
    since,
    returns: rows.map((r) => ({ facilityNameEn: r.nameEn, facilityNameLocal: r.nameLocal, region: r.region, year: r.year, month: r.month, events: r.events, reportedMin: r.rmin, reportedMax: r.rmax })),
    atRisk: {
      total: levels.reduce((n, l) => n + l._count._all, 0),
      byLevel,
      byFacility: facilities
        .map((f) => ({ nameEn: nameOf.get(f.facilityId)?.nameEn ?? "", nameLocal: nameOf.get(f.facilityId)?.nameLocal ?? null, count: f._count._all }))
        .sort((a, b) => b.count - a.count || a.nameEn.localeCompare(b.nameEn)),
    },
  };
}
