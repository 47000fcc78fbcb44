// Measurements: latency at one user (sequential requests, alternating page and bare page so noise
// hits both), throughput at C users with autocannon, and the server's event-loop delay.
import autocannon from "autocannon";
import type { Reply, Session } from "./http";

export type Target = {
  key: string;
  label: string;
  path: string;
  session: Session;
  /** POST form fields (the PDF export); GET when absent. */
  form?: [string, string][];
  /** Measure throughput under load too (not for exports, which store a file each time). */
  load: boolean;
};

export type Latency = { samples: number; p50: number | null; p95: number | null; max: number | null; errors: number; statuses: Record<string, number>; queries: number | null; kb: number | null };
export type Load = { rps: number; ok: number; errors: number; timeouts: number; non2xx: number; p50: number; p97_5: number; seconds: number };

export const percentile = (sorted: readonly number[], p: number): number | null =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : null;

const ok = (r: Reply) => r.status >= 200 && r.status < 300;

function send(t: Target): Promise<Reply> {
  return t.form ? t.session.postForm(t.path, t.form, 120_000) : t.session.get(t.path, 120_000);
}

class Samples {
  ms: number[] = [];
  errors = 0;
  statuses: Record<string, number> = {};
  queries: number[] = [];
  bytes = 0;
  /** Statements the server counted for this request (its /bench-bare/queries counter), when known. */
  counted(n: number | null) {
    if (n !== null && Number.isFinite(n)) this.queries.push(n);
  }
  add(r: Reply | Error) {
    if (r instanceof Error) {
      this.errors++;
      this.statuses.error = (this.statuses.error ?? 0) + 1;
      return;
    }
    this.ms.push(r.ms);
    this.statuses[r.status] = (this.statuses[r.status] ?? 0) + 1;
    if (!ok(r)) this.errors++;
    this.bytes += r.body.length;
    const q = Number(r.headers["x-haven-queries"]);
    if (r.headers["x-haven-queries"] !== undefined && Number.isFinite(q)) this.counted(q);
  }
  result(): Latency {
    const sorted = [...this.ms].sort((a, b) => a - b);
    const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
    return {
      samples: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? null),
      errors: this.errors, statuses: this.statuses,
      // Median: a background job's statements now and then must not be charged to the page.
      queries: percentile([...this.queries].sort((a, b) => a - b), 50),
      kb: sorted.length ? Math.round(this.bytes / sorted.length / 1024) : null,
    };
  }
}

/**
 * `requests` timed requests of the page, each followed by one of the bare page, after `warmup`
 * untimed pairs. Stops early after `capSeconds` (a page taking seconds must not take the run hostage).
 */
export async function sequential(page: Target, bare: Target, opts: {
  warmup: number; requests: number; capSeconds: number; afterWarmup?: () => Promise<unknown>;
  /** The server's running statement count, read between requests (never inside the timing). */
  queryCount?: () => Promise<number | null>;
}): Promise<{ page: Latency; bare: Latency }> {
  const p = new Samples();
  const b = new Samples();
  const started = Date.now();
  for (let i = 0; i < opts.warmup + opts.requests; i++) {
    const timed = i >= opts.warmup;
    if (i === opts.warmup) await opts.afterWarmup?.();
    const c0 = timed && opts.queryCount ? await opts.queryCount() : null;
    const pr = await send(page).catch((e: Error) => e);
    const c1 = timed && opts.queryCount ? await opts.queryCount() : null;
    const br = await send(bare).catch((e: Error) => e);
    const c2 = timed && opts.queryCount ? await opts.queryCount() : null;
    if (timed) {
      p.add(pr);
      b.add(br);
      if (c0 !== null && c1 !== null) p.counted(c1 - c0);
      if (c1 !== null && c2 !== null) b.counted(c2 - c1);
    }
    if ((Date.now() - started) / 1000 > opts.capSeconds && p.ms.length + p.errors >= 3) break;
    if ((Date.now() - started) / 1000 > opts.capSeconds * 2) break;
  }
  return { page: p.result(), bare: b.result() };
}

export async function load(t: Target, opts: { connections: number; duration: number }): Promise<Load> {
  const result = await autocannon({
    url: new URL(t.path, t.session.base).toString(),
    connections: opts.connections,
    duration: opts.duration,
    timeout: 60,
    headers: { cookie: t.session.cookieHeader(), "user-agent": "haven-bench" },
  });
  const okCount = Object.entries(result.statusCodeStats ?? {}).reduce((sum, [code, s]) => sum + (code.startsWith("2") ? Number(s.count) : 0), 0);
  return {
    rps: Math.round((okCount / result.duration) * 10) / 10, ok: okCount, errors: result.errors + result.non2xx, timeouts: result.timeouts, non2xx: result.non2xx,
    p50: result.latency.p50, p97_5: result.latency.p97_5, seconds: result.duration,
  };
}

/** Waits until the bare page answers quickly again: a slow page can leave a backlog behind it. */
export async function drain(bare: Target, quickMs: number, maxSeconds = 120): Promise<number> {
  const started = Date.now();
  for (;;) {
    const r = await send(bare).catch(() => null);
    if (r && ok(r) && r.ms <= quickMs) return (Date.now() - started) / 1000;
    if ((Date.now() - started) / 1000 > maxSeconds) return (Date.now() - started) / 1000;
    await new Promise((res) => setTimeout(res, 500));
  }
}

export type EventLoop = { maxMs: number | null; p99Ms: number | null };

/** The server's running statement count (/bench-bare/queries, HAVEN_BENCH only); null when it has none. */
export async function queryCount(s: Session): Promise<number | null> {
  const r = await s.get("/bench-bare/queries").catch(() => null);
  if (!r || r.status !== 200) return null;
  const n = Number((JSON.parse(r.body.toString("utf8")) as { queries?: unknown }).queries);
  return Number.isFinite(n) ? n : null;
}

/** Reads (and restarts) the server's event-loop delay histogram; null when the server has none. */
export async function eventLoop(s: Session): Promise<EventLoop | null> {
  const r = await s.get("/bench-bare/event-loop").catch(() => null);
  if (!r || r.status !== 200) return null;
  const body = JSON.parse(r.body.toString("utf8")) as { maxMs: number | null; p99Ms: number | null };
  return { maxMs: body.maxMs, p99Ms: body.p99Ms };
}
