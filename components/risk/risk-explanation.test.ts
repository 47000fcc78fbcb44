import { describe, expect, it } from "vitest";
import type { Contribution } from "@/lib/domain/risk/model";
import { strongest } from "./risk-explanation";

const event = (points: number): Contribution => ({ key: "event", points, params: { days: points } });

describe("the explanation's lines", () => {
  it("lists every contribution when there are few", () => {
    const all = [{ key: "facilityType", points: 30, params: {} } as Contribution, event(20), event(3)];
    expect(strongest(all, 12)).toEqual({ shown: all, rest: { count: 0, points: 0 } });
  });

  it("keeps the type, the cap and the strongest in order, and sums the rest so the list still adds up", () => {
    const all: Contribution[] = [{ key: "facilityType", points: 30, params: {} }, ...Array.from({ length: 300 }, (_, i) => event(i % 7 === 0 ? 9 : 1)), { key: "capped", points: -400, params: { max: 100 } }];
    const { shown, rest } = strongest(all, 12);
    expect(shown).toHaveLength(12);
    expect(shown[0]!.key).toBe("facilityType");
    expect(shown.at(-1)!.key).toBe("capped");
    expect(shown.filter((c) => c.key === "event").every((c) => c.points === 9)).toBe(true);
    expect(rest.count).toBe(all.length - 12);
    const total = (cs: Contribution[]) => cs.reduce((s, c) => s + c.points, 0);
    expect(total(shown) + rest.points).toBe(total(all));
  });
});
