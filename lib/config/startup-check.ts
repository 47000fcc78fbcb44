import { parseKeyring } from "@/lib/crypto/field";
import { parseAuditKey } from "@/lib/audit/chain";
import { missingProductionSettings } from "./secrets";

export function assertProductionSettings(): void {
  const missing = missingProductionSettings(process.env);
  if (missing.length) {
    console.error(`Haven will not start: set ${missing.join(", ")}. See docs/operations.md.`);
    process.exit(1);
  }
  parseKeyring(process.env.HAVEN_ENCRYPTION_KEYS); // throws with a clear message when malformed
  parseAuditKey(process.env.HAVEN_AUDIT_KEY); // likewise (S19: the audit chain's key, never in the database)
}
