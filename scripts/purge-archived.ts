// `npm run retention:purge -- --older-than-days N [--dry-run]`: deletes for good the cases
// archived more than N days ago (S24; lib/domain/retention/purge.ts). Prints counts and
// pseudonyms only, never names. Run a --dry-run first, and have a current backup.
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db/client";
import { purgeArchivedCases } from "@/lib/domain/retention/purge";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

async function main() {
  const { values } = parseArgs({ options: { "older-than-days": { type: "string" }, "dry-run": { type: "boolean", default: false } }, strict: true });
  const raw = values["older-than-days"];
  if (raw === undefined || !/^\d+$/.test(raw)) {
    console.error("usage: npm run retention:purge -- --older-than-days N [--dry-run]   (N: whole days, 0 or more)");
    process.exit(64);
  }
  const report = await purgeArchivedCases({ system: "retention-purge" }, { olderThanDays: Number(raw), dryRun: values["dry-run"] });
  const when = report.cutoff.toISOString();
  if (report.dryRun) {
    console.log(`dry run: ${report.candidates} archived case(s) were archived before ${when} and would be purged`);
  } else {
    for (const c of report.purged) console.log(`purged ${c.subject} ${JSON.stringify(c.counts)}`);
    console.log(`purged ${report.purged.length} of ${report.candidates} case(s) archived before ${when}`);
    if (report.fileErrors > 0) console.error(`${report.fileErrors} file(s) could not be removed from the upload directory; remove orphans by hand`);
  }
  await prisma().$disconnect();
  if (report.fileErrors > 0) process.exit(2);
}

main().catch(async (e: unknown) => {
  console.error(`retention:purge failed: ${e instanceof Error ? e.message : String(e)}`);
  await prisma().$disconnect().catch(() => {});
  process.exit(1);
});
