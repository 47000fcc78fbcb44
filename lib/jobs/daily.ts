// Work that falls due with the calendar rather than with an edit: risk decay (rescore all once per
// UTC day, with the daily snapshot), petition deadline reminders and the daily audit checkpoint.
// Run by the server's background scheduler (lib/jobs/scheduler.ts) and by `npm run jobs:daily`
// from cron; never by a request.
import { refreshRiskIfStale, type RefreshResult } from "@/lib/domain/risk/refresh";
import { notifyDueDeadlines } from "@/lib/domain/petitions/mutations-deadlines";
import { sealAuditLog } from "@/lib/audit/seal";
import { writeAuditCheckpoint } from "@/lib/audit/maintain";
import { prisma } from "@/lib/db/client";
import { closeIdleBursts, pruneLoginAttempts } from "@/lib/auth/throttle";
import { purgeExpiredImports } from "@/lib/domain/detainee/csv/staging";
import { removeAbandonedPartialFiles } from "@/lib/domain/attachment/storage";

export type DailyCheckpoint = { seq: string; file: string } | { error: string } | null;

export async function runDailyJobsIfDue(now: Date = new Date()): Promise<{ risk: RefreshResult | null; reminders: number; sealed: number; checkpoint: DailyCheckpoint; expiredImports: number; abandonedUploads: number }> {
  const risk = await refreshRiskIfStale(now);
  // Reminders are idempotent (deduplicated per petition, deadline and due date), so running them
  // whenever the rescore ran costs nothing extra and never repeats a notice.
  const reminders = risk ? await notifyDueDeadlines(now) : 0;
  // Every tick (every few minutes): bursts of throttled sign-ins idle for 15 minutes get their
  // summary audit row; attempts no window counts any more go (S2).
  await closeIdleBursts(prisma(), now);
  await pruneLoginAttempts(prisma(), now);
  // The rescore's notices and audit rows, and anything a process left pending, get sealed now
  // (a sealer busy elsewhere is fine: it will reach them).
  const { sealed } = await sealAuditLog();
  // Staged CSV imports past their hour (issue 12 item 9): the encrypted file goes. Loading one
  // already refuses it once expired; this only removes the ciphertext. Cheap (indexed), so every run.
  const expiredImports = await purgeExpiredImports(now);
  // Once a day (with the rescore, which the lease gives to one instance): verify the chain since
  // the last checkpoint and append a signed checkpoint outside the database (S19). A broken chain
  // writes none and is reported, without undoing the day's other work.
  let checkpoint: DailyCheckpoint = null;
  let abandonedUploads = 0;
  if (risk) {
    // Uploads are streamed to `<key>.part` (issue 12 item 9); one whose process died is removed a day later.
    abandonedUploads = await removeAbandonedPartialFiles(now);
    try {
      const written = await writeAuditCheckpoint(undefined, { now });
      checkpoint = { seq: written.checkpoint.seq, file: written.file };
    } catch (e) {
      checkpoint = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  return { risk, reminders, sealed, checkpoint, expiredImports, abandonedUploads };
}
