// S21, after every browser test has run (playwright.config.ts runs this project last): nothing
// the server printed — Haven's JSON log and the whole stdout/stderr of `next start` — holds a
// password, a two-factor secret, a session token, a password hash, a detainee's name in any
// script, a family contact or a phone number, or the markup the XSS test stored; and every line
// of Haven's log is one JSON object, so input with newlines cannot forge a line.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoTotpSecret } from "../lib/auth/demo-totp";
import detainees from "../prisma/demo/detainees.json";
import { password, SECURITY_USERS, USERS } from "./helpers";

const DATA = path.join(process.cwd(), "e2e", ".data");
const read = (name: string) => {
  const file = path.join(DATA, name);
  return existsSync(file) ? readFileSync(file, "utf8") : "";
};

type DemoDetainee = { familyNameRoman: string; givenNameRoman: string; nameHangul?: string | null; nameChinese?: string | null; familyContact?: string | null };

const CANARY = `log-canary-${Date.now().toString(36)}`;

test("the server's output holds no secrets and no personal data", async ({ request }) => {
  // Input the server is sure to log about, carrying canaries: a failed sign-in whose email holds
  // a newline and a would-be forged log line, a forged session cookie, a refused action call.
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: `${CANARY}\n{"level":50,"forged":true}@haven.test`, password: `${CANARY}-password`, json: "true" },
    maxRedirects: 0,
  });
  for (const name of ["next-auth.session-token", "__Secure-next-auth.session-token"]) {
    await request.get("/detainees", { headers: { cookie: `${name}=eyJ${CANARY}forgedtoken.${CANARY}` }, maxRedirects: 0 });
  }
  await new Promise((r) => setTimeout(r, 500));

  const log = read("server.log");
  const output = read("server-output.log");
  // Written while the browser tests ran (refusals, forged cookies, errors) and just now.
  expect(log.split("\n").filter(Boolean).length).toBeGreaterThan(0);
  expect(output).toContain("Ready");
  expect(log + output).not.toContain(CANARY);

  const emails = [...Object.values(USERS), ...Object.values(SECURITY_USERS)];
  const canaries: [string, string][] = [
    ...emails.map((e): [string, string] => [`password of ${e}`, password(e)]),
    ...emails.map((e): [string, string] => [`2FA secret of ${e}`, demoTotpSecret(e)]),
    ...(detainees as DemoDetainee[]).flatMap((d): [string, string][] => [
      [`name of ${d.givenNameRoman}`, `${d.familyNameRoman} ${d.givenNameRoman}`],
      ...(d.nameHangul ? [[`Hangul name`, d.nameHangul] as [string, string]] : []),
      ...(d.nameChinese ? [[`Chinese name`, d.nameChinese] as [string, string]] : []),
      ...(d.familyContact ? [[`family contact`, d.familyContact] as [string, string]] : []),
    ]),
    ["the stored XSS payload", "onerror=__xss"],
    ["demo password suffix", "-demo-pass"],
  ];
  const patterns: [string, RegExp][] = [
    ["a session token (JWT/JWE)", /eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]*/],
    ["a password hash", /\$argon2(id|i|d)\$/],
    ["Hangul (names, places, notes typed in Korean)", /[\uAC00-\uD7A3]/],
    ["a Korean phone number", /\b01[016789][- ]?\d{3,4}[- ]?\d{4}\b/],
    ["a sign-in link token", /set-password#[A-Za-z0-9_-]{43}/],
  ];
  const problems: string[] = [];
  for (const [name, text] of [["server.log", log], ["server output", output]] as const) {
    for (const [what, value] of canaries) if (value && text.includes(value)) problems.push(`${name}: ${what}`);
    for (const [what, re] of patterns) {
      const m = re.exec(text);
      if (m) problems.push(`${name}: ${what} near "${text.slice(Math.max(0, m.index - 60), m.index).replace(/\s+/g, " ")}…"`);
    }
  }
  expect(problems).toEqual([]);

  // One JSON object per line (newlines in input are escaped, never a new line), none forged.
  const bad = log.split("\n").filter(Boolean).filter((line) => {
    try {
      const o = JSON.parse(line) as Record<string, unknown>;
      return !(o && typeof o === "object" && "level" in o && "time" in o) || "forged" in o;
    } catch {
      return true;
    }
  });
  expect(bad.slice(0, 3)).toEqual([]);
});
