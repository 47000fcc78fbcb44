// TOTP (RFC 6238, 6 digits, 30 s) through otplib. A code is accepted in the current step or one
// step either side (clock drift), and only for a step later than the last one accepted, so a
// code seen over a shoulder or replayed from a proxy log is useless (S4).
import { generate, generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW_STEPS = 1;
const ISSUER = "Haven";

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, accountLabel: string): string {
  return generateURI({ issuer: ISSUER, label: accountLabel, secret });
}

/** The manual key as authenticator apps show it: groups of four. */
export function formatManualKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

export function normaliseCode(code: unknown): string | null {
  if (typeof code !== "string") return null;
  const digits = code.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

export function stepAt(epochSeconds: number): number {
  return Math.floor(epochSeconds / TOTP_PERIOD_SECONDS);
}

export function totpCodeAt(secret: string, epochSeconds: number): Promise<string> {
  return generate({ secret, epoch: epochSeconds });
}

/**
 * The time step the code belongs to, or null when it is wrong, outside the window, or not later
 * than `lastStep` (already used).
 */
export async function matchTotpCode(secret: string, code: unknown, lastStep: number | null, now: Date = new Date()): Promise<number | null> {
  const token = normaliseCode(code);
  if (!token) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** The QR code as a data: URL, drawn on the server: the secret never goes to a third party. */
export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 224 });
}
