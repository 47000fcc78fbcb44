// `npm run demo:totp -- <email>`: the current two-factor code of a demo account (their TOTP
// secrets are published, like their passwords — lib/auth/demo-totp.ts). Needs no database.
// `--enrol` (used by the e2e server on its fresh database): enrols the demo ADMIN and LAWYER
// accounts with those secrets, for a demo database seeded before the seed did it itself.
import { prisma } from "@/lib/db/client";
import { demoTotpSecret } from "@/lib/auth/demo-totp";
import { stepAt, totpCodeAt, TOTP_PERIOD_SECONDS } from "@/lib/auth/totp";
import { enrolDemoTwoFactor } from "@/lib/domain/user/security-demo";
import { DEMO_USERS } from "../prisma/demo/seed-demo";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

async function printCode(email: string) {
  const now = Math.floor(Date.now() / 1000);
  const code = await totpCodeAt(demoTotpSecret(email), now);
  const left = (stepAt(now) + 1) * TOTP_PERIOD_SECONDS - now;
  console.log(`${code}  (${email}, valid for ${left} s more; each code works once)`);
}

async function enrolDemoUsers() {
  for (const u of DEMO_USERS) {
    if (u.role !== "ADMIN" && u.role !== "LAWYER") continue;
    if (await enrolDemoTwoFactor(u.email)) console.log(`demo-totp: enrolled ${u.email}`);
  }
  await prisma().$disconnect();
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  if (args.includes("--enrol")) return enrolDemoUsers();
  const email = args[0];
  if (!email || !email.endsWith("@haven.test")) {
    console.error("Usage: npm run demo:totp -- <demo email>   (demo accounts only, e.g. lawyer.a@haven.test)");
    process.exit(2);
  }
  await printCode(email);
}

// Exit explicitly: an open handle (the embedded database, a library timer) must not keep a
// finished command waiting forever.
main().then(() => process.exit(0), (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
