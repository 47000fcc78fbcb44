import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreFacility, type FacilityRiskInput, type RiskEventInput, type RiskIndicatorInput } from "./model";
import { inputsAsOf } from "./inputs";
import { computeHistory, extendHistory, historyPoints } from "./history";
import { levelFor } from "./model";

const DAY = 86_400_000;
const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (n: number, from = NOW) => new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()) - n * DAY);

/** The definition: each day scored from what was known by then (the old, quadratic way). */
function naive(input: FacilityRiskInput, now: Date, days: number): number[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const out: number[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(today - i * DAY);
    out.push(scoreFacility(inputsAsOf(input, day), day).score);
  }
  return out;
}

const verification = fc.constantFrom("REPORTED", "CORROBORATED", "CONFIRMED", "DISPUTED" as const);
const precision = fc.constantFrom("DAY", "MONTH", "YEAR" as const);
const when = fc.integer({ min: -20, max: 400 }).map((n) => daysAgo(n));
const event: fc.Arbitrary<RiskEventInput> = fc.record({
  date: when, precision, verification,
  reportedMin: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }), reportedMax: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
});
const indicator: fc.Arbitrary<RiskIndicatorInput> = fc.record({
  type: fc.constantFrom("MASS_TRANSPORT_SEEN", "SUPPLIES_REFUSED", "DPRK_OFFICIALS_VISIT", "OTHER" as const),
  observedOn: when, precision, confidence: fc.constantFrom("HIGH", "MEDIUM", "LOW" as const),
});
const input: fc.Arbitrary<FacilityRiskInput> = fc.record({
  type: fc.constantFrom("BORDER_DEFENCE_STATION", "DETENTION_CENTRE", "PUBLIC_SECURITY_BUREAU" as const),
  country: fc.constant("CN"),
  events: fc.array(event, { maxLength: 8 }),
  indicators: fc.array(indicator, { maxLength: 5 }),
  regionalEvents: fc.array(event, { maxLength: 12 }),
});

describe("stored facility history", () => {
  it("equals scoring each day from what was known by then", () => {
    fc.assert(fc.property(input, (i) => {
      const h = computeHistory(i, NOW, 60);
      expect(h.start).toBe(daysAgo(59).toISOString().slice(0, 10));
      expect(h.scores).toEqual(naive(i, NOW, 60));
    }), { numRuns: 150 });
  });

  it("extending by a day gives the same as recomputing on that day", () => {
    fc.assert(fc.property(input, (i) => {
      const yesterday = new Date(NOW.getTime() - DAY);
      const extended = extendHistory(computeHistory(i, yesterday, 30), i, NOW, 30);
      expect(extended).toEqual(computeHistory(i, NOW, 30));
      // Run twice on the same day: today's point is replaced, not added.
      expect(extendHistory(extended, i, NOW, 30)).toEqual(extended);
    }), { numRuns: 100 });
  });

  it("a history with a gap, or none, is recomputed whole", () => {
    const i: FacilityRiskInput = { type: "BORDER_DEFENCE_STATION", events: [{ date: daysAgo(3), precision: "DAY", verification: "CONFIRMED", reportedMin: 100, reportedMax: 100 }], indicators: [], regionalEvents: [] };
    const stale = computeHistory(i, new Date(NOW.getTime() - 5 * DAY), 30);
    expect(extendHistory(stale, i, NOW, 30)).toEqual(computeHistory(i, NOW, 30));
    expect(extendHistory(null, i, NOW, 30)).toEqual(computeHistory(i, NOW, 30));
    expect(extendHistory({ start: "bad", scores: [] }, i, NOW, 30)).toEqual(computeHistory(i, NOW, 30));
  });

  it("the chart reads only days inside its window, with levels from the scores", () => {
    const i: FacilityRiskInput = { type: "BORDER_DEFENCE_STATION", events: [{ date: daysAgo(1), precision: "DAY", verification: "CONFIRMED", reportedMin: 180, reportedMax: 180 }], indicators: [], regionalEvents: [] };
    const h = computeHistory(i, NOW, 180);
    const points = historyPoints(h, new Date(NOW.getTime() + 2 * DAY), 180, levelFor);
    expect(points).toHaveLength(178); // two days later, the two oldest have left the window
    expect(points.at(-1)).toEqual({ day: NOW.toISOString().slice(0, 10), score: h.scores.at(-1), level: levelFor(h.scores.at(-1)!) });
    expect(points.at(-1)!.level).toBe("IMMINENT");
    expect(historyPoints(undefined, NOW, 180, levelFor)).toEqual([]);
  });

  it("costs time in proportion to the facility's records, not the square of the province's", () => {
    const many = (n: number): RiskEventInput[] => Array.from({ length: n }, (_, k) => ({ date: daysAgo(k % 3000), precision: "DAY", verification: "REPORTED", reportedMin: 5, reportedMax: 5 }));
    // Count reads of the province's events: the definition reads every one of them each day.
    const reads = (n: number) => {
      let count = 0;
      const list = new Proxy(many(n), { get(t, p) { if (typeof p === "string" && /^\d+$/.test(p)) count++; return Reflect.get(t, p); } });
      computeHistory({ type: "BORDER_DEFENCE_STATION", events: [], indicators: [], regionalEvents: list }, NOW, 180);
      return count;
    };
    expect(reads(3000)).toBeLessThanOrEqual(2 * 3000); // sorted once, then only each day's window
    let naiveReads = 0;
    const list = new Proxy(many(3000), { get(t, p) { if (typeof p === "string" && /^\d+$/.test(p)) naiveReads++; return Reflect.get(t, p); } });
    naive({ type: "BORDER_DEFENCE_STATION", events: [], indicators: [], regionalEvents: list }, NOW, 180);
    expect(naiveReads).toBeGreaterThan(100 * 3000); // positive control: the quadratic way is caught by the same count
  });
});
