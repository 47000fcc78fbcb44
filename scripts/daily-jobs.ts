// `npm run jobs:daily`: rescore risk (decay) and send petition deadline reminders now if today's
// run has not happened yet. Safe to run from cron every hour: it does nothing twice a day.
import { runDailyJobsIfDue } from "@/lib/jobs/daily";
import { prisma } from "@/lib/db/client";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

async function main() {
  const started = Date.now();
  const result = await runDailyJobsIfDue();
  console.log(result.risk
    ? `rescored ${result.risk.facilities} facilities and ${result.risk.detainees} cases (${result.risk.written} changed, ${result.risk.raised} raised to HIGH/IMMINENT), ${result.reminders} deadline reminders, in ${Date.now() - started} ms`
    : "already done today, or running elsewhere: nothing to do");
  const cp = result.checkpoint;
  if (cp && "error" in cp) console.error(`audit checkpoint NOT written: ${cp.error}`);
  else if (cp) console.log(`audit checkpoint written to ${cp.file} at chain position ${cp.seq}`);
  if (result.expiredImports > 0) console.log(`deleted ${result.expiredImports} expired staged CSV imports`);
  if (result.abandonedUploads > 0) console.log(`deleted ${result.abandonedUploads} abandoned partial uploads (.part)`);
  await prisma().$disconnect();
  process.exit(cp && "error" in cp ? 2 : 0); // an embedded PGlite would keep the process alive
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
