// `npm run db:reindex-names`: rebuild name search text after changing lib/domain/names.
import { prisma } from "@/lib/db/client";
import { reindexNames } from "@/lib/domain/names/reindex";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

reindexNames(prisma())
  .then(async ({ scanned, updated }) => {
    console.log(`names re-indexed: ${updated} of ${scanned} cases changed`);
    await prisma().$disconnect();
  })
  .catch(async (e: unknown) => {
    console.error(`db:reindex-names failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
