import type { Tx } from "@/lib/db/client";

/** Next human-readable case number for the year, e.g. HV-2026-0042; atomic under concurrency. */
export async function nextCaseNumber(tx: Tx, year = new Date().getUTCFullYear()): Promise<string> {
  const rows = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "CaseNumberCounter" ("year", "value") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "value" = "CaseNumberCounter"."value" + 1
    RETURNING "value"`;
  const value = Number(rows[0]?.value);
  return `HV-${year}-${String(value).padStart(4, "0")}`;
}
