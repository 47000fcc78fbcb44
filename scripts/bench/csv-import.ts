// Times a 10,000-row CSV import commit (lib/domain/detainee/csv/import.ts commitDetaineeImport,
// the function the import page calls) into the benchmark database, then removes the imported
// cases again so the population stays at N for the next run (their one audit row stays).
import type { SqlRunner } from "@/lib/db/migrate";
import { FAMILY_NAMES, GIVEN_SYLLABLES, rng } from "./data";

export type CsvResult = { rows: number; existing: number; seconds: number | null; created: number | null; error: string | null };

export async function timeCsvImport(runner: SqlRunner, t: { teamA: string; lawyerA: { id: string; email: string; displayName: string } }, rows = 10_000): Promise<CsvResult> {
  const { commitDetaineeImport } = await import("@/lib/domain/detainee/csv/import");
  const r = rng(Date.now() % 1_000_000);
  const run = Date.now().toString(36);
  const lines = ["case_ref,name_hangul,family_name_roman,given_name_roman,sex,birth_date,status,arrest_date,facility,family_contacts"];
  for (let i = 0; i < rows; i++) {
    const fam = r.pick(FAMILY_NAMES), g1 = r.pick(GIVEN_SYLLABLES), g2 = r.pick(GIVEN_SYLLABLES);
    const detained = i % 2 === 0;
    lines.push([
      `BENCH-CSV-${run}-${i}`, `${fam[0]}${g1[0]}${g2[0]}`, fam[1], `${g1[1]}-${g2[1]}`, r.pick(["F", "M"]), String(r.int(1960, 2005)),
      detained ? "DETAINED" : "REPORTED", `2026-${String(r.int(1, 10)).padStart(2, "0")}`, detained ? `CN-0${r.int(1, 9)}` : "", i % 5 ? "" : `Sister 010-${r.int(1000, 9999)}`,
    ].join(","));
  }
  const content = lines.join("\n") + "\n";
  const [{ n: existing } = { n: 0 }] = await runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Detainee"`);
  const viewer = { ...t.lawyerA, role: "LAWYER" as const, locale: "en" as const, teamIds: [t.teamA], requestId: "bench-csv", ip: null };
  const started = Date.now();
  try {
    const outcome = await commitDetaineeImport(viewer, { teamId: t.teamA, content });
    return { rows, existing, seconds: (Date.now() - started) / 1000, created: outcome.created, error: null };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split("\n").map((l) => l.trim()).filter(Boolean).slice(-1)[0] ?? "error";
    return { rows, existing, seconds: (Date.now() - started) / 1000, created: null, error: message.slice(0, 200) };
  } finally {
    await runner.query(`DELETE FROM "Detainee" WHERE "teamId" = $1 AND "importKey" LIKE 'ref:BENCH-CSV-%'`, [t.teamA]);
  }
}
