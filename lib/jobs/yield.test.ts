import { describe, expect, it } from "vitest";
import { jobDuty, pacer } from "./yield";

function clock() {
  let t = 0;
  const slept: number[] = [];
  return { now: () => t, advance: (ms: number) => (t += ms), sleep: async (ms: number) => { slept.push(ms); t += ms; }, slept };
}

describe("pacer", () => {
  it("rests as long as each step worked at half duty, a third as long at 3/4", async () => {
    const c = clock();
    const pace = pacer(0.5, c);
    c.advance(100); await pace();
    c.advance(40); await pace();
    expect(c.slept).toEqual([100, 40]);
    const d = clock();
    const three = pacer(0.75, d);
    d.advance(90); await three();
    expect(d.slept[0]).toBeCloseTo(30);
  });

  it("never rests longer than the cap, and not at all at full duty", async () => {
    const c = clock();
    const pace = pacer(0.5, { ...c, maxRestMs: 500 });
    c.advance(10_000); await pace();
    expect(c.slept).toEqual([500]);
    const f = clock();
    const flat = pacer(1, f);
    f.advance(1_000); await flat();
    expect(f.slept).toEqual([]);
  });

  it("reads HAVEN_JOB_DUTY, falling back to 0.5 for nonsense", () => {
    expect(jobDuty({})).toBe(0.5);
    expect(jobDuty({ HAVEN_JOB_DUTY: "1" })).toBe(1);
    expect(jobDuty({ HAVEN_JOB_DUTY: "0.25" })).toBe(0.25);
    expect(jobDuty({ HAVEN_JOB_DUTY: "0" })).toBe(0.5);
    expect(jobDuty({ HAVEN_JOB_DUTY: "two" })).toBe(0.5);
  });
});
