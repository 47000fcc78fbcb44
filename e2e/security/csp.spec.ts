// S15/S20 in a real browser: walking the main pages as a lawyer and as an admin produces no CSP
// violation, and the browser asks no host but Haven's own for anything.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signIn, USERS } from "../helpers";

type Recorder = { violations: string[]; foreign: string[] };

async function record(context: BrowserContext, page: Page, origin: string): Promise<Recorder> {
  const rec: Recorder = { violations: [], foreign: [] };
  // Registered before any page script: reports violations the console might not show.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) rec.violations.push(`${page.url()}: ${m.text()}`);
  });
  context.on("request", (r) => {
    const url = new URL(r.url());
    if (["data:", "blob:"].includes(url.protocol)) return;
    if (url.origin !== origin) rec.foreign.push(r.url());
  });
  return rec;
}

async function walk(page: Page, paths: string[]) {
  for (const path of paths) {
    const r = await page.goto(path);
    expect(r?.status(), path).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
  }
}

test("a lawyer's journey: no CSP violations, no third-party requests", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const rec = await record(context, page, new URL(baseURL!).origin);
  await page.goto("/login");
  await signIn(page, USERS.lawyerA);
  await walk(page, ["/", "/detainees", "/detainees/new", "/detainees/import", "/facilities", "/events"]);
  await page.goto("/detainees?sort=caseNumber");
  await page.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/detainees\/[a-z0-9]+$/);
  await page.waitForLoadState("networkidle");
  // Client-side navigation exercises RSC fetches and the router's chunk loading.
  await page.getByRole("link", { name: /Facilities|시설/ }).first().click();
  await page.waitForLoadState("networkidle");
  await page.getByRole("row").nth(1).getByRole("link").first().click();
  await page.waitForLoadState("networkidle");
  await context.close();
  expect(rec.violations).toEqual([]);
  expect(rec.foreign).toEqual([]);
});

test("an admin's pages: no CSP violations, no third-party requests", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const rec = await record(context, page, new URL(baseURL!).origin);
  await signIn(page, USERS.admin);
  await walk(page, ["/admin/users", "/admin/users/new", "/admin/teams", "/detainees"]);
  await context.close();
  expect(rec.violations).toEqual([]);
  expect(rec.foreign).toEqual([]);
});

test("the policy is enforced: an inline script without the nonce does not run", async ({ page }) => {
  // Serve the real sign-in page with its real CSP header, plus a parser-inserted inline script
  // that has no nonce — exactly what an HTML injection would add. It must not run.
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
    await route.fulfill({ response, body: html });
  });
  const violations: string[] = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto("/login");
  const ran = await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true);
  expect(ran).toBe(false);
  expect(violations.length).toBeGreaterThan(0);
});
