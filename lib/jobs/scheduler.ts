// The app's background jobs, started once per server process (instrumentation.ts). Requests
// never run them: a tick shortly after start and then every few minutes asks whether today's
// daily work is due; the lease in ./lease makes one instance of many do it. `npm run jobs:daily`
// from cron does the same from outside.
import { logger } from "@/lib/logger";
import { runDailyJobsIfDue } from "./daily";

const FIRST_TICK_MS = 5_000;
const EVERY_MS = 5 * 60_000;
const holder = globalThis as unknown as { __havenJobs?: { timer: NodeJS.Timeout; running: boolean } };

async function tick(): Promise<void> {
  const state = holder.__havenJobs;
  if (!state || state.running) return;
  state.running = true;
  const started = Date.now();
  try {
    const result = await runDailyJobsIfDue();
    if (result.risk) logger.info({ job: "daily", ...result.risk, reminders: result.reminders, ms: Date.now() - started }, "daily jobs done");
    if (result.checkpoint && "error" in result.checkpoint) logger.error({ job: "daily", err: result.checkpoint.error }, "audit checkpoint NOT written");
    if (result.expiredImports > 0) logger.info({ job: "daily", expiredImports: result.expiredImports }, "expired staged imports deleted");
    if (result.abandonedUploads > 0) logger.info({ job: "daily", abandonedUploads: result.abandonedUploads }, "abandoned partial uploads deleted");
  } catch (e) {
    logger.error({ job: "daily", err: e }, "daily jobs failed");
  } finally {
    state.running = false;
  }
}

export function startJobScheduler(): void {
  if (holder.__havenJobs) return;
  const first = setTimeout(() => {
    void tick();
    const every = setInterval(() => void tick(), EVERY_MS);
    every.unref();
    holder.__havenJobs!.timer = every;
  }, FIRST_TICK_MS);
  first.unref();
  holder.__havenJobs = { timer: first, running: false };
}
