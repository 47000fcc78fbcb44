// The first-run path of a real installation: `npm run admin:create` on an empty database.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
let dir = "";

async function cli(script: string, args: string[], extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, HAVEN_DATA_DIR: path.join(dir, "pglite"), ...extra };
  delete env.DATABASE_URL; // this test drives the embedded engine
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["--conditions=react-server", script, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("admin:create", () => {
  it("creates the first administrator once, never with a weak password, and never a second time", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "haven-admin-"));
    expect((await cli("scripts/db-migrate.ts", [])).code).toBe(0);
    const args = ["--email", "founder@example.org", "--name", "Founder", "--team", "Seoul team"];

    const weak = await cli("scripts/create-admin.ts", args, { HAVEN_ADMIN_PASSWORD: "short" });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);

    const ok = await cli("scripts/create-admin.ts", args, { HAVEN_ADMIN_PASSWORD: "a strong founding password" });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Administrator created \(founder@example.org/);
    expect(ok.stdout + ok.stderr).not.toContain("a strong founding password");

    const again = await cli("scripts/create-admin.ts", ["--email", "intruder@example.org", "--name", "Intruder"], { HAVEN_ADMIN_PASSWORD: "another long password" });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/administrator already exists/);
  });
});
