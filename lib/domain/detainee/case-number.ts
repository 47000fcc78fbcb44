// Case numbers: "HV-<year>-<4 random>-<4 random>", e.g. HV-2026-K7Q3-X9PM. Random rather than a
// counter, so a number reveals nothing about how many cases the installation (other teams
// included) opened before it (issue 12, docs/security.md). 30 unambiguous symbols (no 0/O, 1/I/L,
// U), 8 of them: 6.6 × 10^11 numbers a year, so a clash is rare and simply drawn again. Numbers
// issued before (HV-2026-0042, from the old per-year counter) stay as they are.
import { randomInt } from "node:crypto";
import type { Tx } from "@/lib/db/client";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const MAX_ATTEMPTS = 8;

/** Every case number Haven has issued: the old counter form and the random form. */
export const CASE_NUMBER_PATTERN = /^HV-\d{4}-(?:\d{4,}|[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4})$/;

export function randomCaseNumber(year: number): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `HV-${year}-${pick()}-${pick()}`;
}

/** A case number not yet used; `draw` is replaceable for tests. */
export async function nextCaseNumber(tx: Tx, year = new Date().getUTCFullYear(), draw: (year: number) => string = randomCaseNumber): Promise<string> {
  return (await newCaseNumbers(tx, year, 1, draw))[0]!;
}

/** n distinct case numbers not yet used (one query per round; clashes are drawn again). */
export async function newCaseNumbers(tx: Tx, year: number, n: number, draw: (year: number) => string = randomCaseNumber): Promise<string[]> {
  const chosen = new Set<string>();
  for (let attempt = 0; chosen.size < n; attempt++) {
    if (attempt >= MAX_ATTEMPTS) throw new Error("Could not draw an unused case number; try again.");
    const want = n - chosen.size;
    const candidates = new Set<string>();
    for (let draws = 0; candidates.size < want && draws < want * 2 + 8; draws++) {
      const c = draw(year);
      if (!chosen.has(c)) candidates.add(c);
    }
    const list = [...candidates];
    const taken = new Set((await tx.$queryRaw<{ caseNumber: string }[]>`
      SELECT "caseNumber" FROM "Detainee" WHERE "caseNumber" = ANY(${list}::text[])`).map((r) => r.caseNumber));
    for (const c of list) if (!taken.has(c)) chosen.add(c);
  }
  return [...chosen];
}
