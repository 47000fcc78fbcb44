import { expect, test } from "@playwright/test";
import { expectRendered, fetchRscPayload, signIn, USERS } from "../helpers";

test("a lawyer of team B gets 404 for a team A case, in HTML and RSC, and the case is unchanged", async ({ page, browser }) => {
  // Two two-factor sign-ins and five page loads: 30 s ran out on a busy CI machine (the steps were slow, none failed).
  test.setTimeout(90_000);
  await signIn(page, USERS.lawyerA);
  await page.goto("/detainees?sort=caseNumber");
  await page.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/detainees\/[a-z0-9]+$/);
  const caseUrl = page.url();
  const before = await page.locator("article").innerText();

  const ctx = await browser.newContext();
  const outsider = await ctx.newPage();
  await signIn(outsider, USERS.lawyerB);
  const response = await outsider.goto(caseUrl);
  expect(response?.status()).toBe(404);
  await expect(outsider.getByRole("heading", { level: 1 })).toHaveText(/Not found|찾을 수 없음/);
  const caseNumber = /HV-\d{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4})?/.exec(before)![0];
  expect(await response!.text()).not.toContain(caseNumber);
  // The payload a client-side navigation fetches (from the dashboard and from the list): a 404
  // that renders the not-found page, and nothing of the case.
  const casePath = new URL(caseUrl).pathname;
  for (const from of ["/", "/detainees"]) {
    const own = await fetchRscPayload(page.request, casePath, from);
    expectRendered(own, `lawyer A, from ${from}`);
    // Positive control: the same request with team A's lawyer carries the case number.
    expect(own.body).toContain(caseNumber);
    const r = await fetchRscPayload(outsider.request, casePath, from);
    expectRendered(r, `lawyer B, from ${from}`);
    // (Streamed: the status is already 200 when the page calls notFound(); the payload says 404.)
    expect(r.body).toContain("NEXT_HTTP_ERROR_FALLBACK;404");
    expect(r.body).not.toContain(caseNumber);
  }
  // A prefetch answers with the route tree only (nothing rendered, so nothing to find).
  const prefetch = await outsider.request.get(caseUrl, { headers: { "Next-Router-Prefetch": "1", RSC: "1" } });
  expect(await prefetch.text()).not.toContain(caseNumber);
  await ctx.close();

  await page.reload();
  expect(await page.locator("article").innerText()).toBe(before);
});

test("refused requests are in the audit log, where an administrator sees who asked for what", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // A team A case id, read by team A's caseworker (no second factor: less contention for codes).
  await signIn(page, USERS.caseworkerA);
  await page.goto("/detainees?sort=caseNumber");
  await page.getByRole("row").nth(2).getByRole("link").first().click();
  await page.waitForURL((u) => /^\/detainees\/[a-z0-9]+$/.test(u.pathname) && u.pathname !== "/detainees/new");
  const caseId = new URL(page.url()).pathname.split("/")[2]!;

  // Lawyer B asks for team A's case; a viewer asks for an admin page.
  const outsider = await (await browser.newContext()).newPage();
  await signIn(outsider, USERS.lawyerB);
  expect((await outsider.goto(`/detainees/${caseId}`))?.status()).toBe(404);
  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, USERS.viewerA);
  expect((await viewer.goto("/admin/users"))?.status()).toBe(404);
  expect((await viewer.goto("/admin/audit"))?.status()).toBe(404);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, USERS.admin);
  await admin.goto(`/admin/audit?kind=refusals&entityId=${caseId}`);
  const refusal = admin.getByTestId("audit-table").locator('tr[data-action="access.refused"]', { hasText: USERS.lawyerB });
  await expect(refusal.first()).toContainText("/detainees/[detaineeId]");
  await expect(refusal.first()).toContainText("scope");
  await admin.goto(`/admin/audit?kind=refusals&actor=${encodeURIComponent(USERS.viewerA)}`);
  await expect(admin.getByTestId("audit-table").locator('tr[data-action="access.refused"]', { hasText: "target: /admin" }).first()).toBeVisible();
  // A LIKE wildcard in the filter is taken literally (S13): it matches nobody.
  await admin.goto("/admin/audit?actor=%25");
  await expect(admin.getByTestId("audit-count")).toHaveText(/^0 /);
});

test("non-admins get 404 for the admin pages", async ({ page }) => {
  await signIn(page, USERS.lawyerA);
  for (const path of ["/admin/users", "/admin/users/new", "/admin/teams", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("without a session, protected pages send you to sign in and reveal no case data", async ({ request }) => {
  for (const path of ["/detainees", "/admin/users", "/"]) {
    for (const headers of [{}, { RSC: "1" }, { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }] as Record<string, string>[]) {
      const r = await request.get(path, { headers, maxRedirects: 0 });
      expect([302, 303, 307, 308], `${path} ${JSON.stringify(headers)}`).toContain(r.status());
      expect(await r.text()).not.toContain("HV-");
    }
  }
});
