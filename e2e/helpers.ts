import { createHash } from "node:crypto";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { generate } from "otplib";
import { demoTotpSecret } from "../lib/auth/demo-totp";

export const password = (email: string) => `${email.split("@")[0]}-demo-pass`;

export const USERS = {
  admin: "admin@haven.test",
  lawyerA: "lawyer.a@haven.test",
  lawyerB: "lawyer.b@haven.test",
  lawyerC: "lawyer.c@haven.test",
  /** Created by scripts/e2e-server.ts: a second lawyer of team A (four-eyes approvals). */
  lawyerA2: "lawyer.a2@haven.test",
  caseworkerA: "caseworker.a@haven.test",
  viewerA: "viewer.a@haven.test",
} as const;

/** Accounts only e2e/security/ uses (created by scripts/e2e-server.ts): it signs them out. */
export const SECURITY_USERS = { a: "twofactor.a@haven.test", b: "twofactor.b@haven.test", c: "twofactor.c@haven.test", originCheck: "origin.check@haven.test" } as const;

/** The demo account's current code (the same published secret `npm run demo:totp` uses). */
export function totpCode(email: string, offsetSeconds = 0): Promise<string> {
  return generate({ secret: demoTotpSecret(email), epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

/** The password step only: ends on the two-factor page for enrolled users, on the dashboard otherwise. */
export async function signInPassword(page: Page, email: string, pass = password(email)) {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(pass);
  await page.locator('main form button[type="submit"]').click();
  // Signed-in people land on the dashboard ("/"); enrolled ones first on the two-factor page.
  await page.waitForURL((u) => u.pathname === "/" || u.pathname.startsWith("/login/two-factor"));
}

/** Submits one code; true when it let the session in. */
export async function submitCode(page: Page, code: string): Promise<boolean> {
  await page.locator("#code").fill(code);
  const response = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login/two-factor");
  await page.locator('main form button[type="submit"]').click();
  await response;
  return page.waitForURL((u) => u.pathname === "/", { timeout: 5_000 }).then(() => true, () => false);
}

/**
 * Codes are single-use, and parallel workers sign the same demo user in within one 30-s step.
 * The server accepts one step either side, so a worker whose current code was just used takes
 * the next step's; if that is gone too, it waits for the next step and tries again.
 */
async function completeTwoFactor(page: Page, email: string) {
  for (let round = 0; round < 5; round++) {
    if (await submitCode(page, await totpCode(email))) return;
    if (await submitCode(page, await totpCode(email, 30))) return;
    const msIntoStep = Date.now() % 30_000;
    try {
      test.info().setTimeout(test.info().timeout + 40_000);
    } catch {
      /* outside a test body (hooks): their own timeout applies */
    }
    await page.waitForTimeout(30_000 - msIntoStep + 200);
  }
  throw new Error(`two-factor sign-in for ${email} kept being refused`);
}

export async function signIn(page: Page, email: string, pass = password(email)) {
  await signInPassword(page, email, pass);
  if (page.url().includes("/login/two-factor")) await completeTwoFactor(page, email);
  await expect(page).toHaveURL((u) => u.pathname === "/");
  await expect(page.getByTestId("ranked-facilities")).toBeVisible();
}

/** The number in "14 cases" / "사건 14건". */
export async function caseCount(page: Page): Promise<number> {
  const text = await page.getByTestId("case-count").innerText();
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

/**
 * Re-authentication before exports and other sensitive steps (S7): password, and the current code
 * for enrolled users (retrying like sign-in when a parallel worker just used this step's code).
 * Ends on `next`.
 */
export async function reauthenticate(page: Page, email: string, next: string) {
  const path = next.split("?")[0];
  try {
    test.info().setTimeout(test.info().timeout + 70_000);
  } catch {
    /* outside a test body: the hook's own timeout applies */
  }
  // Codes are single-use and accepted one step either side. A sign-in moments ago may have used
  // this step's code or the next one's: try both, and if both are gone, wait for the next step.
  for (let round = 0; round < 3; round++) {
    for (const offset of [0, 30]) {
      await page.goto(`/account/reauth?next=${encodeURIComponent(next)}`);
      await page.locator("#reauth-password").fill(password(email));
      const code = page.locator("#reauth-code");
      const enrolled = (await code.count()) > 0;
      if (enrolled) await code.fill(await totpCode(email, offset));
      await page.locator('main form button[type="submit"]').click();
      if (await page.waitForURL((u) => u.pathname === path, { timeout: 8_000 }).then(() => true, () => false)) return;
      if (!enrolled) break;
    }
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 200);
  }
  throw new Error(`re-authentication for ${email} kept being refused`);
}

/** Chooses a facility in a type-ahead field (FacilityCombobox): types part of its name, clicks the match. */
export async function chooseFacility(scope: Page | Locator, label: RegExp, facility: string) {
  const box = scope.getByRole("combobox", { name: label });
  await box.fill(facility.slice(0, 14));
  const escaped = facility.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await scope.getByRole("option", { name: new RegExp(`^${escaped}`) }).first().click();
  await expect(box).toHaveValue(facility);
}

/**
 * The request Next 16's client router sends when a <Link> is clicked (captured from Chromium, and
 * checked again in e2e/detainees.spec.ts): `RSC: 1`, the current page's router state tree
 * (`Next-Router-State-Tree`, URL-encoded JSON), `Next-Url`, and `_rsc=` a hash of those headers.
 * A bare `RSC: 1` is only answered with a redirect (empty body) to the hashed URL; a request whose
 * `_rsc` does not match its headers likewise. `from` is the static signed-in page the navigation
 * starts on; its tree shares only the root with any other page, so the answer renders the whole
 * (app) layout and page below it, as a navigation from the dashboard does.
 */
export function rscNavigation(from = "/"): { headers: Record<string, string>; query: string } {
  const page = ["__PAGE__", {}, null, null, 0];
  const segments = from.split("/").filter(Boolean);
  let node: unknown[] = page;
  for (const segment of segments.reverse()) node = [segment, { children: node }, null, null, 0];
  const tree = encodeURIComponent(JSON.stringify(["", { children: ["(app)", { children: node }, null, null, 0] }, null, null, 16]));
  // next/dist/shared/lib/router/utils/cache-busting-search-param.js: prefetch, segment prefetch,
  // state tree, next-url; SHA-256 truncated to 96 bits, base64url.
  const hash = createHash("sha256").update(["0", "0", tree, from].join(",")).digest().subarray(0, 12).toString("base64url");
  return { headers: { rsc: "1", "next-router-state-tree": tree, "next-url": from }, query: `_rsc=${hash}` };
}

export type RscPayload = { status: number; contentType: string; body: string; redirect: string | null };

/**
 * The RSC payload of `path` as a client-side navigation fetches it. Not following redirects: a
 * redirect here means the request was not the router's (the caller should see that, not an empty body).
 */
export async function fetchRscPayload(request: APIRequestContext, path: string, from = "/"): Promise<RscPayload> {
  const { headers, query } = rscNavigation(from);
  const r = await request.get(`${path}${path.includes("?") ? "&" : "?"}${query}`, { headers, maxRedirects: 0 });
  return { status: r.status(), contentType: r.headers()["content-type"] ?? "", body: await r.text(), redirect: r.headers()["location"] ?? null };
}

/** A payload that renders elements (not a redirect, nor a route-tree-only prefetch answer). */
export function expectRendered(p: RscPayload, label: string) {
  expect(p.redirect, label).toBeNull();
  expect(p.contentType, label).toContain("text/x-component");
  expect(p.body, label).toContain('["$","');
}
