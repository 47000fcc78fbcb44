import { expect, test } from "@playwright/test";
import { caseCount, signIn, USERS } from "./helpers";

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
  await page.getByRole("link", { name: /고은별/ }).click();
  await expect(page.getByTestId("family-contacts")).toContainText("010-0000-");
  const caseUrl = page.url();
  const phone = /010-0000-\d{4}/.exec(await page.getByTestId("family-contacts").innerText())![0];

  for (const email of [USERS.caseworkerA, USERS.viewerA]) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await signIn(p, email);
    const response = await p.goto(caseUrl);
    expect(response?.status()).toBe(200);
    await expect(p.getByTestId("family-contacts-masked")).toBeVisible();
    // Not merely hidden: absent from the HTML and the RSC payload the server sent.
    expect(await response!.text()).not.toContain(phone);
    const rsc = await p.request.get(caseUrl, { headers: { RSC: "1" } });
    expect(rsc.status()).toBe(200);
    expect(await rsc.text()).not.toContain(phone);
    await ctx.close();
  }
});
