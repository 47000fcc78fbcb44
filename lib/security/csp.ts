// Content-Security-Policy for every HTML response (S15). The strict policy carries a fresh nonce
// per request: Next reads it from the request's CSP header and stamps it on its own scripts, so
// an injected <script> (XSS) or a script from another host never runs. No imports from Next or
// Node here: proxy.ts and next.config.ts both use this file.

export type CspOptions = {
  /** Base64 nonce for this request; null for the static fallback policy. */
  nonce: string | null;
  /** `next dev` only: React's dev tooling needs eval, and Turbopack injects <style> tags without a nonce. */
  dev: boolean;
  /** Served over https (directly or behind a TLS-terminating proxy). */
  https: boolean;
};

/** 128 bits from the platform CSPRNG (Web Crypto: works in the proxy and in Node). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  const scripts = nonce
    ? // 'strict-dynamic': scripts loaded by a nonced script (Next's chunks) run; host lists are ignored.
      ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]
    : // Without a proxy there is no nonce and Next's inline bootstrap needs 'unsafe-inline'; the
      // fallback still confines scripts to this origin.
      ["'self'", "'unsafe-inline'"];
  if (dev) scripts.push("'unsafe-eval'");
  // Haven renders no style attributes and Tailwind ships one stylesheet file, so production
  // allows only our own stylesheets and nonced <style> elements: injected CSS cannot restyle the
  // page or read attribute values through selectors. A nonce would disable 'unsafe-inline', so
  // dev (HMR <style> tags) and the nonce-less fallback use 'unsafe-inline' instead.
  const styles = nonce && !dev ? ["'self'", `'nonce-${nonce}'`] : ["'self'", "'unsafe-inline'"];
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", scripts],
    ["style-src", styles],
    // QR codes for two-factor enrolment are data: URLs; nothing is loaded from other hosts (S20).
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'"]],
    ["connect-src", ["'self'"]],
    ["media-src", ["'self'"]],
    ["worker-src", ["'self'"]],
    ["manifest-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["frame-src", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
    ["form-action", ["'self'"]],
  ];
  const policy = directives.map(([name, values]) => `${name} ${values.join(" ")}`);
  // Only over https: on plain-http installs (a laptop on localhost) it would break every request.
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/**
 * For route handlers under /api/ (downloads, exports, JSON): they are data, never pages. Should a
 * browser render one anyway (an uploaded HTML or SVG file, a CSV opened in a tab), it runs no
 * script, loads nothing and gets an opaque origin (sandbox), and no site may frame it.
 */
export const DATA_RESPONSE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** Responses that get DATA_RESPONSE_CSP: every API route but next-auth's (its pages and redirects). */
export function isDataResponsePath(pathname: string): boolean {
  return pathname.startsWith("/api/") && !(pathname === "/api/auth" || pathname.startsWith("/api/auth/"));
}
