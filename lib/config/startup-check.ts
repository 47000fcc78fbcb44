import { parseAuditKey } from "@/lib/audit/chain";
import { missingProductionSettings } from "./secrets";
import { encryptionKeysProblem } from "./encryption-keys";

export function assertProductionSettings(): void {
  const missing = missingProductionSettings(process.env);
  if (missing.length) {
    console.error(`Haven will not start: set ${missing.join(", ")}. See docs/operations.md.`);
    process.exit(1);
  }
  // A malformed, duplicated or placeholder key stops the start with the reason (S18).
  const keyProblem = encryptionKeysProblem(process.env.HAVEN_ENCRYPTION_KEYS);
  if (keyProblem) {
    console.error(`Haven will not start: ${keyProblem}. See docs/operations.md.`);
    process.exit(1);
  }
  try {
    parseAuditKey(process.env.HAVEN_AUDIT_KEY); // S19: the audit chain's key, never in the database
  } catch (e) {
    console.error(`Haven will not start: ${e instanceof Error ? e.message : String(e)}. See docs/operations.md.`);
    process.exit(1);
  }
}
