import { describe, expect, it } from "vitest";
import { wgeidUrgentAction } from "./wgeid-urgent-action";
import { fullText, sampleData, samplePerson } from "./sample-data";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const disappeared = (date: string, precision: "DAY" | "MONTH" | "YEAR", handoverPoint: string | null = "Tumen–Namyang bridge") =>
  samplePerson({
    status: "DISAPPEARED",
    currentFacility: null,
    custody: [{ ...samplePerson().custody[0]!, to: { date: d(date), precision } }],
    returns: [{ date: { date: d(date), precision }, handoverPoint, reportedMin: null, reportedMax: null, verification: "CONFIRMED" }],
  });

describe("WGEID urgent action", () => {
  it("is one form per person", () => {
    expect([wgeidUrgentAction.minDetainees, wgeidUrgentAction.maxDetainees]).toEqual([1, 1]);
  });

  it("has the six required elements as its numbered sections", () => {
    const headings = wgeidUrgentAction.generate(sampleData([disappeared("2026-10-02", "DAY")])).sections.map((s) => s.heading);
    for (const n of ["1.", "2.", "3.", "4.", "5.", "6."]) expect(headings.some((h) => h.startsWith(`${n} `)), n).toBe(true);
  });

  it("gives the date and place of the handover and asks for the urgent procedure within three months", () => {
    const text = fullText(wgeidUrgentAction.generate(sampleData([disappeared("2026-10-02", "DAY")])));
    expect(text).toContain("to the authorities of the Democratic People's Republic of Korea on 2 October 2026");
    expect(text).toContain("The handover took place at Tumen–Namyang bridge");
    expect(text).toContain("the urgent action procedure is therefore requested");
  });

  it("does not claim the urgent procedure after three months", () => {
    const text = fullText(wgeidUrgentAction.generate(sampleData([disappeared("2026-06-01", "MONTH")])));
    expect(text).toContain("in June 2026");
    expect(text).not.toContain("urgent action procedure is therefore requested");
  });

  it("needs at least the month and year of the disappearance", () => {
    const data = sampleData([disappeared("2026-01-01", "YEAR")]);
    expect(wgeidUrgentAction.checks(data).find((c) => c.key.startsWith("disappearance:"))).toMatchObject({ present: false, fixHref: "/detainees/det1#status" });
    expect(fullText(wgeidUrgentAction.generate(data))).toContain("[date (at least month and year) and place of the disappearance — missing]");
  });

  it("counts a person still held in China as not (yet) disappeared", () => {
    const checks = wgeidUrgentAction.checks(sampleData([samplePerson()]));
    expect(checks.find((c) => c.key.startsWith("disappearance:"))?.present).toBe(false);
  });
});
