// Security headers that do not depend on the request (S16). next.config.ts sends them on every
// response, so they hold even if proxy.ts is removed or skipped; the proxy sends them again with
// the per-request nonce policy, which replaces the fallback CSP below.
import { contentSecurityPolicy, DATA_RESPONSE_CSP } from "./csp";

export type Header = { key: string; value: string };

/** Two years, as the HSTS preload list asks; sent only over https. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

// Features Haven never uses: a compromised script cannot switch on the camera or microphone,
// read the location, or use the payment and USB APIs.
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

export function staticSecurityHeaders(opts: { dev: boolean }): Header[] {
  return [
    // No MIME sniffing: an uploaded file is never run as a script or page (S22).
    { key: "X-Content-Type-Options", value: "nosniff" },
    // URLs carry case ids; they must not leak to another site in the Referer header.
    { key: "Referrer-Policy", value: "no-referrer" },
    // A page opened from Haven cannot reach back into it through window.opener.
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
    // Clickjacking: frame-ancestors in the CSP, and X-Frame-Options for older browsers.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ nonce: null, dev: opts.dev, https: false }) },
  ];
}

/** Responses carrying case data must never be stored by a browser or a shared cache. */
export const NO_STORE = "no-store";

/**
 * next.config.ts's rule for route handlers under /api/ but next-auth's (lib/security/csp.ts,
 * isDataResponsePath): the data policy replaces the page fallback, as the proxy does.
 */
export const DATA_RESPONSE_HEADERS = { source: "/api/((?!auth/|auth$).*)", headers: [{ key: "Content-Security-Policy", value: DATA_RESPONSE_CSP }] };
