// Local secrets for the one-command demo and the e2e server: generated once with a CSPRNG and
// kept in the data directory (never committed). Real deployments set them in the environment.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { generateKeySpec } from "@/lib/crypto/field";

export type LocalSecrets = { NEXTAUTH_SECRET: string; HAVEN_ENCRYPTION_KEYS: string };

export function loadOrCreateLocalSecrets(dir: string): LocalSecrets {
  const file = path.join(dir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secrets: LocalSecrets = { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), HAVEN_ENCRYPTION_KEYS: generateKeySpec("k1") };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** What a production server must have before it starts (checked in instrumentation.ts). */
export function missingProductionSettings(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.NEXTAUTH_SECRET || env.NEXTAUTH_SECRET.length < 32) missing.push("NEXTAUTH_SECRET (at least 32 characters)");
  if (!env.HAVEN_ENCRYPTION_KEYS) missing.push("HAVEN_ENCRYPTION_KEYS");
  if (!env.NEXTAUTH_URL) missing.push("NEXTAUTH_URL");
  return missing;
}
