// Long loops of the background jobs run in the same process as requests: giving the event loop a
// turn every few hundred items keeps a 2,000-facility or 2,000-person pass from holding every
// other user's request for its whole length (issue 11: no stall over 50 ms).
import { setImmediate as nextTurn } from "node:timers/promises";

/** Lets waiting I/O and requests run when `i` is a multiple of `every` (and not 0). */
export async function yieldEvery(i: number, every: number): Promise<void> {
  if (i > 0 && i % every === 0) await nextTurn();
}
