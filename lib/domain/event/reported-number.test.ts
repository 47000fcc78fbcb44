import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { describeReportedNumber } from "./reported-number";

describe("describeReportedNumber", () => {
  it("says 'about n' when the sources agree, a range otherwise", () => {
    expect(describeReportedNumber(50, 50)).toEqual({ kind: "about", n: 50 });
    expect(describeReportedNumber(500, 600)).toEqual({ kind: "range", min: 500, max: 600 });
    expect(describeReportedNumber(0, 0)).toEqual({ kind: "about", n: 0 });
  });

  it("handles one end or none known", () => {
    expect(describeReportedNumber(20, null)).toEqual({ kind: "atLeast", n: 20 });
    expect(describeReportedNumber(undefined, 60)).toEqual({ kind: "atMost", n: 60 });
    expect(describeReportedNumber(null, null)).toEqual({ kind: "unknown" });
  });

  it("never shows a range backwards", () => {
    fc.assert(fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => {
      const r = describeReportedNumber(a, b);
      return r.kind === "about" ? a === b : r.kind === "range" && r.min < r.max;
    }));
  });
});
