// `npm run admin:create -- --email you@example.org --name "Your Name" [--team "Team name"]`
// First run on an empty database: creates the first administrator. The password is read from
// HAVEN_ADMIN_PASSWORD or typed at a hidden prompt — never a default, never a flag (it would
// land in shell history). Refuses when an administrator already exists.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { prisma } from "@/lib/db/client";
import { createFirstAdmin } from "@/lib/domain/user/mutations";
import { passwordProblem } from "@/lib/auth/password";
import { setPrivateUmask } from "@/lib/security/private-files";

// Everything this process creates (database files, uploads) is this user's only (0700/0600).
setPrivateUmask();

async function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  let asked = false;
  out._writeToOutput = (s: string) => {
    if (!asked) { process.stdout.write(s); asked = true; }
  };
  return new Promise((resolve) => rl.question(question, (answer) => { rl.close(); process.stdout.write("\n"); resolve(answer); }));
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, team: { type: "string" } } });
  if (!values.email || !values.name) throw new Error('Usage: npm run admin:create -- --email you@example.org --name "Your Name" [--team "Team"]');
  const password = process.env.HAVEN_ADMIN_PASSWORD ?? (await promptHidden("Password for the new administrator (12-128 characters): "));
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem === "tooShort" ? "The password must have at least 12 characters." : "The password must have at most 128 characters.");
  const { id } = await createFirstAdmin({ email: values.email, displayName: values.name, password, teamName: values.team });
  console.log(`Administrator created (${values.email}, id ${id}). Sign in and add your colleagues under Users.`);
}

main()
  .then(() => prisma().$disconnect())
  .catch(async (e: unknown) => {
    console.error(`admin:create failed: ${e instanceof Error ? e.message : String(e)}`);
    await prisma().$disconnect().catch(() => {});
    process.exit(1);
  });
