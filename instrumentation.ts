// Runs once when the server starts: refuse to serve without the secrets that protect sessions
// and restricted data (S18), rather than fail later on the first sensitive write; then start the
// background jobs (lib/jobs/scheduler.ts), unless HAVEN_JOBS=off (an installation that runs
// `npm run jobs:daily` from cron instead).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Client addresses come from the socket, X-Forwarded-For only from HAVEN_TRUSTED_PROXIES (S2).
  const { installPeerHeader } = await import("@/lib/http/client-address");
  installPeerHeader();
  // Files this server creates (database, evidence) are its user's only; an existing data dir or
  // upload dir left open to other local users is tightened once, here (issue 12 item 8).
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { makeServerFilesPrivate } = await import("@/lib/security/private-startup");
    makeServerFilesPrivate();
  }
  if (process.env.NODE_ENV === "production") {
    const { assertProductionSettings } = await import("@/lib/config/startup-check");
    assertProductionSettings();
  }
  if (process.env.HAVEN_JOBS !== "off" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startJobScheduler } = await import("@/lib/jobs/scheduler");
    startJobScheduler();
  }
}
