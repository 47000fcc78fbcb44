import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveDate, scoreDetainee, scoreFacility, type FacilityRiskInput, type RiskEventInput, type RiskIndicatorInput } from "./model";

// Noon UTC so "yesterday" is 1.5 days for a DAY-precision date (stored at UTC midnight).
const NOW = new Date("2026-06-15T12:00:00Z");
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.UTC(2026, 5, 15) - n * DAY);
const confirmed = (when: Date, count: number): RiskEventInput => ({ date: when, precision: "DAY", verification: "CONFIRMED", reportedMin: count, reportedMax: count });
const border = (events: RiskEventInput[] = []): FacilityRiskInput => ({ type: "BORDER_DEFENCE_STATION", events, indicators: [], regionalEvents: [] });
const sum = (r: { contributions: { points: number }[] }) => r.contributions.reduce((s, c) => s + c.points, 0);

describe("worked examples (same numbers as docs/risk-model.md)", () => {
  it("border station after a confirmed return of 180 yesterday: 76 IMMINENT", () => {
    const r = scoreFacility(border([confirmed(daysAgo(1), 180)]), NOW);
    expect(r).toMatchObject({ score: 76, level: "IMMINENT" });
    expect(r.contributions).toEqual([
      { key: "facilityType", points: 30, params: { type: "BORDER_DEFENCE_STATION" } },
      { key: "event", points: 46, params: { verification: "CONFIRMED", days: 1, precision: "DAY", count: 180 } },
    ]);
  });

  it("the same return 200 days ago: 35 ELEVATED", () => {
    const r = scoreFacility(border([confirmed(daysAgo(200), 180)]), NOW);
    expect(r).toMatchObject({ score: 35, level: "ELEVATED" });
    expect(r.contributions.map((c) => [c.key, c.points])).toEqual([["facilityType", 30], ["event", 5]]);
  });

  it("detainee held 75 days in a border station, relatives' supplies refused last week: 54 HIGH", () => {
    const facility = scoreFacility(border(), NOW);
    expect(facility).toMatchObject({ score: 30, level: "ELEVATED" });
    const r = scoreDetainee(
      { status: "DETAINED", facility, daysInCustody: 75, lastTransfer: null, indicators: [{ type: "SUPPLIES_REFUSED", observedOn: daysAgo(7), confidence: "MEDIUM" }] },
      NOW,
    );
    expect(r).toMatchObject({ score: 54, level: "HIGH" });
    expect(r.contributions.map((c) => [c.key, c.points])).toEqual([["facility", 30], ["daysInCustody", 15], ["detaineeIndicator", 9]]);
  });

  it("a DPRK facility scores 0 even right after a return", () => {
    const r = scoreFacility({ type: "DPRK_HOLDING_CENTRE", country: "KP", events: [confirmed(daysAgo(1), 180)], indicators: [], regionalEvents: [] }, NOW);
    expect(r).toEqual({ score: 0, level: "LOW", contributions: [{ key: "facilityTypeDprk", points: 0, params: { type: "DPRK_HOLDING_CENTRE" } }] });
  });

  it("a released person scores 0 with the reason", () => {
    const facility = scoreFacility(border([confirmed(daysAgo(1), 180)]), NOW);
    const r = scoreDetainee({ status: "RELEASED", facility, daysInCustody: 75, lastTransfer: null, indicators: [] }, NOW);
    expect(r).toEqual({ score: 0, level: "LOW", contributions: [{ key: "statusNoRisk", points: 0, params: { status: "RELEASED" } }] });
  });

  it("a recent transfer to the border and a confirmed identity add their points; overflow is shown as capped", () => {
    const facility = scoreFacility(border([confirmed(daysAgo(1), 180)]), NOW);
    const r = scoreDetainee(
      {
        status: "DETAINED", facility, daysInCustody: 10, lastTransfer: { fromType: "PUBLIC_SECURITY_BUREAU", toType: "BORDER_DEFENCE_STATION", on: daysAgo(10) },
        indicators: [{ type: "TRANSFER_TO_BORDER_FACILITY", observedOn: daysAgo(10), confidence: "HIGH" }, { type: "IDENTITY_CONFIRMED_TO_DPRK", observedOn: daysAgo(300), confidence: "HIGH" }],
      },
      NOW,
    );
    expect(r.contributions.map((c) => [c.key, c.points])).toEqual([["facility", 76], ["daysInCustody", 2], ["transferToBorder", 20], ["identityConfirmed", 15], ["capped", -13]]);
    expect(r).toMatchObject({ score: 100, level: "IMMINENT" });
  });

  it("counts a MONTH-precision date from the 15th and a regional wave within 30 days only", () => {
    expect(new Date(effectiveDate(new Date("2024-01-01"), "MONTH")).toISOString().slice(0, 10)).toBe("2024-01-15");
    const wave = (n: number) => scoreFacility({ ...border(), regionalEvents: [confirmed(daysAgo(n), 300)] }, NOW).contributions.find((c) => c.key === "regionalWave");
    expect(wave(10)).toEqual({ key: "regionalWave", points: 15, params: { count: 1, people: 300, windowDays: 30 } });
    expect(wave(40)).toBeUndefined();
  });
});

// ── Properties ────────────────────────────────────────────────────────────────────────────
const verification = fc.constantFrom("REPORTED", "CORROBORATED", "CONFIRMED", "DISPUTED" as const);
const precision = fc.constantFrom("DAY", "MONTH", "YEAR" as const);
const pastDate = fc.integer({ min: -30, max: 2000 }).map(daysAgo); // a few future-dated entries on purpose
const size = fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null });
const event = fc.record({ date: pastDate, precision, verification, reportedMin: size, reportedMax: size });
const indicator: fc.Arbitrary<RiskIndicatorInput> = fc.record({
  type: fc.constantFrom(
    "TRANSFER_TO_BORDER_FACILITY", "INTERROGATION_COMPLETED", "PHOTOGRAPHED_OR_CONFESSION_SIGNED", "DPRK_OFFICIALS_VISIT", "IDENTITY_CONFIRMED_TO_DPRK",
    "SENTENCE_ENDING", "FAMILY_CONTACT_LOST", "SUPPLIES_REFUSED", "VISITS_REFUSED", "BORDER_CROSSING_OPENED", "DIPLOMATIC_CALENDAR", "MASS_TRANSPORT_SEEN", "OTHER" as const,
  ),
  observedOn: pastDate,
  precision,
  confidence: fc.constantFrom("LOW", "MEDIUM", "HIGH" as const),
});
const facilityType = fc.constantFrom(
  "DETENTION_CENTRE", "BORDER_DEFENCE_STATION", "PUBLIC_SECURITY_BUREAU", "PRISON", "DPRK_HOLDING_CENTRE", "LABOUR_TRAINING_CAMP",
  "RE_EDUCATION_CAMP", "POLITICAL_PRISON_CAMP", "INTERROGATION_FACILITY", "OTHER" as const,
);
const facilityInput: fc.Arbitrary<FacilityRiskInput> = fc.record({
  type: facilityType,
  events: fc.array(event, { maxLength: 8 }),
  indicators: fc.array(indicator, { maxLength: 8 }),
  regionalEvents: fc.array(event, { maxLength: 8 }),
});
const status = fc.constantFrom("REPORTED", "DETAINED", "RELEASED", "REPATRIATED", "RESETTLED", "DECEASED", "CLOSED", "DETAINED_IN_DPRK", "DISAPPEARED" as const);
const detaineeParts = fc.record({
  status,
  daysInCustody: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  lastTransfer: fc.option(fc.record({ fromType: fc.option(facilityType, { nil: null }), toType: facilityType, on: pastDate }), { nil: null }),
  indicators: fc.array(indicator, { maxLength: 6 }),
});

describe("properties", () => {
  it("scores are integers in 0..100, the level matches, and the contributions add up to the score", () => {
    fc.assert(
      fc.property(facilityInput, detaineeParts, (f, d) => {
        const fr = scoreFacility(f, NOW);
        const dr = scoreDetainee({ ...d, facility: fr }, NOW);
        for (const r of [fr, dr]) {
          expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 100).toBe(true);
          expect(sum(r)).toBe(r.score);
          expect(r.level).toBe(r.score >= 75 ? "IMMINENT" : r.score >= 50 ? "HIGH" : r.score >= 25 ? "ELEVATED" : "LOW");
        }
      }),
    );
  });

  it("adding a CONFIRMED event (here or in the province) never lowers a facility or detainee score", () => {
    fc.assert(
      fc.property(facilityInput, event, fc.boolean(), detaineeParts, (f, e, regional, d) => {
        const added = { ...e, verification: "CONFIRMED" as const };
        const more = regional ? { ...f, regionalEvents: [...f.regionalEvents, added] } : { ...f, events: [...f.events, added] };
        const [before, after] = [scoreFacility(f, NOW), scoreFacility(more, NOW)];
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(scoreDetainee({ ...d, facility: after }, NOW).score).toBeGreaterThanOrEqual(scoreDetainee({ ...d, facility: before }, NOW).score);
      }),
    );
  });

  it("the same evidence older never counts more than newer", () => {
    fc.assert(
      fc.property(facilityInput, event, indicator, fc.integer({ min: 0, max: 1000 }), detaineeParts, (f, e, i, extra, d) => {
        const older = (x: Date) => new Date(x.getTime() - extra * DAY);
        const withE = (ev: RiskEventInput, ind: RiskIndicatorInput) => ({ ...f, events: [...f.events, ev], regionalEvents: [...f.regionalEvents, ev], indicators: [...f.indicators, ind] });
        const newer = withE(e, i);
        const aged = withE({ ...e, date: older(e.date) }, { ...i, observedOn: older(i.observedOn) });
        expect(scoreFacility(aged, NOW).score).toBeLessThanOrEqual(scoreFacility(newer, NOW).score);
        const base = scoreFacility(f, NOW);
        const det = (ind: RiskIndicatorInput) => scoreDetainee({ ...d, facility: base, indicators: [...d.indicators, ind] }, NOW).score;
        expect(det({ ...i, observedOn: older(i.observedOn) })).toBeLessThanOrEqual(det(i));
      }),
    );
  });

  it("more people in a batch never lowers the score", () => {
    fc.assert(
      fc.property(facilityInput, event, fc.integer({ min: 0, max: 5000 }), (f, e, add) => {
        const bigger = { ...e, reportedMin: e.reportedMin == null ? null : e.reportedMin + add, reportedMax: e.reportedMax == null ? null : e.reportedMax + add };
        const score = (ev: RiskEventInput) => scoreFacility({ ...f, events: [...f.events, ev], regionalEvents: [...f.regionalEvents, ev] }, NOW).score;
        expect(score(bigger)).toBeGreaterThanOrEqual(score(e));
      }),
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(facilityInput, (f) => {
        expect(scoreFacility(f, NOW)).toEqual(scoreFacility(structuredClone(f), NOW));
      }),
    );
  });
});
