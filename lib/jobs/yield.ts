// Long loops of the background jobs run in the same process as requests: giving the event loop a
// turn every few hundred items keeps a 2,000-facility or 2,000-person pass from holding every
// other user's request for its whole length (issue 11: no stall over 50 ms).
import { setImmediate as nextTurn } from "node:timers/promises";

/** Lets waiting I/O and requests run when `i` is a multiple of `every` (and not 0). */
export async function yieldEvery(i: number, every: number): Promise<void> {
  if (i > 0 && i % every === 0) await nextTurn();
}

/**
 * For a long job made of steps (the daily rescore's chunks): call the returned function after
 * each step and it rests long enough that the job works at most `duty` of the time (0.5: rest as
 * long as the step took, capped at `maxRestMs`). On a two-core server the whole-registry rescore
 * otherwise takes a core and much of the database for a minute at 100,000 cases, and the first
 * visitors of the day wait behind it; at half duty it takes twice as long and they do not.
 */
export function pacer(duty: number, opts: { now?: () => number; sleep?: (ms: number) => Promise<void>; maxRestMs?: number } = {}): () => Promise<void> {
  const now = opts.now ?? (() => performance.now());
  const rest = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const factor = duty > 0 && duty < 1 ? 1 / duty - 1 : 0;
  let last = now();
  return async () => {
    const worked = now() - last;
    const ms = Math.min(worked * factor, opts.maxRestMs ?? 2_000);
    if (ms >= 1) await rest(ms);
    last = now();
  };
}

/** The daily job's duty cycle: HAVEN_JOB_DUTY (0 < d ≤ 1), 0.5 unless set; 1 runs flat out. */
export function jobDuty(env: Record<string, string | undefined> = process.env): number {
  const d = Number(env.HAVEN_JOB_DUTY ?? 0.5);
  return Number.isFinite(d) && d > 0 && d <= 1 ? d : 0.5;
}
