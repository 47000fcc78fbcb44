import { describe, expect, it } from "vitest";
import { renderPetitionPdfOffThread } from "./pdf-thread";
import { renderPetitionPdf } from "./pdf";
import { longPetition, shortPetition } from "./test-documents";

describe("PDF export on its worker thread", () => {
  it("produces the same bytes as rendering in the process", async () => {
    const doc = shortPetition();
    const [a, b] = await Promise.all([renderPetitionPdfOffThread(doc), renderPetitionPdf(doc)]);
    expect(a.subarray(0, 5).toString()).toBe("%PDF-");
    expect(Buffer.compare(a, b)).toBe(0);
  }, 60_000);

  it("keeps the event loop free while it renders", async () => {
    await renderPetitionPdfOffThread(shortPetition()); // the thread starts and parses its font
    await renderPetitionPdf(shortPetition()); // so does this process
    // Positive control: rendering in the process blocks the loop for the whole render.
    const inProcess = await longestStall(() => renderPetitionPdf(longPetition(60)));
    const offThread = await longestStall(() => Promise.all([renderPetitionPdfOffThread(longPetition(60)), renderPetitionPdfOffThread(longPetition(60))]));
    expect(inProcess).toBeGreaterThan(50);
    expect(offThread).toBeLessThan(inProcess / 2);
  }, 60_000);

  it("reports a render error to the caller and keeps serving", async () => {
    const bad = { ...shortPetition(), sections: null } as unknown as Parameters<typeof renderPetitionPdf>[0];
    await expect(renderPetitionPdfOffThread(bad)).rejects.toThrow();
    const ok = await renderPetitionPdfOffThread(shortPetition());
    expect(ok.subarray(0, 5).toString()).toBe("%PDF-");
  }, 60_000);
});

/** The longest gap, in ms, between ticks of a 2 ms timer while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 2);
  await new Promise((r) => setTimeout(r, 10));
  await work();
  await new Promise((r) => setTimeout(r, 10));
  clearInterval(timer);
  return longest;
}
