// Local secrets for the one-command demo and the e2e server: generated once with a CSPRNG and
// kept in the data directory (never committed). Real deployments set them in the environment.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { generateKeySpec } from "@/lib/crypto/field";

export type LocalSecrets = { NEXTAUTH_SECRET: string; HAVEN_ENCRYPTION_KEYS: string; HAVEN_AUDIT_KEY: string };

/** A new audit chain key (S19): 32 random bytes, base64. */
export function generateAuditKey(): string {
  return randomBytes(32).toString("base64");
}

export function loadOrCreateLocalSecrets(dir: string): LocalSecrets {
  const file = path.join(dir, "secrets.json");
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>) : null;
  if (stored?.NEXTAUTH_SECRET && stored.HAVEN_ENCRYPTION_KEYS && stored.HAVEN_AUDIT_KEY) return stored as LocalSecrets;
  // New, or written by a version without some secret (HAVEN_AUDIT_KEY came later): add what is missing.
  const secrets: LocalSecrets = {
    NEXTAUTH_SECRET: stored?.NEXTAUTH_SECRET || randomBytes(32).toString("base64url"),
    HAVEN_ENCRYPTION_KEYS: stored?.HAVEN_ENCRYPTION_KEYS || generateKeySpec("k1"),
    HAVEN_AUDIT_KEY: stored?.HAVEN_AUDIT_KEY || generateAuditKey(),
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** What a production server must have before it starts (checked in instrumentation.ts). */
export function missingProductionSettings(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.NEXTAUTH_SECRET || env.NEXTAUTH_SECRET.length < 32) missing.push("NEXTAUTH_SECRET (at least 32 characters)");
  if (!env.HAVEN_ENCRYPTION_KEYS) missing.push("HAVEN_ENCRYPTION_KEYS");
  if (!env.HAVEN_AUDIT_KEY) missing.push("HAVEN_AUDIT_KEY");
  if (!env.NEXTAUTH_URL) missing.push("NEXTAUTH_URL");
  return missing;
}
