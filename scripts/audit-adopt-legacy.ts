// `npm run audit:adopt-legacy`: once, after upgrading an installation whose audit rows were sealed
// with plain SHA-256 (before HAVEN_AUDIT_KEY): checks those rows form an intact chain, then records
// their last position in a keyed audit row so audit:verify accepts them (S19). Refuses when done
// before or when checkpoints exist. Exit codes: 0 done, 1 refused or could not run.
import { prisma } from "@/lib/db/client";
import { adoptLegacyAuditChain } from "@/lib/audit/maintain";

async function main(): Promise<number> {
  const { legacyUntilSeq, verification } = await adoptLegacyAuditChain(prisma());
  console.log(`adopted the legacy SHA-256 rows up to chain position ${legacyUntilSeq}; audit log intact: ${verification.rows} sealed rows. Now run npm run audit:checkpoint.`);
  return 0;
}

main()
  .then(async (code) => {
    await prisma().$disconnect();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    console.error(`audit:adopt-legacy refused: ${e instanceof Error ? e.message : String(e)}`);
    await prisma().$disconnect().catch(() => {});
    process.exit(1);
  });
