import { expect, test } from "@playwright/test";
import { caseCount, chooseFacility, expectRendered, fetchRscPayload, rscNavigation, signIn, USERS } from "./helpers";

test("search finds a case by Hangul, romanisation and initials; filters and pages work", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto("/detainees");
  await expect(page.getByRole("navigation", { name: /Pages|페이지/ })).toBeVisible(); // 40 cases, 25 a page
  for (const q of ["김옥희", "Kim Ok-hui", "Gim Ok Hui", "ㄱㅇㅎ"]) {
    await page.goto(`/detainees?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole("link", { name: /김옥희/ }).first(), q).toBeVisible();
  }
  await page.goto("/detainees?status=REPORTED");
  expect(await caseCount(page)).toBe(6);
  // Hostile or malformed query strings fall back to defaults, never a server error.
  const res = await page.goto("/detainees?page=-3&sort=%27%3B--&status=<script>");
  expect(res?.status()).toBe(200);
});

test("a lawyer sees the restricted family contacts of their case; a caseworker and a viewer do not", async ({ page, browser }) => {
  await signIn(page, USERS.lawyerA);
  await page.goto(`/detainees?q=${encodeURIComponent("고은별")}`); // demo case with a family contact
  // Capture the request the client router sends when a link is clicked (the helper mimics it).
  const navigation = page.waitForRequest((r) => /^\/detainees\/[a-z0-9]+$/.test(new URL(r.url()).pathname) && new URL(r.url()).searchParams.has("_rsc") && !r.headers()["next-router-prefetch"]);
  await page.getByRole("link", { name: /고은별/ }).click();
  const routerRequest = await navigation;
  await expect(page.getByTestId("family-contacts")).toContainText("010-0000-");
  const caseUrl = page.url();
  const casePath = new URL(caseUrl).pathname;
  const phone = /010-0000-\d{4}/.exec(await page.getByTestId("family-contacts").innerText())![0];
  // The helper asks as the router does: the same router headers, and nothing else Next reads.
  const routerHeaders = Object.keys(await routerRequest.allHeaders()).filter((h) => h === "rsc" || h.startsWith("next-")).sort();
  expect(routerHeaders).toEqual(Object.keys(rscNavigation().headers).sort());
  // Positive control: the lawyer's payload, fetched both ways, carries the contact; so the same
  // check below can see it in the caseworker's and viewer's payloads if it were there.
  const replayed = await page.request.get(routerRequest.url(), { headers: await routerRequest.allHeaders(), maxRedirects: 0 });
  expect(replayed.status()).toBe(200);
  expect(await replayed.text()).toContain(phone);
  expect(await (await page.request.get(caseUrl)).text()).toContain(phone);
  // The relative who gave consent (demo data) is restricted too: the lawyer sees the name.
  const consentGiver = "Ko Un-ha";
  await expect(page.getByTestId("consent-history")).toContainText(consentGiver);
  for (const from of ["/", "/detainees"]) {
    const own = await fetchRscPayload(page.request, casePath, from);
    expectRendered(own, `lawyer, from ${from}`);
    expect(own.body).toContain(phone);
    expect(own.body).toContain(consentGiver);
  }

  for (const email of [USERS.caseworkerA, USERS.viewerA]) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await signIn(p, email);
    const response = await p.goto(caseUrl);
    expect(response?.status()).toBe(200);
    await expect(p.getByTestId("family-contacts-masked")).toBeVisible();
    // Not merely hidden: absent from the HTML and the RSC payload the server sent.
    expect(await response!.text()).not.toContain(phone);
    expect(await response!.text()).not.toContain(consentGiver);
    await expect(p.getByTestId("consent-restricted-masked").first()).toBeVisible();
    for (const from of ["/", "/detainees"]) {
      const rsc = await fetchRscPayload(p.request, casePath, from);
      expectRendered(rsc, `${email}, from ${from}`);
      expect(rsc.status).toBe(200);
      expect(rsc.body).toContain("family-contacts-masked"); // the case page itself, masked
      expect(rsc.body).not.toContain(phone);
      expect(rsc.body).not.toContain(consentGiver);
    }
    await ctx.close();
  }
});

test("the facility filter is searched by typing and offers only facilities holding the team's cases", async ({ page }) => {
  // Team A's caseworker: same cases as its lawyers, and no single-use code to compete for with the
  // other specs signing in lawyer A at the same time.
  await signIn(page, USERS.caseworkerA);
  await page.goto("/detainees");
  // What the filter will offer: at most 20 facilities holding team A's cases.
  const offered = (await (await page.request.get("/api/facilities/options?q=")).json()) as { options: { id: string; nameEn: string }[] };
  expect(offered.options.length).toBeGreaterThan(0);
  expect(offered.options.length).toBeLessThanOrEqual(20);
  const target = offered.options[0]!;
  await chooseFacility(page.locator("main"), /^(Current facility|현재 구금 시설)$/, target.nameEn);
  await page.getByRole("button", { name: /^(Apply|적용)/ }).click();
  await page.waitForURL((u) => u.searchParams.get("facilityId") === target.id);
  // The list shows only people held there now, and the field still names the facility.
  await expect(page.getByRole("combobox", { name: /^(Current facility|현재 구금 시설)$/ })).toHaveValue(target.nameEn);
  const cells = page.locator("tbody tr td:nth-child(4)");
  expect(await cells.count()).toBeGreaterThan(0);
  for (const text of await cells.allInnerTexts()) expect(text).toContain(target.nameEn);
  // A name that matches nothing says so, rather than showing an empty list.
  const box = page.getByRole("combobox", { name: /^(Current facility|현재 구금 시설)$/ });
  await box.fill("zzzz-no-such-facility");
  await expect(page.getByRole("listbox")).toContainText(/No facility holding your cases matches|담당 사건이 구금된 시설이 없습니다/);
  // Signed out, the options route gives nothing: sent to sign in (proxy.ts) or a 404 (the route itself).
  const anonymous = await page.context().browser()!.newContext();
  const res = await anonymous.request.get(`${new URL(page.url()).origin}/api/facilities/options?q=`, { maxRedirects: 0 });
  const refused = res.status() === 404 || (res.status() >= 300 && res.status() < 400 && new URL(res.headers()["location"] ?? "", page.url()).pathname === "/login");
  expect(refused, `status ${res.status()} ${res.headers()["location"] ?? ""}`).toBe(true);
  expect(await res.text()).not.toContain(target.nameEn);
  // Positive control: the same request with the lawyer's session names the facility.
  expect(await (await page.request.get("/api/facilities/options?q=")).text()).toContain(target.nameEn);
  await anonymous.close();
});
