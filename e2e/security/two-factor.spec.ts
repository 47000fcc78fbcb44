import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { fetchRscPayload, password, SECURITY_USERS, signIn, signInPassword, submitCode, totpCode } from "../helpers";

// S4 and S5 in the browser. These accounts (team A, LAWYER, enrolled with their published demo
// secret) belong to this file alone: signing out ends every session of a user.
const CASE_MARK = /HV-\d{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4})?/;

/** The case list as a page, and as the RSC payload a client-side navigation fetches. */
async function protectedBodies(context: BrowserContext): Promise<[string, string][]> {
  const r = context.request;
  const page = await r.get("/detainees", { maxRedirects: 0 });
  const rsc = await fetchRscPayload(r, "/detainees");
  const prefetch = await r.get("/detainees?_rsc=1", { headers: { RSC: "1", "Next-Router-Prefetch": "1" }, maxRedirects: 0 });
  const exported = await r.post("/api/detainees/export", { headers: { origin: new URL(page.url()).origin }, maxRedirects: 0 });
  return [["/detainees", await page.text()], ["/detainees (RSC navigation)", rsc.body], ["/detainees (prefetch)", await prefetch.text()], ["export", await exported.text()]];
}

async function expectNoCaseData(context: BrowserContext) {
  for (const [label, body] of await protectedBodies(context)) expect(body, `${label} leaked case data`).not.toMatch(CASE_MARK);
}

/** Positive control: with a full session the page and the navigation payload do show case numbers. */
async function expectCaseData(context: BrowserContext) {
  const bodies = new Map(await protectedBodies(context));
  for (const label of ["/detainees", "/detainees (RSC navigation)"]) expect(bodies.get(label), label).toMatch(CASE_MARK);
}

async function freshContext(browser: Browser) {
  return browser.newContext();
}

test("a password-only session reaches nothing but the two-factor page", async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signInPassword(page, SECURITY_USERS.a);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.locator("main")).not.toContainText(CASE_MARK);

  for (const path of ["/detainees", "/account", "/admin/users", "/facilities"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login\/two-factor/);
  }
  await expectNoCaseData(context);

  // The code completes the same session; now the same requests do return cases (control).
  expect(await submitCode(page, await totpCode(SECURITY_USERS.a)) || await submitCode(page, await totpCode(SECURITY_USERS.a, 30))).toBe(true);
  await expect(page.locator("main")).toContainText(CASE_MARK);
  await context.close();
});

test("a code is accepted once: the same code in another browser is refused", async ({ browser }) => {
  const first = await freshContext(browser);
  const page = await first.newPage();
  await signInPassword(page, SECURITY_USERS.b);
  let code = await totpCode(SECURITY_USERS.b);
  if (!(await submitCode(page, code))) {
    code = await totpCode(SECURITY_USERS.b, 30);
    expect(await submitCode(page, code)).toBe(true);
  }
  const second = await freshContext(browser);
  const other = await second.newPage();
  await signInPassword(other, SECURITY_USERS.b);
  expect(await submitCode(other, code)).toBe(false);
  await expect(other.locator("main").getByRole("alert")).toContainText(/already used|이미 사용된/);
  await expect(other).toHaveURL(/\/login\/two-factor/);
  await expectNoCaseData(second);
  await Promise.all([first.close(), second.close()]);
});

test("after sign-out a copied cookie gets nothing: page, RSC request or server action", async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signIn(page, SECURITY_USERS.c);

  // Capture a real server action call (re-authentication, wrong password: no side effect).
  await page.goto("/account/reauth?next=/account");
  await page.locator("#reauth-password").fill("REPLAY-MARKER-PASSWORD");
  await page.locator("#reauth-code").fill("000000");
  const request = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: /Continue|계속/ }).click();
  const captured = await request;
  await expect(page.locator("main").getByRole("alert")).toBeVisible();
  const cookies = await context.cookies();
  await expectCaseData(context);

  await page.getByRole("button", { name: /Sign out|로그아웃/ }).click();
  await expect(page).toHaveURL(/\/login/);

  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/detainees");
  await expect(replayPage).toHaveURL(/\/login(\?|$)/);
  await expectNoCaseData(replay);

  // The same action with the right password and a fresh code: refused, no redirect to `next`.
  const body = (captured.postData() ?? "")
    .replace("REPLAY-MARKER-PASSWORD", password(SECURITY_USERS.c))
    .replace("000000", await totpCode(SECURITY_USERS.c, 30));
  const headers = captured.headers();
  const res = await replay.request.post(captured.url(), {
    headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, accept: "text/x-component" },
    data: body,
    maxRedirects: 0,
  });
  expect(res.headers()["x-action-redirect"]).toBeUndefined();
  expect(await res.text()).not.toMatch(CASE_MARK);
  await replay.close();
  await context.close();
});
