// `npm run audit:verify [-- --no-seal]`: seals the rows still pending (unless --no-seal), then
// checks that no sealed audit row was altered, removed or reordered — every link is the HMAC under
// HAVEN_AUDIT_KEY (legacy SHA-256 rows only up to the adopted position), and every signed
// checkpoint in HAVEN_AUDIT_CHECKPOINTS (default data/audit-checkpoints.jsonl) still matches the
// chain, so dropping the newest rows is caught too — and reports the rows still pending: a pending
// row older than 5 minutes means the sealer is not running (S19).
// Exit codes: 0 intact (warnings may be printed), 2 broken, 1 could not run.
import { prisma } from "@/lib/db/client";
import { auditKey } from "@/lib/audit/chain";
import { auditCheckpointsPath, readAuditCheckpoints } from "@/lib/audit/checkpoint";
import { sealAuditLog } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

function minutes(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

async function main(): Promise<number> {
  const key = auditKey();
  const seal = !process.argv.slice(2).includes("--no-seal");
  if (seal) {
    const { sealed } = await sealAuditLog(prisma(), { wait: true, key });
    if (sealed > 0) console.log(`sealed ${sealed} pending audit rows`);
  }
  const file = auditCheckpointsPath();
  const { exists, lines } = readAuditCheckpoints(file);
  const { rows, broken, pending, checkpoints, legacyUntilSeq } = await verifyAuditChain(prisma(), { key, checkpoints: lines });
  if (broken) {
    const where = broken.id !== null ? ` at row ${broken.id}${broken.seq !== null ? ` (chain position ${broken.seq})` : ""}`
      : broken.seq !== null ? ` at chain position ${broken.seq} (no such row)` : "";
    console.error(`audit log BROKEN${where}: ${broken.reason} (${rows} rows verified before it)`);
    return 2;
  }
  console.log(`audit log intact: ${rows} sealed rows${legacyUntilSeq > 0n ? ` (the first ${legacyUntilSeq} legacy SHA-256, the rest keyed)` : ""}; ${checkpoints} checkpoints match; ${pending.count} pending${pending.oldestAgeMs !== null ? ` (oldest ${minutes(pending.oldestAgeMs)})` : ""}`);
  if (!exists) console.warn(`WARNING: no checkpoint file at ${file}: without checkpoints, removing the newest rows cannot be detected (run npm run audit:checkpoint daily; see docs/operations.md)`);
  if (pending.stale) {
    console.warn(`WARNING: audit rows pending for ${minutes(pending.oldestAgeMs!)}: no sealer is running, or it keeps failing (see the server log)`);
  }
  return 0;
}

main()
  .then(async (code) => {
    await prisma().$disconnect();
    process.exit(code); // (an embedded PGlite would keep the process alive)
  })
  .catch(async (e: unknown) => {
    console.error(`audit:verify failed: ${e instanceof Error ? e.message : String(e)}`);
    await prisma().$disconnect().catch(() => {});
    process.exit(1);
  });
