// Demo accounts' TOTP secrets, derived from the (public) email so the demo, the e2e helper and
// `npm run demo:totp` agree without sharing state. They are published on purpose, exactly like
// the demo passwords: never enrol a real account with them.
import { createHash } from "node:crypto";
import { ScureBase32Plugin } from "otplib";

export function demoTotpSecret(email: string): string {
  const bytes = createHash("sha256").update(`haven-demo-totp:${email.trim().toLowerCase()}`).digest().subarray(0, 20);
  return new ScureBase32Plugin().encode(new Uint8Array(bytes), { padding: false });
}
