import { describe, expect, it } from "vitest";
import { scoreDetainee, scoreFacility, type FacilityRiskInput } from "./model";
import { fromStoredExplanation, toStoredExplanation } from "./stored";

const DAY = 86_400_000;
const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (n: number) => new Date(Date.UTC(2026, 5, 15) - n * DAY);
const border: FacilityRiskInput = {
  type: "BORDER_DEFENCE_STATION",
  events: [{ date: daysAgo(10), precision: "DAY", verification: "CONFIRMED", reportedMin: 180, reportedMax: 180 }],
  indicators: [{ type: "SUPPLIES_REFUSED", observedOn: daysAgo(3), confidence: "HIGH" }],
  regionalEvents: [],
};

describe("stored explanations", () => {
  it("read back on the same day, equal the model's result", () => {
    const r = scoreFacility(border, NOW);
    const stored = JSON.parse(JSON.stringify(toStoredExplanation(r, NOW)));
    expect(fromStoredExplanation(stored, r.score, NOW)).toEqual(r);
  });

  it("store ages as a day, so the stored form does not change while nothing else does", () => {
    const person = (now: Date) => scoreDetainee({ status: "DETAINED", facility: { score: 40, level: "ELEVATED", contributions: [] }, daysInCustody: 500, lastTransfer: null, indicators: [] }, now);
    const today = toStoredExplanation(person(NOW), NOW);
    const tomorrow = new Date(NOW.getTime() + DAY);
    // 500 days in custody is past the cap: the points are the same, and so is the stored form…
    expect(toStoredExplanation(scoreDetainee({ status: "DETAINED", facility: { score: 40, level: "ELEVATED", contributions: [] }, daysInCustody: 501, lastTransfer: null, indicators: [] }, tomorrow), tomorrow)).toEqual(today);
    // …and it reads back a day older.
    const read = fromStoredExplanation(today, person(NOW).score, tomorrow)!;
    expect(read.contributions.find((c) => c.key === "daysInCustody")!.params.days).toBe(501);
  });

  it("read on a later day, ages count to that day", () => {
    const r = scoreFacility(border, NOW);
    const later = fromStoredExplanation(toStoredExplanation(r, NOW), r.score, new Date(NOW.getTime() + 5 * DAY))!;
    expect(later.contributions.find((c) => c.key === "event")!.params.days).toBe(15);
    expect(later.contributions.find((c) => c.key === "facilityIndicator")!.params.days).toBe(8);
    expect(later.score).toBe(r.score); // the score is the stored one until the next rescore
  });

  it("nothing stored, or something else stored, reads as no explanation", () => {
    expect(fromStoredExplanation(null, 10, NOW)).toBeNull();
    expect(fromStoredExplanation({ v: 2 }, 10, NOW)).toBeNull();
    expect(fromStoredExplanation(toStoredExplanation(scoreFacility(border, NOW), NOW), null, NOW)).toBeNull();
  });
});
