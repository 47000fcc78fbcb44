import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatPartialDate, parsePartialDate, partialDateEnd, partialDateToInput } from "./partial-date";

describe("partial dates", () => {
  it("parses each precision to the first day of the period", () => {
    expect(parsePartialDate("2023")).toEqual({ date: new Date("2023-01-01T00:00:00Z"), precision: "YEAR" });
    expect(parsePartialDate("2023-10")).toEqual({ date: new Date("2023-10-01T00:00:00Z"), precision: "MONTH" });
    expect(parsePartialDate(" 2023-10-09 ")).toEqual({ date: new Date("2023-10-09T00:00:00Z"), precision: "DAY" });
  });

  it("rejects impossible and malformed dates", () => {
    for (const bad of ["", "23", "2023-13", "2023-02-30", "2023-1-1x", "October 2023", "1850"]) {
      expect(parsePartialDate(bad), bad).toBeNull();
    }
  });

  it("formats in English and Korean to the precision known", () => {
    const day = parsePartialDate("2023-10-09");
    const month = parsePartialDate("2023-10");
    const year = parsePartialDate("2023");
    expect(formatPartialDate(day, "en")).toBe("9 October 2023");
    expect(formatPartialDate(month, "en")).toBe("October 2023");
    expect(formatPartialDate(year, "en")).toBe("2023");
    expect(formatPartialDate(day, "ko")).toBe("2023년 10월 9일");
    expect(formatPartialDate(month, "ko")).toBe("2023년 10월");
    expect(formatPartialDate(year, "ko")).toBe("2023년");
  });

  it("gives the last possible day of a period", () => {
    expect(partialDateEnd(parsePartialDate("2024-02")!).toISOString().slice(0, 10)).toBe("2024-02-29");
    expect(partialDateEnd(parsePartialDate("2023")!).toISOString().slice(0, 10)).toBe("2023-12-31");
  });

  it("round-trips through the input form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom("DAY", "MONTH", "YEAR"), (y, m, d, p) => {
        const text = p === "YEAR" ? `${y}` : p === "MONTH" ? `${y}-${String(m).padStart(2, "0")}` : `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const parsed = parsePartialDate(text);
        expect(parsed?.precision).toBe(p);
        expect(partialDateToInput(parsed)).toBe(text);
      }),
    );
  });
});
