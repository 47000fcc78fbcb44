// Times a 10,000-row CSV import through HTTP, as a browser without JavaScript does it (issue 12
// item 9): the file posted to the upload route (/api/uploads/csv-import, which checks and stages
// it), the preview page of the staged file, and its commit form (posting to
// /api/uploads/csv-import/<staged id> with nothing but the button). Then removes the imported cases again so the population stays at N for the next run
// (their one audit row stays).
import type { SqlRunner } from "@/lib/db/migrate";
import { FAMILY_NAMES, GIVEN_SYLLABLES, rng } from "./data";
import type { Session } from "./http";

export type CsvResult = {
  rows: number; bytes: number; existing: number; seconds: number | null; uploadSeconds: number | null; previewSeconds: number | null;
  commitSeconds: number | null; created: number | null; error: string | null;
};

export async function timeCsvImport(runner: SqlRunner, session: Session, t: { teamA: string }, rows = 10_000): Promise<CsvResult> {
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
  const bytes = Buffer.byteLength(content, "utf8");
  const started = Date.now();
  const times = { uploadSeconds: null as number | null, previewSeconds: null as number | null, commitSeconds: null as number | null };
  const since = (t0: number) => (Date.now() - t0) / 1000;
  try {
    let t0 = Date.now();
    const up = await session.postFile("/api/uploads/csv-import", [["teamId", t.teamA]], { name: "bench.csv", type: "text/csv", content }, 300_000);
    times.uploadSeconds = since(t0);
    const location = String(up.headers.location ?? "");
    const staged = /[?&]staged=([A-Za-z0-9_-]+)/.exec(location)?.[1];
    if (up.status !== 303 || !staged) throw new Error(`upload: HTTP ${up.status} → ${location || up.body.toString("utf8").slice(0, 200)}`);
    const page = `/detainees/import?staged=${staged}`;
    t0 = Date.now();
    const preview = await session.get(page, 300_000);
    times.previewSeconds = since(t0);
    if (preview.status !== 200) throw new Error(`preview: HTTP ${preview.status}`);
    t0 = Date.now();
    if (!preview.body.toString("utf8").includes(`/api/uploads/csv-import/${staged}`)) throw new Error("preview: no commit form");
    const commit = await session.postForm(`/api/uploads/csv-import/${staged}`, [["intent", "commit"]], 300_000);
    times.commitSeconds = since(t0);
    const done = String(commit.headers.location ?? "");
    const created = Number(/[?&]imported=(\d+)/.exec(done)?.[1] ?? Number.NaN);
    if (commit.status !== 303 || !Number.isInteger(created)) throw new Error(`commit: HTTP ${commit.status} ${done}`);
    return { rows, bytes, existing, seconds: since(started), ...times, created, error: null };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split("\n").map((l) => l.trim()).filter(Boolean).slice(-1)[0] ?? "error";
    return { rows, bytes, existing, seconds: since(started), ...times, created: null, error: message.slice(0, 200) };
  } finally {
    await runner.query(`DELETE FROM "Detainee" WHERE "teamId" = $1 AND "importKey" LIKE 'ref:BENCH-CSV-%'`, [t.teamA]);
  }
}
