// Work that falls due with the calendar rather than with an edit: risk decay (rescore all once per
// UTC day, with the daily snapshot) and petition deadline reminders. Run by the server's
// background scheduler (lib/jobs/scheduler.ts) and by `npm run jobs:daily` from cron; never by a request.
import { refreshRiskIfStale, type RefreshResult } from "@/lib/domain/risk/refresh";
import { notifyDueDeadlines } from "@/lib/domain/petitions/mutations-deadlines";
import { sealAuditLog } from "@/lib/audit/seal";
import { purgeExpiredImports } from "@/lib/domain/detainee/csv/staging";

export async function runDailyJobsIfDue(now: Date = new Date()): Promise<{ risk: RefreshResult | null; reminders: number; sealed: number; expiredImports: number }> {
  const risk = await refreshRiskIfStale(now);
  // Reminders are idempotent (deduplicated per petition, deadline and due date), so running them
  // whenever the rescore ran costs nothing extra and never repeats a notice.
  const reminders = risk ? await notifyDueDeadlines(now) : 0;
  // The rescore's notices and audit rows, and anything a process left pending, get sealed now
  // (a sealer busy elsewhere is fine: it will reach them).
  const { sealed } = await sealAuditLog();
  // Staged CSV imports past their hour (issue 12 item 9): the encrypted file goes. Loading one
  // already refuses it once expired; this only removes the ciphertext. Cheap (indexed), so every run.
  const expiredImports = await purgeExpiredImports(now);
  return { risk, reminders, sealed, expiredImports };
}
