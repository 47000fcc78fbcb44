// The secrets a server needs (S18, S19): HAVEN_AUDIT_KEY is required in production like the others,
// and the local secrets file of the demo, e2e server and bench generates it — also into a file
// written before the key existed, keeping the secrets already there.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseAuditKey } from "@/lib/audit/chain";
import { loadOrCreateLocalSecrets, missingProductionSettings } from "./secrets";

const dir = mkdtempSync(path.join(tmpdir(), "haven-secrets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;

describe("secrets", () => {
  it("production refuses to start without HAVEN_AUDIT_KEY", () => {
    const full = { NEXTAUTH_SECRET: "x".repeat(32), HAVEN_ENCRYPTION_KEYS: "k1:abc", NEXTAUTH_URL: "https://haven.example", HAVEN_AUDIT_KEY: "k" };
    expect(missingProductionSettings(env(full))).toEqual([]);
    const { HAVEN_AUDIT_KEY: _, ...without } = full;
    expect(missingProductionSettings(env(without))).toEqual(["HAVEN_AUDIT_KEY"]);
  });

  it("generates a valid audit key for a new local instance, and adds one to an older secrets file", () => {
    const fresh = loadOrCreateLocalSecrets(path.join(dir, "new"));
    expect(parseAuditKey(fresh.HAVEN_AUDIT_KEY)).toHaveLength(32);
    expect(loadOrCreateLocalSecrets(path.join(dir, "new"))).toEqual(fresh);
    expect(statSync(path.join(dir, "new", "secrets.json")).mode & 0o777).toBe(0o600);

    const old = path.join(dir, "old");
    loadOrCreateLocalSecrets(old);
    writeFileSync(path.join(old, "secrets.json"), JSON.stringify({ NEXTAUTH_SECRET: "kept-secret", HAVEN_ENCRYPTION_KEYS: "k1:kept" }));
    const upgraded = loadOrCreateLocalSecrets(old);
    expect(upgraded).toMatchObject({ NEXTAUTH_SECRET: "kept-secret", HAVEN_ENCRYPTION_KEYS: "k1:kept" });
    expect(parseAuditKey(upgraded.HAVEN_AUDIT_KEY)).toHaveLength(32);
    expect(JSON.parse(readFileSync(path.join(old, "secrets.json"), "utf8"))).toEqual(upgraded);
  });
});
