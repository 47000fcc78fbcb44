// `npm run audit:verify`: checks that no audit row was altered, removed or reordered (S19).
import { prisma } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify";

verifyAuditChain(prisma())
  .then(async ({ rows, broken }) => {
    await prisma().$disconnect();
    if (broken) {
      console.error(`audit log BROKEN at row ${broken.id}: ${broken.reason} (${rows} rows verified before it)`);
      process.exit(2);
    }
    console.log(`audit log intact: ${rows} rows`);
  })
  .catch(async (e: unknown) => {
    console.error(`audit:verify failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
