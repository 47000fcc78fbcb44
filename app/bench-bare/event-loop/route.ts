// Event-loop delay of this server since the previous call, for the benchmark (issue 11: no
// request may block the event loop for more than 50 ms). HAVEN_BENCH=1 only, signed-in only;
// each call returns the figures and starts a new measurement.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { getViewer } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const holder = globalThis as unknown as { __havenBenchEventLoop?: IntervalHistogram };
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

export async function GET() {
  if (process.env.HAVEN_BENCH !== "1" || !(await getViewer())) return new Response("Not found", { status: 404 });
  const fresh = !holder.__havenBenchEventLoop;
  holder.__havenBenchEventLoop ??= monitorEventLoopDelay({ resolution: 10 });
  const h = holder.__havenBenchEventLoop;
  h.enable();
  const body = fresh || h.count === 0
    ? { started: true, count: 0, maxMs: null, p99Ms: null, meanMs: null }
    : { started: false, count: h.count, maxMs: ms(h.max), p99Ms: ms(h.percentile(99)), meanMs: ms(h.mean) };
  h.reset();
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}
