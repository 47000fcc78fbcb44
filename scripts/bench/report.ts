// The benchmark's results as a markdown table, checked against issue 11's budgets, and written
// into docs/performance.md between the results markers (everything else in the file is kept).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CsvResult } from "./csv-import";
import type { EventLoop, Latency, Load } from "./measure";

export type PageResult = {
  key: string;
  label: string;
  path: string;
  /** Dashboard only: visits on the first minutes of a day, while the daily job runs. */
  cold: Latency | null;
  seq: Latency;
  bareSeq: Latency;
  load: Load | null;
  /** The bare page's throughput just before and just after this page's run. */
  bareLoad: [Load, Load] | null;
  /** Event-loop delay while the page was requested by 1 user (with the bare page in between). */
  eventLoop: EventLoop | null;
  /** …and during its 10-user run (queueing of concurrent renders shows here too). */
  eventLoopUnderLoad: EventLoop | null;
};

export type Report = {
  startedAt: string;
  finishedAt: string;
  n: number;
  detainees: number;
  loadStart: number[];
  loadEnd: number[];
  cpus: number;
  connections: number;
  duration: number;
  requests: number;
  generation: { seconds: number; counts: Record<string, number>; risk: string; phases: Record<string, number> } | null;
  targets: { case: string; facility: string; search: string };
  pages: PageResult[];
  /** Pages that could not be measured, and why. */
  skipped: { key: string; label: string; reason: string }[];
  csv: CsvResult | null;
};

const f = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? "n/a" : x.toFixed(digits));
const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");

export function ratio(p: PageResult): number | null {
  if (!p.load || !p.bareLoad) return null;
  const bare = (p.bareLoad[0].rps + p.bareLoad[1].rps) / 2;
  return bare > 0 ? p.load.rps / bare : null;
}

/** Issue 11's budgets that this row can be judged on; empty when all hold. */
export function misses(p: PageResult): string[] {
  const out: string[] = [];
  const r = ratio(p);
  if (r !== null && r < 0.5) out.push("< 0.5× bare");
  if ((p.load?.errors ?? 0) + (p.load?.timeouts ?? 0) + p.seq.errors > 0) out.push("errors");
  if (p.key === "dashboard" && (p.seq.p50 ?? Infinity) > 100) out.push("> 100 ms");
  if (p.key === "dashboard" && p.cold && ((p.cold.max ?? Infinity) > 100 || p.cold.errors > 0)) out.push("first visit > 100 ms");
  if (p.key === "case" && p.seq.queries !== null && p.seq.queries > 8) out.push("> 8 queries");
  if (p.key === "pdf" && (p.seq.p95 ?? Infinity) > 300) out.push("p95 > 300 ms");
  if (p.eventLoop?.maxMs != null && p.eventLoop.maxMs > 50) out.push("event loop > 50 ms");
  return out;
}

export function renderReport(r: Report): string {
  const lines: string[] = [];
  lines.push(`### ${r.startedAt.slice(0, 10)} — N = ${r.n.toLocaleString("en")} (${r.detainees.toLocaleString("en")} detainees in the database)`);
  lines.push("");
  lines.push(`PostgreSQL 15, \`next start\` (production build), ${r.cpus} cores shared with the load generator. Load average (1/5/15 min) ` +
    `at start ${la(r.loadStart)}, at end ${la(r.loadEnd)}. 1 user: ${r.requests} sequential requests after warm-up, alternating with the bare page; ` +
    `${r.connections} users: autocannon, ${r.duration} s a run, bare page run before and after each page.`);
  if (r.generation) {
    lines.push("");
    lines.push(`Generation: ${r.generation.seconds.toFixed(0)} s — ${Object.entries(r.generation.counts).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}. Risk: ${r.generation.risk}.`);
  }
  lines.push("");
  lines.push(`Subjects: case page — ${r.targets.case}; facility — ${r.targets.facility}; search — "${r.targets.search}".`);
  lines.push("");
  lines.push("| Page | 1 user p50 / p95 ms | bare p50 ms | 10 users req/s | bare req/s | ratio | errors | queries/req | event loop max ms, 1 user / 10 | KB | budget |");
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const p of r.pages) {
    const bare = p.bareLoad ? `${f(p.bareLoad[0].rps)} → ${f(p.bareLoad[1].rps)}` : "—";
    const errors = p.seq.errors + (p.load ? p.load.errors + p.load.timeouts : 0);
    const miss = misses(p);
    if (p.cold) {
      lines.push(`| dashboard, first visits of the day (during the daily job) | ${f(p.cold.p50)} / ${f(p.cold.max)} | — | — | — | — | ${p.cold.errors ? `${p.cold.errors} (${Object.keys(p.cold.statuses).join(", ")})` : 0} | ${f(p.cold.queries, 1)} | — | ${f(p.cold.kb)} | ${(p.cold.max ?? Infinity) <= 100 && !p.cold.errors ? "✓" : "✗ > 100 ms"} |`);
    }
    lines.push(`| ${p.label} | ${f(p.seq.p50)} / ${f(p.seq.p95)}${p.seq.samples < r.requests ? ` (${p.seq.samples} req.)` : ""} | ${f(p.bareSeq.p50)} | ${p.load ? f(p.load.rps, 1) : "—"} | ${bare} | ${ratio(p) === null ? "—" : `${ratio(p)!.toFixed(2)}×`} | ${errors} | ${f(p.seq.queries, 1)} | ${f(p.eventLoop?.maxMs)} / ${f(p.eventLoopUnderLoad?.maxMs)} | ${f(p.seq.kb)} | ${p.key === "shell" ? "reference" : miss.length ? `✗ ${miss.join(", ")}` : "✓"} |`);
  }
  for (const s of r.skipped ?? []) lines.push(`| ${s.label} | not measured: ${s.reason} | | | | | | | | | |`);
  if (r.csv) {
    const ok = r.csv.error === null && (r.csv.seconds ?? Infinity) <= 10;
    lines.push("");
    lines.push(`CSV import through HTTP (upload route, staged preview, commit form), ${r.csv.rows.toLocaleString("en")} rows (${f((r.csv.bytes ?? 0) / 1024 / 1024, 1)} MB) committed with ${r.csv.existing.toLocaleString("en")} cases in the database: ` +
      (r.csv.error ? `**failed** after ${f(r.csv.seconds, 1)} s (${r.csv.error})` : `${f(r.csv.seconds, 1)} s (upload ${f(r.csv.uploadSeconds ?? null, 1)} s, preview ${f(r.csv.previewSeconds ?? null, 1)} s, commit ${f(r.csv.commitSeconds ?? null, 1)} s), ${r.csv.created} created`) + ` — ${ok ? "✓" : "✗"} (budget 10 s).`);
  }
  const noQueries = r.pages.every((p) => p.seq.queries === null);
  const noLoop = r.pages.every((p) => !p.eventLoop || p.eventLoop.maxMs === null);
  if (noQueries || noLoop) {
    lines.push("");
    if (noQueries) lines.push("queries/req: n/a — the server has no statement counter (`/bench-bare/queries`, or an `x-haven-queries` header).");
    if (noLoop) lines.push("event loop: n/a — the server exposed no `/bench-bare/event-loop`.");
  }
  return lines.join("\n");
}

const START = "<!-- bench-results:start -->";
const END = "<!-- bench-results:end -->";

/** Puts the latest results between the markers of docs/performance.md (newest first, older kept). */
export function writePerformanceDoc(markdown: string, file = path.join(process.cwd(), "docs", "performance.md")): void {
  const doc = existsSync(file) ? readFileSync(file, "utf8") : `# Performance\n\n## Results\n\n${START}\n${END}\n`;
  const s = doc.indexOf(START), e = doc.indexOf(END);
  if (s < 0 || e < s) {
    writeFileSync(file, `${doc.trimEnd()}\n\n## Results\n\n${START}\n${markdown}\n${END}\n`);
    return;
  }
  const previous = doc.slice(s + START.length, e).trim();
  writeFileSync(file, `${doc.slice(0, s)}${START}\n${markdown}\n${previous ? `\n${previous}\n` : ""}${END}${doc.slice(e + END.length)}`);
}
