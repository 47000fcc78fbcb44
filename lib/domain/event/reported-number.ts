// How many people an event reportedly involved, as a message choice: "about 50" when the sources
// agree on one figure, "50–60" for a range, "at least 50" / "up to 60" when one end is unknown.
export type ReportedNumber =
  | { kind: "about"; n: number }
  | { kind: "range"; min: number; max: number }
  | { kind: "atLeast"; n: number }
  | { kind: "atMost"; n: number }
  | { kind: "unknown" };

export function describeReportedNumber(min: number | null | undefined, max: number | null | undefined): ReportedNumber {
  if (min == null && max == null) return { kind: "unknown" };
  if (min != null && max != null) return min === max ? { kind: "about", n: min } : { kind: "range", min: Math.min(min, max), max: Math.max(min, max) };
  return min != null ? { kind: "atLeast", n: min } : { kind: "atMost", n: max! };
}
