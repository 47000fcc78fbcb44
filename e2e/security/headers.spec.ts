// S15/S16 on the running production server: every kind of response (public page, signed-in
// case page, RSC request, API route, redirect) carries the security headers, and each page's
// scripts carry that response's own nonce.
import { expect, test, type APIResponse, type Response } from "@playwright/test";
import { fetchRscPayload, rscNavigation, signIn, USERS } from "../helpers";

type AnyResponse = Response | APIResponse;

async function headerMap(r: AnyResponse): Promise<Map<string, string[]>> {
  const list = await r.headersArray();
  const map = new Map<string, string[]>();
  for (const { name, value } of list) map.set(name.toLowerCase(), [...(map.get(name.toLowerCase()) ?? []), value]);
  return map;
}

function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([n, ...v]) => [n!, v]));
}

/** Asserts the S16 headers; returns the nonce of the strict policy. */
async function expectSecurityHeaders(r: AnyResponse, label: string): Promise<string> {
  const h = await headerMap(r);
  const one = (name: string) => h.get(name)?.join(", ") ?? null;
  expect(one("x-content-type-options"), label).toBe("nosniff");
  expect(one("referrer-policy"), label).toBe("no-referrer");
  expect(one("cross-origin-opener-policy"), label).toBe("same-origin");
  expect(one("cache-control"), label).toMatch(/no-store/);
  expect(one("permissions-policy"), label).toMatch(/camera=\(\).*microphone=\(\)/);
  expect(h.has("x-powered-by"), label).toBe(false);
  // Plain http here: HSTS would be ignored by browsers and must not be sent.
  expect(h.has("strict-transport-security"), label).toBe(false);
  const policies = h.get("content-security-policy") ?? [];
  expect(policies, label).toHaveLength(1);
  const csp = cspDirectives(policies[0]!);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(csp.get("script-src")?.find((v) => v.startsWith("'nonce-")) ?? "")?.[1];
  expect(nonce, `${label}: nonce in script-src`).toBeTruthy();
  expect(csp.get("script-src"), label).toContain("'strict-dynamic'");
  expect([...csp.values()].flat(), label).not.toContain("'unsafe-eval'");
  expect(csp.get("script-src"), label).not.toContain("'unsafe-inline'");
  expect(csp.get("object-src"), label).toEqual(["'none'"]);
  expect(csp.get("base-uri"), label).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors"), label).toEqual(["'none'"]);
  expect(csp.get("form-action"), label).toEqual(["'self'"]);
  expect(csp.get("connect-src"), label).toEqual(["'self'"]);
  return nonce!;
}

/** A route handler's response (download, export, JSON): the S16 headers and the sandbox policy only. */
async function expectDataHeaders(r: AnyResponse, label: string) {
  const h = await headerMap(r);
  const one = (name: string) => h.get(name)?.join(", ") ?? null;
  expect(one("x-content-type-options"), label).toBe("nosniff");
  expect(one("referrer-policy"), label).toBe("no-referrer");
  expect(one("cache-control"), label).toMatch(/no-store/);
  expect(h.has("x-powered-by"), label).toBe(false);
  const policies = h.get("content-security-policy") ?? [];
  expect(policies, label).toHaveLength(1);
  const csp = cspDirectives(policies[0]!);
  expect(csp.get("sandbox"), `${label}: ${policies[0]}`).toEqual([]);
  expect(csp.get("default-src"), label).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors"), label).toEqual(["'none'"]);
  expect(csp.has("script-src"), label).toBe(false);
}

/** Every <script> in the HTML carries this response's nonce (so the strict policy lets it run). */
function expectScriptsNonced(html: string, nonce: string, label: string) {
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, label).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, label).toContain(`nonce="${nonce}"`);
}

test("the sign-in page: headers, and a fresh nonce on every script of every response", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const n1 = await expectSecurityHeaders(first, "/login");
  const n2 = await expectSecurityHeaders(second, "/login again");
  expect(n1).not.toBe(n2);
  expectScriptsNonced(await first.text(), n1, "/login");
});

test("signed-in pages, RSC requests, API routes and redirects carry the headers", async ({ page }) => {
  await signIn(page, USERS.lawyerA);
  const list = await page.goto("/detainees?sort=caseNumber");
  await expectSecurityHeaders(list!, "/detainees");
  await page.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/detainees\/[a-z0-9]+$/);
  const casePath = new URL(page.url()).pathname;

  const caseResponse = await page.request.get(casePath);
  const nonce = await expectSecurityHeaders(caseResponse, casePath);
  expectScriptsNonced(await caseResponse.text(), nonce, casePath);
  const rsc = await fetchRscPayload(page.request, casePath);
  expect(rsc.status).toBe(200);
  await expectSecurityHeaders(await page.request.get(`${casePath}?${rscNavigation().query}`, { headers: rscNavigation().headers, maxRedirects: 0 }), `${casePath} (RSC)`);
  await expectSecurityHeaders(await page.request.get("/facilities"), "/facilities");
  // Route handlers: the sandbox policy, not the page policy (S22).
  await expectDataHeaders(await page.request.get("/api/health"), "/api/health");
  await expectDataHeaders(await page.request.get("/api/detainees/import-template"), "/api/detainees/import-template");
  await expectDataHeaders(await page.request.post("/api/detainees/export", { maxRedirects: 0 }), "/api/detainees/export refused");
  // next-auth's routes keep the page policy (they answer with redirects and its own pages).
  await expectSecurityHeaders(await page.request.get("/api/auth/session"), "/api/auth/session");
});

test("an evidence download keeps its sandbox policy (the proxy does not replace it)", async ({ page }) => {
  // Team A's caseworker (no second factor): uploads a photo to a case and downloads it again.
  await signIn(page, USERS.caseworkerA);
  await page.goto("/detainees?sort=caseNumber");
  await page.locator("main tbody tr").nth(3).getByRole("link").first().click();
  await page.waitForURL((u) => /^\/detainees\/[a-z0-9]+$/.test(u.pathname) && u.pathname !== "/detainees/new");
  const evidence = page.locator("section", { has: page.getByRole("heading", { name: /Evidence files|증거 파일/ }) });
  if (!(await evidence.locator("#evidence-file").isVisible())) await evidence.getByText(/Upload a file|파일 올리기/).click();
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  await evidence.locator("#evidence-file").setInputFiles({ name: "headers-check.png", mimeType: "image/png", buffer: png });
  await evidence.getByRole("button", { name: /^(Upload|올리기)$/ }).click();
  const link = evidence.getByRole("link", { name: /headers-check\.png/ });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  await expectDataHeaders(download, href);
});

test("anonymous redirects and not-found pages carry the headers", async ({ request }) => {
  await expectSecurityHeaders(await request.get("/detainees", { maxRedirects: 0 }), "redirect /detainees");
  await expectSecurityHeaders(await request.get("/no-such-page-here"), "404");
});

test("HSTS is sent when TLS was terminated in front of Haven", async ({ request }) => {
  const r = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(r.headers()["strict-transport-security"]).toMatch(/max-age=\d{8}; includeSubDomains/);
});
