import { describe, expect, it } from "vitest";
import type { EventListRow } from "@/lib/domain/event/queries";
import type { IndicatorRow } from "@/lib/domain/indicator/queries";
import { facilityTimeline } from "./timeline";

const day = (n: number) => ({ date: new Date(Date.UTC(2026, 0, 1 + n)), precision: "DAY" as const });
const event = (n: number) => ({ id: `e${n}`, date: day(n) }) as unknown as EventListRow;
const indicator = (n: number) => ({ id: `i${n}`, observedOn: day(n) }) as unknown as IndicatorRow;

describe("facilityTimeline", () => {
  it("puts returns and warning signs on one line, newest first", () => {
    const { shown, total } = facilityTimeline([event(1), event(5)], [indicator(3), indicator(7)]);
    expect(shown.map((s) => s.key)).toEqual(["ii7", "ee5", "ii3", "ee1"]);
    expect(total).toBe(4);
  });

  it("keeps the newest `limit` and counts them all", () => {
    const events = Array.from({ length: 30 }, (_, n) => event(n));
    const indicators = Array.from({ length: 84 }, (_, n) => indicator(100 + n));
    const { shown, total } = facilityTimeline(events, indicators, 20);
    expect(total).toBe(114);
    expect(shown).toHaveLength(20);
    expect(shown[0]!.key).toBe("ii183");
    expect(shown.every((s) => s.kind === "indicator")).toBe(true);
    expect(facilityTimeline(events, [], 20).shown).toHaveLength(20);
    expect(facilityTimeline(events.slice(0, 5), [], 20).shown).toHaveLength(5);
  });
});
