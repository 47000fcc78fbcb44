// `npm run audit:verify [-- --no-seal]`: seals the rows still pending (unless --no-seal), then
// checks that no sealed audit row was altered, removed or reordered and reports the rows still
// pending — a pending row older than 5 minutes means the sealer is not running (S19).
// Exit codes: 0 intact (a stale-pending warning may be printed), 2 broken, 1 could not run.
import { prisma } from "@/lib/db/client";
import { sealAuditLog } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

function minutes(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

async function main(): Promise<number> {
  const seal = !process.argv.slice(2).includes("--no-seal");
  if (seal) {
    const { sealed } = await sealAuditLog(prisma(), { wait: true });
    if (sealed > 0) console.log(`sealed ${sealed} pending audit rows`);
  }
  const { rows, broken, pending } = await verifyAuditChain(prisma());
  if (broken) {
    console.error(`audit log BROKEN at row ${broken.id}${broken.seq !== null ? ` (chain position ${broken.seq})` : ""}: ${broken.reason} (${rows} rows verified before it)`);
    return 2;
  }
  console.log(`audit log intact: ${rows} sealed rows; ${pending.count} pending${pending.oldestAgeMs !== null ? ` (oldest ${minutes(pending.oldestAgeMs)})` : ""}`);
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
