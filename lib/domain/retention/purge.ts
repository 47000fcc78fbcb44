// Retention (S24): cases archived longer than a set age are deleted for good — the case row and
// everything that hangs off it (custody, sources, consents, notes, indicators, evidence rows and
// files, search text), notifications and one-time tokens that point at it, and its petitions
// (see ./petitions.ts). One transaction per case, so a failure leaves each case either whole or
// gone. The audit log is append-only and never held names; the purge adds one entry per case
// with a pseudonym (./pseudonym.ts) and counts.
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { removeStoredFile } from "@/lib/domain/attachment/storage";
import { installSalt, pseudonym } from "./pseudonym";
import { nameFormsToRedact, purgePetitionsOf } from "./petitions";

const DAY_MS = 24 * 60 * 60 * 1000;

export type PurgeOptions = { olderThanDays: number; dryRun?: boolean; now?: Date };

export type PurgedCase = {
  /** HMAC of the case id under the install's key: what the audit entry records. */
  subject: string;
  counts: Record<string, number>;
};

export type PurgeReport = {
  cutoff: Date;
  dryRun: boolean;
  /** Cases archived before the cutoff (in a dry run: what a real run would delete). */
  candidates: number;
  purged: PurgedCase[];
  /** Files that could not be removed from disk after their rows were deleted. */
  fileErrors: number;
};

const COUNTED = { custody: true, sources: true, consents: true, attachments: true, activities: true, indicators: true, assignments: true, repatriations: true, petitions: true } as const;

export function purgeCutoff(olderThanDays: number, now = new Date()): Date {
  if (!Number.isInteger(olderThanDays) || olderThanDays < 0) throw new AppError("INVALID", "--older-than-days must be a whole number of days, 0 or more");
  return new Date(now.getTime() - olderThanDays * DAY_MS);
}

export async function purgeArchivedCases(actor: Actor, options: PurgeOptions): Promise<PurgeReport> {
  // An operator command; if a screen ever calls it, only an admin may.
  if (isViewer(actor) && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only an administrator can purge cases.");
  const cutoff = purgeCutoff(options.olderThanDays, options.now);
  const db = prisma();
  const due = await db.detainee.findMany({ where: { archivedAt: { lt: cutoff } }, orderBy: { archivedAt: "asc" }, select: { id: true } });
  const report: PurgeReport = { cutoff, dryRun: Boolean(options.dryRun), candidates: due.length, purged: [], fileErrors: 0 };
  if (options.dryRun) return report;
  for (const { id } of due) {
    const result = await db.$transaction((tx) => purgeOneCase(tx, actor, id, cutoff, options.olderThanDays));
    if (!result) continue; // restored or already purged meanwhile
    report.purged.push(result.purged);
    // After commit: a rolled-back purge must not have lost its files. A file that cannot be
    // removed is counted and reported; its random name says nothing without the deleted row.
    for (const key of result.fileKeys) {
      await removeStoredFile(key).catch(() => {
        report.fileErrors += 1;
      });
    }
  }
  return report;
}

async function purgeOneCase(tx: Tx, actor: Actor, id: string, cutoff: Date, olderThanDays: number) {
  const d = await tx.detainee.findFirst({
    // Re-checked inside the transaction: a case restored since the scan is left alone.
    where: { id, archivedAt: { lt: cutoff } },
    select: {
      id: true, teamId: true, caseNumber: true, familyNameRoman: true, givenNameRoman: true, nameHangul: true, nameChinese: true, aliases: true,
      attachments: { select: { storageKey: true } },
      _count: { select: COUNTED },
    },
  });
  if (!d) return null;
  const forms = nameFormsToRedact(d);
  const petitions = await purgePetitionsOf(tx, d.id, forms);
  const like = `%${d.id}%`;
  // Notifications and tokens have no foreign key to the case: they name it in links and payloads.
  const notifications = await tx.$executeRaw`DELETE FROM "Notification" WHERE "href" LIKE ${like} OR "dedupeKey" LIKE ${like} OR COALESCE("params"::text, '') LIKE ${like}`;
  const tokens = await tx.$executeRaw`DELETE FROM "OneTimeToken" WHERE COALESCE("payload"::text, '') LIKE ${like}`;
  await tx.detainee.delete({ where: { id: d.id } }); // cascades to every child row
  const salt = await installSalt(tx);
  const purged: PurgedCase = {
    subject: pseudonym(salt, d.id),
    counts: { ...d._count, petitionsDeleted: petitions.deleted, petitionsRedacted: petitions.redacted, notifications, tokens },
  };
  await recordAudit(tx, actor, {
    action: "retention.purge",
    entityType: "Detainee",
    meta: { subject: purged.subject, caseRef: pseudonym(salt, d.caseNumber), teamId: d.teamId, olderThanDays, counts: purged.counts },
  });
  return { purged, fileKeys: [...d.attachments.map((a) => a.storageKey), ...petitions.fileKeys] };
}
