// `npm run db:seed`: demo data into an empty, migrated database (see prisma/demo/seed-demo.ts).
import { prisma } from "@/lib/db/client";
import { DEMO_USERS, demoPassword, seedDemo } from "./demo/seed-demo";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

async function main() {
  // --if-empty: used by `npm run demo` on every start; seeds only a database without users.
  if (process.argv.includes("--if-empty") && (await prisma().user.count()) > 0) {
    console.log("seed: database already has users; demo data not added");
    return;
  }
  const started = Date.now();
  await seedDemo((line) => console.log(`seed: ${line}`));
  console.log(`seed: done in ${((Date.now() - started) / 1000).toFixed(1)} s. Demo sign-ins:`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(26)} ${demoPassword(u.email)}`);
  console.log("Admins and lawyers also need a two-factor code: `npm run demo:totp -- <email>` prints it.");
}

main()
  .then(() => prisma().$disconnect())
  // Exit explicitly: an open handle (the embedded database, a library timer) must not keep the
  // finished seed waiting, nor `npm run demo` / the e2e server behind it.
  .then(() => process.exit(0))
  .catch(async (e: unknown) => {
    console.error(`seed failed: ${e instanceof Error ? e.message : String(e)}`);
    await prisma().$disconnect().catch(() => {});
    process.exit(1);
  });
