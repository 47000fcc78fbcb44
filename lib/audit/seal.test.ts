// The background sealer's timing (lib/audit/seal.ts createSealScheduler), with fake timers: writes
// are coalesced into one pass, a write during a pass gets another, rows of transactions that
// commit late are caught by follow-ups until the trailing window ends, and a failing pass neither
// throws nor stops the next one.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSealScheduler, type SealResult } from "./seal";

const done: SealResult = { sealed: 1, busy: false, more: false };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(seal: () => Promise<SealResult> = async () => done) {
  const calls: number[] = [];
  const errors: unknown[] = [];
  const scheduler = createSealScheduler({
    seal: async () => {
      calls.push(Date.now());
      return seal();
    },
    kickMs: 100,
    followUpMs: 1_000,
    trailingMs: 5_000,
    now: () => Date.now(),
    onError: (e) => errors.push(e),
  });
  return { scheduler, calls, errors };
}

describe("background sealing", () => {
  it("coalesces a burst of writes into one pass shortly after, without running anything synchronously", async () => {
    const { scheduler, calls } = setup();
    for (let i = 0; i < 10; i++) scheduler.request();
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(99);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    scheduler.stop();
  });

  it("follows up every second until the trailing window after the last write, then stops", async () => {
    const { scheduler, calls } = setup();
    scheduler.request();
    await vi.advanceTimersByTimeAsync(100 + 10_000);
    // One kick, then follow-ups at 1.1, 2.1, 3.1, 4.1 and 5.1 s (the last one starts inside the window).
    expect(calls).toHaveLength(6);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(6);
    await scheduler.idle();
  });

  it("runs again soon when a write arrives during a pass, or the pass stopped with more to do", async () => {
    let release!: () => void;
    let first = true;
    const { scheduler, calls } = setup(async () => {
      if (first) {
        first = false;
        await new Promise<void>((r) => (release = r));
        return { sealed: 500, busy: false, more: true };
      }
      return done;
    });
    scheduler.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    scheduler.request(); // during the pass: no second pass at the same time
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2);
    scheduler.stop();
  });

  it("with a sweep interval, keeps sealing now and then after the trailing window", async () => {
    const calls: number[] = [];
    const scheduler = createSealScheduler({ seal: async () => (calls.push(Date.now()), done), kickMs: 100, followUpMs: 1_000, trailingMs: 2_000, sweepMs: 60_000 });
    scheduler.request();
    await vi.advanceTimersByTimeAsync(2_100); // kick, two follow-ups
    expect(calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(calls).toHaveLength(6);
    // A write while only the sweep is due is sealed at the kick, not at the next sweep.
    scheduler.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(7);
    scheduler.stop();
  });

  it("logs a failed pass and keeps going", async () => {
    let fail = true;
    const { scheduler, calls, errors } = setup(async () => {
      if (fail) {
        fail = false;
        throw new Error("database gone");
      }
      return done;
    });
    scheduler.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(2);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
  });
});
