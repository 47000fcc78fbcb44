// Generates a benchmark population: 3 teams with an ADMIN and a LAWYER each, N detainees and, in
// proportion, 2% facilities, 20% repatriation events, ~1.5 custody periods a person (exactly one
// open for everyone DETAINED), indicators, notes, consents, petitions and 10 audit rows a person.
// Haven's own functions make the values: search text (lib/domain/names/search-text.ts), field
// encryption (lib/crypto/field.ts), password hashes, the audit chain (./audit.ts on
// lib/audit/chain.ts), and risk scores (lib/domain/risk). Rows go in 5,000 a statement (./sql.ts)
// through a SqlRunner, so the same code runs on PostgreSQL and PGlite.
import { applyMigrations, type SqlRunner } from "@/lib/db/migrate";
import type { AuditContent } from "@/lib/audit/chain";
import { buildSearchText } from "@/lib/domain/names/search-text";
import { encryptField } from "@/lib/crypto/field";
import { hashPassword } from "@/lib/auth/password";
import { demoTotpSecret } from "@/lib/auth/demo-totp";
import { DEFAULT_BOX } from "@/lib/map/northeast-asia";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import realFacilities from "../../prisma/demo/facilities.json";
import { auditChainHead, chainAuditRows, insertAuditRows, syncAuditSequence, type ChainHead } from "./audit";
import { projectRescore, scoreFacilities, scorePerson, writeFacilityScores, type IndicatorForRisk, type EventForRisk, type PeriodForRisk, type RiskOutcome } from "./risk";
import { BATCH, bulkInsert, dropIndexes, isoDay, recreateIndexes, type Column } from "./sql";
import { BENCH_TEAMS, BENCH_USERS, TEAM_SHARES, benchPassword, type BenchUser } from "./users";
import {
  ALIASES, CITIES, CN_FACILITY_TYPES, DETAINEE_INDICATOR_TYPES, DPRK_PROVINCES, FACILITY_INDICATOR_TYPES, FAMILY_NAMES, GIVEN_SYLLABLES,
  HANDOVER_POINTS, NARRATIVES, NOTE_BODIES, PROVINCE_WEIGHTS, cumulative, rng, type City, type Rng,
} from "./data";

export type GenerateOptions = {
  n: number;
  seed?: number;
  now?: Date;
  log?: (line: string) => void;
  /** A Prisma client on the same database: risk is then computed by lib/domain/risk/refresh.ts. */
  prisma?: PrismaClient;
  /** Seconds the project's rescoring may take before the generator scores in memory instead. */
  riskTimeoutSeconds?: number;
  /** Opens another connection to the same database (PostgreSQL): the audit log is then written in parallel. */
  connect?: () => Promise<SqlRunner>;
  /** "refresh": the project's rescoring (falls back to the model if it fails); "model": in memory only. */
  risk?: "refresh" | "model";
};

export type GenerateResult = {
  n: number;
  seconds: number;
  phases: Record<string, number>;
  counts: Record<string, number>;
  /** How the risk columns were filled, for the report. */
  risk: RiskOutcome;
  teams: { id: string; name: string }[];
  users: (BenchUser & { id: string })[];
};

const DAY = 86_400_000;
const STATUS_WEIGHTS = {
  DETAINED: 35, REPATRIATED: 25, RELEASED: 10, REPORTED: 8, CLOSED: 8, RESETTLED: 6, DETAINED_IN_DPRK: 4, DECEASED: 2, DISAPPEARED: 2,
} as const;
type Status = keyof typeof STATUS_WEIGHTS;
const STATUSES = Object.keys(STATUS_WEIGHTS) as Status[];
const STATUS_CUM = cumulative(Object.values(STATUS_WEIGHTS));

export type FacilityGen = { id: string; refCode: string | null; type: string; country: string; province: string | null; weight: number };
export type EventGen = EventForRisk & { id: string };

const id = (r: Rng) => `c${r.hex(12)}`;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const startOfMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const startOfYear = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
const dayOnly = (t: number) => new Date(Math.floor(t / DAY) * DAY);

export async function generateBenchData(runner: SqlRunner, opts: GenerateOptions): Promise<GenerateResult> {
  const n = Math.max(1, Math.floor(opts.n));
  const r = rng(opts.seed ?? 20261203);
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const phases: Record<string, number> = {};
  const counts: Record<string, number> = {};
  let phaseStart = Date.now();
  const phase = (name: string) => {
    phases[name] = (Date.now() - phaseStart) / 1000;
    log(`  ${name}: ${phases[name]!.toFixed(1)} s`);
    phaseStart = Date.now();
  };
  const ts = (d: Date) => d.toISOString();

  await applyMigrations(runner, { log: (l) => log(`  ${l}`) });
  const [existing] = await runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Detainee"`);
  if (existing && existing.n > 0) throw new Error("The benchmark database already holds detainees: generate into an empty database");
  // Bulk-load speed: no per-row index maintenance (the same indexes are rebuilt after the load)
  // and no wait for the WAL flush at each statement (a lost tail would just mean generating again).
  await runner.exec("SET synchronous_commit TO off");
  await runner.exec("SET maintenance_work_mem TO '512MB'");
  const deferred = await dropIndexes(runner, BULK_TABLES);
  phase("migrations");

  // ---- Teams and users -------------------------------------------------------------------
  const teams = BENCH_TEAMS.map((name) => ({ id: id(r), name }));
  await bulkInsert(runner, "Team", [
    { name: "id", type: "text" }, { name: "name", type: "text" }, { name: "orgLegalName", type: "text" },
    { name: "createdAt", type: "text", cast: "timestamp(3)" }, { name: "updatedAt", type: "text", cast: "timestamp(3)" },
  ], teams.map((t) => ({ ...t, orgLegalName: `${t.name} Legal Aid`, createdAt: ts(now), updatedAt: ts(now) })));
  const users = await Promise.all(BENCH_USERS.map(async (u) => ({ ...u, id: id(r), passwordHash: await hashPassword(benchPassword(u.email)) })));
  await bulkInsert(runner, "User", [
    { name: "id", type: "text" }, { name: "email", type: "text" }, { name: "displayName", type: "text" }, { name: "role", type: "text", cast: '"Role"' },
    { name: "locale", type: "text", cast: '"Locale"' }, { name: "passwordHash", type: "text" }, { name: "totpSecretEnc", type: "text" },
    { name: "totpEnabledAt", type: "text", cast: "timestamp(3)" }, { name: "passwordChangedAt", type: "text", cast: "timestamp(3)" },
    { name: "createdAt", type: "text", cast: "timestamp(3)" }, { name: "updatedAt", type: "text", cast: "timestamp(3)" },
  ], users.map((u) => ({
    ...u, locale: "en", totpSecretEnc: encryptField(demoTotpSecret(u.email), { table: "User", id: u.id, field: "totpSecretEnc" }), totpEnabledAt: ts(now), passwordChangedAt: ts(now), createdAt: ts(now), updatedAt: ts(now),
  })));
  await bulkInsert(runner, "TeamMembership", [
    { name: "userId", type: "text" }, { name: "teamId", type: "text" }, { name: "createdAt", type: "text", cast: "timestamp(3)" },
  ], users.map((u) => ({ userId: u.id, teamId: teams[u.team]!.id, createdAt: ts(now) })));
  const lawyerOf = teams.map((_, t) => users.find((u) => u.team === t && u.role === "LAWYER")!);
  const adminOf = teams.map((_, t) => users.find((u) => u.team === t && u.role === "ADMIN")!);
  counts.teams = teams.length;
  counts.users = users.length;
  phase("teams and users");

  // ---- Facilities ------------------------------------------------------------------------
  const box = DEFAULT_BOX;
  const facilityRows: Record<string, unknown>[] = [];
  const facilities: FacilityGen[] = [];
  for (const f of realFacilities) {
    const fid = id(r);
    facilities.push({ id: fid, refCode: f.refCode, type: f.type, country: f.country, province: f.province ?? null, weight: 0 });
    facilityRows.push({
      id: fid, refCode: f.refCode, nameEn: f.nameEn, nameLocal: f.nameLocal ?? null, type: f.type, country: f.country, province: f.province ?? null,
      city: f.city ?? null, latitude: f.latitude ?? null, longitude: f.longitude ?? null, notes: f.notes ?? null, sources: JSON.stringify(f.sources ?? []),
      confidence: f.confidence ?? "MEDIUM",
    });
  }
  const provinces = Object.keys(PROVINCE_WEIGHTS);
  const provinceCum = cumulative(Object.values(PROVINCE_WEIGHTS));
  const citiesOf = new Map<string, City[]>(provinces.map((p) => [p, CITIES.filter((c) => c.province === p)]));
  const typeCum = cumulative(CN_FACILITY_TYPES.map((t) => t.weight));
  const perCityType = new Map<string, number>();
  const synthetic = Math.max(0, Math.round(n * 0.02) - realFacilities.length);
  for (let i = 0; i < synthetic; i++) {
    const city = r.pick(citiesOf.get(provinces[r.weighted(provinceCum)]!)!);
    const t = CN_FACILITY_TYPES[r.weighted(typeCum)]!;
    const key = `${city.name}|${t.type}`;
    const k = (perCityType.get(key) ?? 0) + 1;
    perCityType.set(key, k);
    const fid = id(r);
    facilities.push({ id: fid, refCode: null, type: t.type, country: "CN", province: city.province, weight: 0 });
    facilityRows.push({
      id: fid, refCode: null, nameEn: `${city.name} ${t.en} No. ${k}`, nameLocal: `${city.hanzi}市第${k}${t.zh}`, type: t.type, country: "CN",
      province: city.province, city: city.name,
      latitude: Number(clamp(city.lat + (r.next() - 0.5) * 0.5, box.south + 0.05, box.north - 0.05).toFixed(4)),
      longitude: Number(clamp(city.lon + (r.next() - 0.5) * 0.5, box.west + 0.05, box.east - 0.05).toFixed(4)),
      notes: r.chance(0.2) ? "Reported by a partner NGO; location approximate." : null, sources: "[]", confidence: r.pick(["LOW", "MEDIUM", "MEDIUM", "HIGH"]),
    });
  }
  await bulkInsert(runner, "DetentionFacility", [
    { name: "id", type: "text" }, { name: "refCode", type: "text" }, { name: "nameEn", type: "text" }, { name: "nameLocal", type: "text" },
    { name: "type", type: "text", cast: '"FacilityType"' }, { name: "country", type: "text" }, { name: "province", type: "text" },
    { name: "city", type: "text" }, { name: "latitude", type: "float8" }, { name: "longitude", type: "float8" }, { name: "notes", type: "text" },
    { name: "sources", type: "text", expr: "ARRAY(SELECT json_array_elements_text($::json))" }, { name: "confidence", type: "text", cast: '"Confidence"' },
    ts3("createdAt"), ts3("updatedAt"),
  ], facilityRows.map((f) => ({ ...f, createdAt: ts(now), updatedAt: ts(now) })));
  // Who is held where: Chinese facilities, skewed (Zipf) so a few hold many, Tumen (CN-01) most.
  const cn = facilities.filter((f) => f.country === "CN");
  cn.sort((a, b) => (a.refCode === "CN-01" ? -1 : b.refCode === "CN-01" ? 1 : 0));
  cn.forEach((f, rank) => (f.weight = 1 / Math.pow(rank + 1, 0.9)));
  const cnCum = cumulative(cn.map((f) => f.weight));
  const drawFacility = () => cn[r.weighted(cnCum)]!;
  counts.facilities = facilities.length;
  phase("facilities");

  // ---- Repatriation events ---------------------------------------------------------------
  const events: EventGen[] = [];
  const eventRows: Record<string, unknown>[] = [];
  const span = now.getTime() - Date.UTC(2015, 0, 1);
  for (let i = 0, count = Math.round(n * 0.2); i < count; i++) {
    // More recent years are better documented: skew towards now.
    const raw = new Date(now.getTime() - DAY - Math.pow(r.next(), 1.6) * span);
    const precision = r.weighted([50, 90, 100]) === 0 ? "DAY" : r.chance(0.8) ? "MONTH" : "YEAR";
    const date = precision === "DAY" ? dayOnly(raw.getTime()) : precision === "MONTH" ? startOfMonth(raw) : startOfYear(raw);
    const facility = r.chance(0.75) ? drawFacility() : null;
    const province = facility?.province ?? r.pick(provinces);
    const min = r.chance(0.85) ? r.int(1, 40) : null;
    const ev: EventGen = {
      id: id(r), date, precision, facilityId: facility?.id ?? null, province: facility ? null : province,
      verification: r.pick(["REPORTED", "REPORTED", "CORROBORATED", "CONFIRMED", "DISPUTED"]), reportedMin: min, reportedMax: min === null ? null : min + r.int(0, 30),
    };
    events.push(ev);
    eventRows.push({
      ...ev, date: isoDay(date), datePrecision: precision, fromRegion: r.chance(0.3) ? r.pick(DPRK_PROVINCES) : null,
      handoverPoint: r.chance(0.6) ? r.pick(HANDOVER_POINTS) : null, description: `Forced return reported by ${r.pick(["a partner NGO", "family members", "Daily NK", "RFA", "a released detainee"])}.`,
      sources: "[]", createdById: lawyerOf[0]!.id, createdAt: ts(new Date(Math.max(date.getTime(), now.getTime() - 3 * 365 * DAY))), updatedAt: ts(now),
    });
  }
  await bulkInsert(runner, "RepatriationEvent", [
    { name: "id", type: "text" }, { name: "date", type: "text", cast: "date" }, { name: "datePrecision", type: "text", cast: '"DatePrecision"' },
    { name: "facilityId", type: "text" }, { name: "fromRegion", type: "text" }, { name: "province", type: "text" }, { name: "handoverPoint", type: "text" },
    { name: "reportedMin", type: "int4" }, { name: "reportedMax", type: "int4" }, { name: "verification", type: "text", cast: '"VerificationStatus"' },
    { name: "description", type: "text" }, { name: "sources", type: "text", expr: "ARRAY(SELECT json_array_elements_text($::json))" },
    { name: "createdById", type: "text" }, { name: "createdAt", type: "text", cast: "timestamp(3)" }, { name: "updatedAt", type: "text", cast: "timestamp(3)" },
  ], eventRows);
  counts.events = events.length;
  phase("repatriation events");

  // ---- Facility indicators (they drive facility risk) ------------------------------------------
  const facIndRows: Record<string, unknown>[] = [];
  const facilityIndicators: (IndicatorForRisk & { facilityId: string })[] = [];
  for (let i = 0, count = Math.round(facilities.length * 0.5); i < count; i++) {
    const f = drawFacility();
    const on = dayOnly(now.getTime() - Math.pow(r.next(), 2) * 365 * DAY);
    const ind = { facilityId: f.id, type: r.pick(FACILITY_INDICATOR_TYPES), observedOn: on, confidence: r.pick(["LOW", "MEDIUM", "HIGH"]) };
    facilityIndicators.push(ind);
    facIndRows.push({ id: id(r), type: ind.type, facilityId: f.id, detaineeId: null, observedOn: isoDay(on), confidence: ind.confidence, description: "Observed by an intermediary.", createdById: lawyerOf[0]!.id, createdAt: ts(on) });
  }
  await bulkInsert(runner, "Indicator", INDICATOR_COLUMNS, facIndRows);
  counts.facilityIndicators = facIndRows.length;

  // Facility risk now (it only depends on events and facility indicators); people's as they are made.
  const facilityScores = scoreFacilities(facilities, events, facilityIndicators, now);
  await writeFacilityScores(runner, facilityScores, now);
  const facilityType = new Map(facilities.map((f) => [f.id, f.type]));
  const typeOf = (facilityId: string) => facilityType.get(facilityId);
  phase("facility indicators and risk");

  // ---- Detainees and everything about them, 5,000 at a time ---------------------------------
  const teamCum = cumulative([...TEAM_SHARES]);
  const detaineeIds: string[] = new Array(n);
  const teamOf = new Uint8Array(n);
  // Ids and teams first (their own random stream), so the audit log can be written alongside.
  const idRandom = rng((opts.seed ?? 20261203) ^ 0x5eed);
  for (let i = 0; i < n; i++) {
    detaineeIds[i] = id(idRandom);
    teamOf[i] = idRandom.weighted(teamCum);
  }
  // One person in 997 is detained with a long custody chain, in team A (the case page's subject).
  const longChain = (i: number) => i % 997 === 0;
  for (let i = 0; i < n; i += 997) teamOf[i] = 0;
  const auditHead = await auditChainHead(runner);
  const writeAudit = (target: SqlRunner) => writeAuditLog(target, auditHead, { n, now, seed: opts.seed ?? 20261203, detaineeIds, teamOf, lawyerOf, adminOf });
  // On PostgreSQL the audit log goes in on a second connection while the cases go in on this one.
  const auditDone = opts.connect
    ? opts.connect().then(async (second) => {
      try {
        await second.exec("SET synchronous_commit TO off");
        await writeAudit(second);
      } finally {
        await second.close?.();
      }
    })
    : null;
  auditDone?.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled meanwhile
  const status: Status[] = new Array(n);
  const caseCounter = new Map<number, number>();
  counts.detainees = counts.custodyPeriods = counts.openCustody = counts.eventLinks = counts.activities = counts.assignments = counts.consents = 0;
  counts.detaineeIndicators = 0;
  const CHUNK = 5_000;
  let inFlight: Promise<void> = Promise.resolve();
  for (let base = 0; base < n; base += CHUNK) {
    const detRows: Record<string, unknown>[] = [];
    const custRows: Record<string, unknown>[] = [];
    const linkRows: Record<string, unknown>[] = [];
    const actRows: Record<string, unknown>[] = [];
    const assignRows: Record<string, unknown>[] = [];
    const consentRows: Record<string, unknown>[] = [];
    const indRows: Record<string, unknown>[] = [];
    for (let i = base; i < Math.min(n, base + CHUNK); i++) {
      const did = detaineeIds[i]!;
      const team = teamOf[i]!;
      const drawn = STATUSES[r.weighted(STATUS_CUM)]!;
      const st: Status = longChain(i) ? "DETAINED" : drawn;
      status[i] = st;
      // Custody chain, built backwards from its end.
      const periods: PeriodForRisk[] = [];
      let event: EventGen | null = null;
      if (st !== "REPORTED") {
        let k: number;
        let end: Date | null;
        let lastFacility: string | null = null;
        if (st === "DETAINED") {
          k = longChain(i) ? 7 + (i % 3) : 1 + (r.chance(0.6) ? 1 : 0) + (r.chance(0.3) ? 1 : 0);
          end = null;
        } else if (st === "REPATRIATED") {
          event = r.pick(events);
          k = 1 + (r.chance(0.6) ? 1 : 0);
          end = new Date(event.date.getTime() + (event.precision === "DAY" ? 0 : r.int(0, 25) * DAY));
          lastFacility = event.facilityId;
        } else {
          k = 1 + (r.chance(0.4) ? 1 : 0);
          end = dayOnly(now.getTime() - r.int(30, 3000) * DAY);
        }
        let cursor = end ? end.getTime() : dayOnly(now.getTime()).getTime();
        for (let p = 0; p < k; p++) {
          const len = p === 0 && !end ? r.int(5, 500) : r.int(10, 220);
          const from = dayOnly(cursor - len * DAY);
          const to = p === 0 ? end : new Date(cursor);
          periods.unshift({ facilityId: p === 0 && lastFacility ? lastFacility : drawFacility().id, from, to });
          cursor = from.getTime() - r.int(1, 20) * DAY;
        }
      }
      // The person.
      const fam = r.pick(FAMILY_NAMES);
      const g1 = r.pick(GIVEN_SYLLABLES);
      const g2 = r.pick(GIVEN_SYLLABLES);
      const given = `${g1[1][0]!.toUpperCase()}${g1[1].slice(1)}-${g2[1]}`;
      const roman = r.chance(0.95);
      const nameHangul = `${fam[0]}${g1[0]}${g2[0]}`;
      const nameChinese = r.chance(0.85) ? `${fam[2]}${g1[2]}${g2[2]}` : null;
      const aliases = r.chance(0.2) ? [r.pick(ALIASES)] : [];
      const arrest = periods[0]?.from ?? dayOnly(now.getTime() - r.int(10, 900) * DAY);
      const arrestPrecision = r.weighted([75, 95, 100]);
      const arrestDate = arrestPrecision === 0 ? arrest : arrestPrecision === 1 ? startOfMonth(arrest) : startOfYear(arrest);
      const createdAt = new Date(Math.min(now.getTime() - DAY, Math.max(arrest.getTime() + r.int(1, 60) * DAY, now.getTime() - 6 * 365 * DAY)));
      const updatedAt = new Date(createdAt.getTime() + r.next() * (now.getTime() - createdAt.getTime()));
      const year = createdAt.getUTCFullYear();
      const seq = (caseCounter.get(year) ?? 0) + 1;
      caseCounter.set(year, seq);
      const caseNumber = `HV-${year}-${String(seq).padStart(4, "0")}`;
      const birthYear = r.int(1955, 2008);
      const birthKind = r.weighted([40, 60, 90, 100]);
      const city = r.pick(CITIES);
      const lawyer = lawyerOf[team]!;
      const d = {
        familyNameRoman: roman ? fam[1] : null, givenNameRoman: roman ? given : null, nameHangul, nameChinese, aliases, caseNumber,
      };
      const detRow: Record<string, unknown> = {
        id: did, teamId: teams[team]!.id, ...d, aliases: JSON.stringify(aliases), searchText: buildSearchText(d),
        sex: r.weighted([70, 95, 100]) === 0 ? "FEMALE" : r.chance(0.8) ? "MALE" : "UNKNOWN",
        birthDate: birthKind === 3 ? null : isoDay(new Date(Date.UTC(birthYear, birthKind === 2 ? 0 : r.int(0, 11), birthKind === 0 ? r.int(1, 28) : 1))),
        birthDatePrecision: ["DAY", "MONTH", "YEAR"][birthKind] ?? null,
        estimatedAge: birthKind === 3 ? r.int(18, 65) : null, homeProvince: r.chance(0.8) ? r.pick(DPRK_PROVINCES) : null, status: st,
        statusChangedAt: ts(updatedAt), arrestDate: isoDay(arrestDate), arrestDatePrecision: ["DAY", "MONTH", "YEAR"][arrestPrecision],
        arrestPlace: city.name, arrestAuthority: `${city.name} Public Security Bureau`,
        narrative: r.chance(0.8) ? r.pick(NARRATIVES).replace("{city}", city.name) : null,
        narrativeConfidentialEnc: r.chance(0.1) ? encryptField("Source inside the facility says the interrogation has ended.", { table: "Detainee", id: did, field: "narrativeConfidentialEnc" }) : null,
        healthConcerns: r.chance(0.1) ? "Needs regular medication." : null, hasSouthKoreaLinks: r.chance(0.2),
        familyContactsEnc: r.chance(0.3) ? encryptField(`Sister: 010-${r.int(1000, 9999)}-${r.int(1000, 9999)}`, { table: "Detainee", id: did, field: "familyContactsEnc" }) : null,
        createdById: lawyer.id, createdAt: ts(createdAt), updatedAt: ts(updatedAt),
      };
      detRows.push(detRow);
      for (const p of periods) {
        custRows.push({
          id: id(r), detaineeId: did, facilityId: p.facilityId, fromDate: isoDay(p.from), fromPrecision: "DAY", toDate: isoDay(p.to),
          toPrecision: p.to ? "DAY" : null, howKnown: r.chance(0.3) ? "Family member's call" : null, confidence: r.pick(["LOW", "MEDIUM", "MEDIUM", "HIGH"]),
          createdAt: ts(createdAt), updatedAt: ts(createdAt),
        });
        if (!p.to) counts.openCustody++;
      }
      if (event) linkRows.push({ eventId: event.id, detaineeId: did, createdAt: ts(updatedAt) });
      // Timeline: "case opened", then notes (some confidential, encrypted as the note domain does).
      actRows.push({ id: id(r), detaineeId: did, kind: "STATUS_CHANGE", body: null, isConfidential: false, bodyEnc: null, meta: JSON.stringify({ to: st, created: true }), actorId: lawyer.id, occurredAt: ts(createdAt), createdAt: ts(createdAt) });
      for (let k = r.chance(0.6) ? r.int(1, 2) : 0; k > 0; k--) {
        const confidential = r.chance(0.1);
        const body = r.pick(NOTE_BODIES);
        const at = new Date(createdAt.getTime() + r.next() * (now.getTime() - createdAt.getTime()));
        const aid = id(r);
        actRows.push({
          id: aid, detaineeId: did, kind: r.chance(0.7) ? "NOTE" : "CALL", body: confidential ? null : body, isConfidential: confidential,
          bodyEnc: confidential ? encryptField(body, { table: "Activity", id: aid, field: "bodyEnc" }) : null, meta: null, actorId: lawyer.id, occurredAt: ts(at), createdAt: ts(at),
        });
      }
      if (r.chance(0.1)) assignRows.push({ detaineeId: did, userId: lawyer.id, createdAt: ts(createdAt) });
      if (r.chance(0.04)) {
        consentRows.push({
          id: id(r), detaineeId: did, channel: r.pick(["WGAD", "WGAD", "SPECIAL_PROCEDURES", "UNHCR"]), naming: r.chance(0.7) ? "FULL_NAME" : "INITIALS",
          givenBy: r.pick(["RELATIVE", "RELATIVE", "DETAINEE"]), method: r.pick(["PHONE", "MESSAGING", "IN_PERSON"]), givenOn: isoDay(createdAt), recordedById: lawyer.id, createdAt: ts(createdAt),
        });
      }
      const own: IndicatorForRisk[] = [];
      if (st === "DETAINED" && r.chance(0.25)) {
        for (let k = r.int(1, 2); k > 0; k--) {
          const open = periods.at(-1)!;
          const on = dayOnly(open.from.getTime() + r.next() * (now.getTime() - open.from.getTime()));
          const ind = { type: r.pick(DETAINEE_INDICATOR_TYPES), observedOn: on, confidence: r.pick(["LOW", "MEDIUM", "HIGH"]) };
          own.push(ind);
          indRows.push({ id: id(r), type: ind.type, facilityId: null, detaineeId: did, observedOn: isoDay(on), confidence: ind.confidence, description: "Reported by the family.", createdById: lawyer.id, createdAt: ts(on) });
        }
      }
      const risk = scorePerson(st, periods, own, facilityScores, typeOf, now);
      detRow.riskScore = risk.score;
      detRow.riskLevel = risk.level;
      detRow.riskComputedAt = ts(now);
    }
    // Build the next chunk while PostgreSQL writes this one (one chunk in flight).
    await inFlight;
    inFlight = (async () => {
      await bulkInsert(runner, "Detainee", DETAINEE_COLUMNS, detRows);
      await bulkInsert(runner, "CustodyPeriod", CUSTODY_COLUMNS, custRows);
      await bulkInsert(runner, "RepatriationEventDetainee", [
        { name: "eventId", type: "text" }, { name: "detaineeId", type: "text" }, { name: "createdAt", type: "text", cast: "timestamp(3)" },
      ], linkRows);
      await bulkInsert(runner, "Activity", ACTIVITY_COLUMNS, actRows);
      await bulkInsert(runner, "DetaineeAssignment", [
        { name: "detaineeId", type: "text" }, { name: "userId", type: "text" }, { name: "createdAt", type: "text", cast: "timestamp(3)" },
      ], assignRows);
      await bulkInsert(runner, "Consent", CONSENT_COLUMNS, consentRows);
      await bulkInsert(runner, "Indicator", INDICATOR_COLUMNS, indRows);
    })();
    counts.detainees += detRows.length;
    counts.custodyPeriods += custRows.length;
    counts.eventLinks += linkRows.length;
    counts.activities += actRows.length;
    counts.assignments += assignRows.length;
    counts.consents += consentRows.length;
    counts.detaineeIndicators += indRows.length;
  }
  await inFlight;
  const counterRows = [...caseCounter].map(([year, value]) => ({ year, value }));
  await runner.query(`INSERT INTO "CaseNumberCounter" ("year", "value") SELECT * FROM unnest($1::int4[], $2::int4[])
    ON CONFLICT ("year") DO UPDATE SET "value" = GREATEST("CaseNumberCounter"."value", EXCLUDED."value")`,
  [counterRows.map((c) => c.year), counterRows.map((c) => c.value)]);
  phase("detainees, custody, timeline");

  // ---- Petitions ---------------------------------------------------------------------------
  const detained = status.flatMap((s, i) => (s === "DETAINED" ? [i] : []));
  const petRows: Record<string, unknown>[] = [];
  const petDetRows: Record<string, unknown>[] = [];
  const transRows: Record<string, unknown>[] = [];
  for (let p = 0, count = Math.max(3, Math.round(n * 0.005)); p < count && detained.length > 0; p++) {
    const first = detained[r.int(0, detained.length - 1)]!;
    const team = teamOf[first]!;
    const people = [first];
    if (r.chance(0.1)) for (const j of detained.slice(0, 50)) if (teamOf[j] === team && !people.includes(j) && people.length < 3) people.push(j);
    const kind = r.pick(["WGAD_URGENT_APPEAL", "WGAD_URGENT_APPEAL", "SPECIAL_PROCEDURES_URGENT_APPEAL", "UNHCR_INTERVENTION", "ROK_GOVERNMENT_LETTER"]);
    const st = r.pick(["DRAFT", "DRAFT", "IN_REVIEW", "APPROVED", "SUBMITTED", "SUBMITTED", "ACKNOWLEDGED", "CLOSED"]);
    const created = new Date(now.getTime() - r.int(1, 400) * DAY);
    const submitted = ["SUBMITTED", "ACKNOWLEDGED", "CLOSED"].includes(st) ? new Date(created.getTime() + r.int(1, 20) * DAY) : null;
    const pid = id(r);
    const title = `Urgent appeal: ${people.length} person${people.length > 1 ? "s" : ""} at risk of forced return`;
    const sections = ["identity", "arrest", "detention", "risk", "request"].map((key) => {
      const body = `1. ${key[0]!.toUpperCase()}${key.slice(1)} of the person concerned, as recorded in the case file.\n\n2. Generated for the benchmark.`;
      return { key, heading: key[0]!.toUpperCase() + key.slice(1), body, generatedBody: body, edited: false };
    });
    petRows.push({
      id: pid, teamId: teams[team]!.id, kind, title, status: st, content: JSON.stringify({ templateVersion: 1, generatedAt: ts(created), title, sections }),
      submittedOn: isoDay(submitted), responseDueOn: submitted ? isoDay(new Date(submitted.getTime() + 60 * DAY)) : isoDay(new Date(created.getTime() + 30 * DAY)),
      authorId: lawyerOf[team]!.id, createdAt: ts(created), updatedAt: ts(submitted ?? created),
    });
    for (const j of people) petDetRows.push({ petitionId: pid, detaineeId: detaineeIds[j] });
    transRows.push({ id: id(r), petitionId: pid, fromStatus: null, toStatus: "DRAFT", actorId: lawyerOf[team]!.id, at: ts(created) });
    if (st !== "DRAFT") transRows.push({ id: id(r), petitionId: pid, fromStatus: "DRAFT", toStatus: st, actorId: adminOf[team]!.id, at: ts(submitted ?? created) });
  }
  await bulkInsert(runner, "Petition", [
    { name: "id", type: "text" }, { name: "teamId", type: "text" }, { name: "kind", type: "text", cast: '"PetitionKind"' }, { name: "title", type: "text" },
    { name: "status", type: "text", cast: '"PetitionStatus"' }, { name: "content", type: "text", cast: "jsonb" }, { name: "submittedOn", type: "text", cast: "date" },
    { name: "responseDueOn", type: "text", cast: "date" }, { name: "authorId", type: "text" },
    { name: "createdAt", type: "text", cast: "timestamp(3)" }, { name: "updatedAt", type: "text", cast: "timestamp(3)" },
  ], petRows);
  await bulkInsert(runner, "PetitionDetainee", [{ name: "petitionId", type: "text" }, { name: "detaineeId", type: "text" }], petDetRows);
  await bulkInsert(runner, "PetitionTransition", [
    { name: "id", type: "text" }, { name: "petitionId", type: "text" }, { name: "fromStatus", type: "text", cast: '"PetitionStatus"' },
    { name: "toStatus", type: "text", cast: '"PetitionStatus"' }, { name: "actorId", type: "text" }, { name: "at", type: "text", cast: "timestamp(3)" },
  ], transRows);
  counts.petitions = petRows.length;
  phase("indicators and petitions");

  // ---- Audit log: 10 rows a person, chained --------------------------------------------------
  if (auditDone) await auditDone;
  else await writeAudit(runner);
  await syncAuditSequence(runner);
  counts.auditRows = n * 10;
  phase(auditDone ? "audit log (rest of it; written alongside the cases)" : "audit log");
  await recreateIndexes(runner, deferred);
  phase(`indexes (${deferred.length})`);

  // ---- Risk: the project's own full rescore once, if it manages within the time budget ---------
  const risk = await projectRescore(opts.risk === "model" ? undefined : opts.prisma, now,
    opts.riskTimeoutSeconds ?? Math.max(15, Math.round(170 - (Date.now() - started) / 1000)));
  log(`  risk: ${risk.note}`);
  phase("project rescoring");
  // As autovacuum would after a bulk load: statistics, and the visibility map that lets counts be
  // answered from the index alone (index-only scans).
  await runner.exec("VACUUM ANALYZE");
  phase("vacuum analyze");
  return {
    n, seconds: (Date.now() - started) / 1000, phases, counts, risk, teams,
    users: users.map(({ passwordHash: _p, ...u }) => u),
  };
}

/** 10 rows a person over the last two years, chained after `head`; the next batch is hashed while the previous one is inserted. */
async function writeAuditLog(runner: SqlRunner, head: ChainHead, p: { n: number; now: Date; seed: number; detaineeIds: string[]; teamOf: Uint8Array; lawyerOf: { id: string; email: string }[]; adminOf: { id: string; email: string }[] }): Promise<void> {
  const r = rng(p.seed ^ 0xa0d17);
  const total = p.n * 10;
  const start = p.now.getTime() - 2 * 365 * DAY;
  const stepMs = (p.now.getTime() - 3_600_000 - start) / total;
  let inFlight: Promise<void> = Promise.resolve();
  for (let k = 0; k < total; k += BATCH) {
    const rows: AuditContent[] = [];
    for (let j = k; j < Math.min(total, k + BATCH); j++) rows.push(auditContent(r, j, new Date(Math.floor(start + j * stepMs)), p.n, p.detaineeIds, p.teamOf, p.lawyerOf, p.adminOf));
    const chained = chainAuditRows(head, rows);
    head = chained.head;
    await inFlight;
    inFlight = insertAuditRows(runner, chained);
  }
  await inFlight;
}

/** One audit row as the app writes them: ids and field names, never values. */
function auditContent(r: Rng, k: number, at: Date, n: number, ids: string[], teamOf: Uint8Array, lawyerOf: { id: string; email: string }[], adminOf: { id: string; email: string }[]): AuditContent {
  const i = Number((BigInt(k) * 2654435761n) % BigInt(n));
  const team = teamOf[i]!;
  const actor = r.chance(0.8) ? lawyerOf[team]! : adminOf[team]!;
  const requestId = `${r.hex(4)}-${r.hex(2)}-${r.hex(2)}-${r.hex(2)}-${r.hex(6)}`;
  const ip = `10.0.${r.int(0, 255)}.${r.int(1, 254)}`;
  const x = r.next();
  if (x < 0.08) return { at, actorId: null, actorLabel: "system:auth", action: "auth.login.success", entityType: "User", entityId: actor.id, requestId: null, ip: null, meta: { secondFactor: "pending" } };
  if (x < 0.12) return { at, actorId: null, actorLabel: "system:auth", action: "auth.2fa.login.success", entityType: "User", entityId: actor.id, requestId: null, ip: null, meta: null };
  const [action, meta] = x < 0.2 ? ["detainee.create", { teamId: "t" }]
    : x < 0.45 ? ["detainee.update", { fields: ["narrative", "healthConcerns"] }]
      : x < 0.65 ? ["detainee.restricted.view", { fields: ["familyContacts"] }]
        : x < 0.78 ? ["note.add", { kind: "NOTE", confidential: false }]
          : x < 0.88 ? ["custody.add", { open: true }]
            : x < 0.94 ? ["detainee.status.change", { from: "DETAINED", to: "REPATRIATED" }]
              : x < 0.97 ? ["consent.record", { channel: "WGAD" }]
                : ["indicator.create", { type: "INTERROGATION_COMPLETED" }];
  return { at, actorId: actor.id, actorLabel: actor.email, action, entityType: "Detainee", entityId: ids[i]!, requestId, ip, meta };
}

const BULK_TABLES = ["Detainee", "CustodyPeriod", "Activity", "AuditLog", "Indicator", "RepatriationEventDetainee", "Consent", "DetaineeAssignment", "RepatriationEvent", "DetentionFacility"];
const ts3 = (name: string): Column => ({ name, type: "text", cast: "timestamp(3)" });
const DETAINEE_COLUMNS: Column[] = [
  { name: "id", type: "text" }, { name: "caseNumber", type: "text" }, { name: "teamId", type: "text" }, { name: "familyNameRoman", type: "text" },
  { name: "givenNameRoman", type: "text" }, { name: "nameHangul", type: "text" }, { name: "nameChinese", type: "text" },
  { name: "aliases", type: "text", expr: "ARRAY(SELECT json_array_elements_text($::json))" }, { name: "searchText", type: "text" },
  { name: "sex", type: "text", cast: '"Sex"' }, { name: "birthDate", type: "text", cast: "date" }, { name: "birthDatePrecision", type: "text", cast: '"DatePrecision"' },
  { name: "estimatedAge", type: "int4" }, { name: "homeProvince", type: "text" }, { name: "status", type: "text", cast: '"DetaineeStatus"' },
  ts3("statusChangedAt"), { name: "arrestDate", type: "text", cast: "date" }, { name: "arrestDatePrecision", type: "text", cast: '"DatePrecision"' },
  { name: "arrestPlace", type: "text" }, { name: "arrestAuthority", type: "text" }, { name: "narrative", type: "text" },
  { name: "narrativeConfidentialEnc", type: "text" }, { name: "healthConcerns", type: "text" }, { name: "hasSouthKoreaLinks", type: "bool" },
  { name: "familyContactsEnc", type: "text" }, { name: "createdById", type: "text" }, ts3("createdAt"), ts3("updatedAt"),
  { name: "riskScore", type: "int4" }, { name: "riskLevel", type: "text" }, ts3("riskComputedAt"),
];
const CUSTODY_COLUMNS: Column[] = [
  { name: "id", type: "text" }, { name: "detaineeId", type: "text" }, { name: "facilityId", type: "text" }, { name: "fromDate", type: "text", cast: "date" },
  { name: "fromPrecision", type: "text", cast: '"DatePrecision"' }, { name: "toDate", type: "text", cast: "date" },
  { name: "toPrecision", type: "text", cast: '"DatePrecision"' }, { name: "howKnown", type: "text" }, { name: "confidence", type: "text", cast: '"Confidence"' },
  ts3("createdAt"), ts3("updatedAt"),
];
const ACTIVITY_COLUMNS: Column[] = [
  { name: "id", type: "text" }, { name: "detaineeId", type: "text" }, { name: "kind", type: "text", cast: '"ActivityKind"' }, { name: "body", type: "text" },
  { name: "isConfidential", type: "bool" }, { name: "bodyEnc", type: "text" }, { name: "meta", type: "text", cast: "jsonb" }, { name: "actorId", type: "text" },
  ts3("occurredAt"), ts3("createdAt"),
];
const CONSENT_COLUMNS: Column[] = [
  { name: "id", type: "text" }, { name: "detaineeId", type: "text" }, { name: "channel", type: "text", cast: '"ConsentChannel"' },
  { name: "naming", type: "text", cast: '"ConsentNaming"' }, { name: "givenBy", type: "text", cast: '"ConsentGivenBy"' },
  { name: "method", type: "text", cast: '"ConsentMethod"' }, { name: "givenOn", type: "text", cast: "date" }, { name: "recordedById", type: "text" }, ts3("createdAt"),
];
const INDICATOR_COLUMNS: Column[] = [
  { name: "id", type: "text" }, { name: "type", type: "text", cast: '"IndicatorType"' }, { name: "facilityId", type: "text" }, { name: "detaineeId", type: "text" },
  { name: "observedOn", type: "text", cast: "date" }, { name: "confidence", type: "text", cast: '"Confidence"' }, { name: "description", type: "text" },
  { name: "createdById", type: "text" }, ts3("createdAt"),
];
