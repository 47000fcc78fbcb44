import { describe, expect, it } from "vitest";
import { parsePartialDate } from "@/lib/dates/partial-date";
import { periodProblem, type Period } from "./periods";

const d = (s: string) => parsePartialDate(s)!;
const p = (from: string, to?: string, id?: string): Period => ({ id, from: d(from), to: to ? d(to) : null });

describe("custody period rules", () => {
  it("accepts a chain of consecutive periods, touching on the transfer day", () => {
    expect(periodProblem(p("2024-03-10"), [p("2023-10-09", "2024-03-10")])).toBeNull();
    expect(periodProblem(p("2024-04"), [p("2023-10", "2024-03")])).toBeNull();
  });

  it("rejects an inverted period", () => {
    expect(periodProblem(p("2024-05-01", "2024-04-30"), [])).toBe("inverted");
  });

  it("rejects overlap, including through partial dates", () => {
    expect(periodProblem(p("2024-01-15", "2024-02-01"), [p("2024-01-01", "2024-01-31")])).toBe("overlap");
    // "to 2024-03" could mean any day of March, so a period starting 10 March overlaps it
    expect(periodProblem(p("2024-03-10"), [p("2024-01", "2024-03")])).toBe("overlap");
  });

  it("rejects a second open period", () => {
    expect(periodProblem(p("2025-01-01"), [p("2024-01-01")])).toBe("secondOpen");
  });

  it("ignores the period being edited", () => {
    expect(periodProblem(p("2024-01-01", "2024-06-01", "a"), [p("2024-01-01", "2024-02-01", "a")])).toBeNull();
  });
});
