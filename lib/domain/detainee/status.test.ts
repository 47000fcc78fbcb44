import { describe, expect, it } from "vitest";
import { ALL_STATUSES, canTransition, STATUS_TRANSITIONS } from "./status";

describe("status transitions", () => {
  it("follows PRODUCT.md: REPORTED → DETAINED → REPATRIATED → DETAINED_IN_DPRK | DISAPPEARED", () => {
    expect(canTransition("REPORTED", "DETAINED")).toBe(true);
    expect(canTransition("DETAINED", "REPATRIATED")).toBe(true);
    expect(canTransition("REPATRIATED", "DETAINED_IN_DPRK")).toBe(true);
    expect(canTransition("REPATRIATED", "DISAPPEARED")).toBe(true);
  });

  it("refuses moves that make no sense", () => {
    expect(canTransition("DETAINED", "DETAINED_IN_DPRK")).toBe(false); // must be repatriated first
    expect(canTransition("RESETTLED", "REPATRIATED")).toBe(false);
    expect(canTransition("DECEASED", "DETAINED")).toBe(false);
    expect(canTransition("DETAINED", "DETAINED")).toBe(false);
  });

  it("covers every status and never targets an unknown one", () => {
    for (const s of ALL_STATUSES) {
      expect(STATUS_TRANSITIONS[s].length).toBeGreaterThan(0);
      for (const t of STATUS_TRANSITIONS[s]) expect(ALL_STATUSES).toContain(t);
    }
  });
});
