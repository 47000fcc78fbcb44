// S15/S16 without a browser: the policy builder, the proxy's per-request headers, and the
// static headers next.config.ts sends even when the proxy is gone. e2e/security/* checks real pages.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, DATA_RESPONSE_CSP } from "@/lib/security/csp";
import { proxy } from "@/proxy";
import nextConfig from "@/next.config";
import { DATA_RESPONSE_HEADERS } from "@/lib/security/headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

function callProxy(url: string, headers: Record<string, string> = {}) {
  return proxy(new NextRequest(new URL(url), { headers }));
}

describe("content security policy", () => {
  const nonce = createNonce();
  const strict = directives(contentSecurityPolicy({ nonce, dev: false, https: false }));

  it("allows scripts only with this request's nonce, and no eval in production", () => {
    expect(strict.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(strict.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    const all = [...strict.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'unsafe-inline'");
  });

  it("closes objects, base, framing and foreign form targets", () => {
    expect(strict.get("object-src")).toEqual(["'none'"]);
    expect(strict.get("base-uri")).toEqual(["'none'"]);
    expect(strict.get("frame-ancestors")).toEqual(["'none'"]);
    expect(strict.get("form-action")).toEqual(["'self'"]);
    expect(strict.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(strict.get("connect-src")).toEqual(["'self'"]);
    expect(strict.get("default-src")).toEqual(["'self'"]);
  });

  it("names no other host anywhere (S20)", () => {
    expect([...strict.values()].flat().filter((v) => !/^'[^']+'$|^(data|blob):$/.test(v))).toEqual([]);
  });

  it("allows eval only in development", () => {
    expect(directives(contentSecurityPolicy({ nonce, dev: true, https: false })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("upgrades insecure requests only over https", () => {
    expect(strict.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(contentSecurityPolicy({ nonce, dev: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("uses 128-bit nonces that differ every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    expect(Buffer.from(createNonce(), "base64")).toHaveLength(16);
  });
});

describe("proxy body limit (issue 12 item 9)", () => {
  it("answers 413 with the security headers to a declared body over 1 MB, and passes 1 MB on", () => {
    const big = callProxy("http://localhost/login", { "content-length": String(1024 * 1024 + 1), cookie: "next-auth.session-token=x" });
    expect(big.status).toBe(413);
    expect(big.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(big.headers.get("x-content-type-options")).toBe("nosniff");
    expect(big.headers.get("cache-control")).toMatch(/no-store/);
    const ok = callProxy("http://localhost/login", { "content-length": String(1024 * 1024), cookie: "next-auth.session-token=x" });
    expect(ok.status).not.toBe(413);
  });
});

describe("proxy headers", () => {
  it("gives each request its own nonce, on the response and on the request Next renders", () => {
    const a = callProxy("http://localhost/login");
    const b = callProxy("http://localhost/login");
    const nonceA = /'nonce-([^']+)'/.exec(a.headers.get("content-security-policy") ?? "")?.[1];
    const nonceB = /'nonce-([^']+)'/.exec(b.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonceA).toBeTruthy();
    expect(nonceA).not.toBe(nonceB);
    // NextResponse.next({ request: { headers } }) forwards overridden request headers like this.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(a.headers.get("content-security-policy"));
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonceA);
  });

  it("sets the S16 headers on pages, API routes and redirects alike", () => {
    for (const r of [callProxy("http://localhost/login"), callProxy("http://localhost/api/health"), callProxy("http://localhost/detainees")]) {
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
      expect(r.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(r.headers.get("cache-control")).toBe("no-store");
      expect(r.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
      expect(r.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(r.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("leaves route handlers under /api/ (downloads, exports) the sandbox policy, pages and next-auth the nonce policy", () => {
    for (const path of ["/api/attachments/abc", "/api/petitions/files/abc", "/api/petitions/abc/export", "/api/detainees/export", "/api/detainees/import-template", "/api/health"]) {
      const csp = directives(callProxy(`http://localhost${path}`).headers.get("content-security-policy") ?? "");
      expect(csp.get("sandbox"), path).toEqual([]);
      expect(csp.get("default-src"), path).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(csp.has("script-src"), path).toBe(false);
    }
    expect(DATA_RESPONSE_CSP).toMatch(/^default-src 'none'; sandbox/);
    for (const path of ["/login", "/detainees", "/api/auth/session", "/api/auth", "/apiary", "/detainees/api/x"]) {
      const csp = directives(callProxy(`http://localhost${path}`).headers.get("content-security-policy") ?? "");
      expect(csp.has("sandbox"), path).toBe(false);
      expect(csp.get("script-src")?.some((v) => v.startsWith("'nonce-")), path).toBe(true);
    }
  });

  it("sends HSTS only over https", () => {
    expect(callProxy("http://localhost/login").headers.get("strict-transport-security")).toBeNull();
    expect(callProxy("https://haven.example/login").headers.get("strict-transport-security")).toMatch(/max-age=\d{8}/);
    expect(callProxy("http://localhost/login", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toMatch(/max-age/);
  });
});

describe("next.config.ts (headers without the proxy)", () => {
  it("turns off X-Powered-By", () => {
    expect(nextConfig.poweredByHeader).toBe(false);
  });

  it("sends the static headers, no-store and HTTPS-only HSTS on every page", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*" && !r.has)!;
    const byKey = new Map(all.headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byKey.get("x-content-type-options")).toBe("nosniff");
    expect(byKey.get("referrer-policy")).toBe("no-referrer");
    expect(byKey.get("cross-origin-opener-policy")).toBe("same-origin");
    const fallback = directives(byKey.get("content-security-policy")!);
    expect(fallback.get("object-src")).toEqual(["'none'"]);
    expect(fallback.get("frame-ancestors")).toEqual(["'none'"]);
    expect(fallback.get("script-src")).not.toContain("*");
    const noStore = rules.find((r) => r.headers.some((h) => h.key === "Cache-Control"))!;
    expect(noStore.headers[0]!.value).toBe("no-store");
    expect(new RegExp(`^${noStore.source.replace("/((", "/(?:(")}$`).test("/detainees/abc")).toBe(true);
    // Route handlers under /api/ but next-auth's: the sandbox policy, in a rule after the fallback's (the later wins).
    const cspRules = rules.filter((r) => r.headers.some((h) => h.key === "Content-Security-Policy"));
    expect(cspRules.map((r) => r.source)).toEqual(["/:path*", DATA_RESPONSE_HEADERS.source]);
    const data = new RegExp(`^${DATA_RESPONSE_HEADERS.source.replace("/api/((", "/api/(?:(")}$`);
    for (const path of ["/api/attachments/abc", "/api/detainees/export", "/api/petitions/abc/export", "/api/health", "/api/authors"]) expect(data.test(path), path).toBe(true);
    for (const path of ["/api/auth/session", "/api/auth", "/detainees", "/login"]) expect(data.test(path), path).toBe(false);
    expect(cspRules[1]!.headers).toEqual([{ key: "Content-Security-Policy", value: DATA_RESPONSE_CSP }]);
    const hsts = rules.find((r) => r.headers.some((h) => h.key === "Strict-Transport-Security"))!;
    expect(hsts.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https" }]);
  });
});
