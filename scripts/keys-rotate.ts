// `npm run keys:rotate`: re-encrypt every restricted value under the current key (the first in
// HAVEN_ENCRYPTION_KEYS) in format v2, and encrypt legacy plaintext consent details
// (lib/crypto/rotate.ts). Safe to interrupt and re-run: values already current are skipped.
// Prints counts and row ids only, never values. Exit 2 when some value did not decrypt: do NOT
// remove the old key until that is resolved (docs/operations.md, "Rotating the encryption key").
import { prisma } from "@/lib/db/client";
import { keyring } from "@/lib/crypto/field";
import { rotateEncryptedFields } from "@/lib/crypto/rotate";

async function main() {
  const ring = keyring(); // throws with the reason when HAVEN_ENCRYPTION_KEYS is missing or unusable
  console.log(`keys:rotate: current key ${ring.currentId}; configured: ${[...ring.keys.keys()].join(", ")}`);
  const report = await rotateEncryptedFields({ ring, log: (line) => console.log(line) });
  console.log(
    `done: ${report.rewritten} value(s) re-encrypted, ${report.plaintextMoved} plaintext value(s) encrypted, ` +
      `${report.alreadyCurrent} already current, ${report.changedMeanwhile} row(s) changed meanwhile (re-run to check), ${report.failed} failed`,
  );
  for (const f of report.failures) console.error(`does not decrypt: ${f.table}.${f.field} of row ${f.id}`);
  await prisma().$disconnect();
  process.exit(report.failed > 0 ? 2 : 0); // an embedded PGlite would keep the process alive
}

main().catch(async (e: unknown) => {
  console.error(`keys:rotate failed: ${e instanceof Error ? e.message : String(e)}`);
  await prisma().$disconnect().catch(() => {});
  process.exit(1);
});
