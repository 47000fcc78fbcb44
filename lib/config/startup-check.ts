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
}
