// Custody periods must form a chain: each starts no earlier than it ends, they do not overlap,
// and at most one is open. Dates may be partial, so each is widened to the whole period it
// could mean before comparing ("from 2023-10" starts 1 Oct; "to 2023-10" ends 31 Oct).
import { partialDateEnd, type PartialDate } from "@/lib/dates/partial-date";

export type Period = { id?: string; from: PartialDate; to: PartialDate | null };

const DAY = 86_400_000;

function bounds(p: Period): [number, number] {
  return [p.from.date.getTime(), p.to ? partialDateEnd(p.to).getTime() : Number.POSITIVE_INFINITY];
}

/** "inverted" | "overlap" | "secondOpen" when `candidate` cannot join `existing`, else null. */
export function periodProblem(candidate: Period, existing: readonly Period[]): "inverted" | "overlap" | "secondOpen" | null {
  const [start, end] = bounds(candidate);
  if (candidate.to && partialDateEnd(candidate.to).getTime() < start) return "inverted";
  for (const other of existing) {
    if (candidate.id && other.id === candidate.id) continue;
    if (!candidate.to && !other.to) return "secondOpen";
    const [oStart, oEnd] = bounds(other);
    // A transfer day may end one period and start the next: touching is allowed.
    if (start < oEnd && oStart < end && !(end - oStart < DAY) && !(oEnd - start < DAY)) return "overlap";
  }
  return null;
}

/** The current period: the open one, if any. */
export function currentPeriod<T extends Period>(periods: readonly T[]): T | null {
  return periods.find((p) => p.to === null) ?? null;
}
