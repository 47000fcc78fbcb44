// `npm run audit:checkpoint [-- --full]`: seals pending audit rows, verifies the chain from the
// last checkpoint (with --full: from the first row, against every checkpoint), then appends the
// head — chain position, hash, time — signed with HAVEN_AUDIT_KEY, as one line to
// HAVEN_AUDIT_CHECKPOINTS (default data/audit-checkpoints.jsonl). Keep that file off the database
// server (S19, docs/operations.md). Exit codes: 0 written, 2 chain broken (nothing written), 1 could not run.
import { prisma } from "@/lib/db/client";
import { AuditChainBrokenError, writeAuditCheckpoint } from "@/lib/audit/maintain";

async function main(): Promise<number> {
  try {
    const { checkpoint, file, verification } = await writeAuditCheckpoint(prisma(), { full: process.argv.slice(2).includes("--full") });
    console.log(`checkpoint written to ${file}: chain position ${checkpoint.seq} (${verification.rows} rows verified since the previous checkpoint), ${checkpoint.at}`);
    return 0;
  } catch (e) {
    if (e instanceof AuditChainBrokenError) {
      console.error(`${e.message}. No checkpoint written.`);
      return 2;
    }
    throw e;
  }
}

main()
  .then(async (code) => {
    await prisma().$disconnect();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    console.error(`audit:checkpoint failed: ${e instanceof Error ? e.message : String(e)}`);
    await prisma().$disconnect().catch(() => {});
    process.exit(1);
  });
