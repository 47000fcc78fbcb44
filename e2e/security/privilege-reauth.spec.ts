import { expect, test, type Page } from "@playwright/test";
import { password, reauthenticate, signIn, totpCode, USERS } from "../helpers";

// S7 in the browser (issue 12, item 5): an admin session that has not re-authenticated (a stolen
// cookie, an unattended laptop) cannot create a user. Submitting the form lands on the re-auth
// page, with the way back; after the password and code the admin is back on the form and the
// user is created. Nothing is created before.

async function fillNewUser(page: Page, email: string) {
  await page.getByLabel(/^Email|^이메일/).fill(email);
  await page.getByLabel(/^Name|^이름/).fill("Reauth Journey");
  await page.getByLabel(/Initial password|초기 비밀번호/).fill("a long enough password 한글");
  await page.getByLabel(/^Role|^역할/).selectOption("ADMIN");
  await page.getByLabel("Han River Human Rights Lawyers").check();
  await page.getByRole("button", { name: /Create user|사용자 만들기/ }).click();
}

test("an admin without a fresh re-authentication is sent to confirm their password before a user is created, then back", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `reauth.journey.${Date.now()}@haven.test`;
  await signIn(page, USERS.admin);
  await page.goto("/admin/users/new");
  await fillNewUser(page, email);

  // On the re-auth page, with the way back to the form.
  await page.waitForURL((u) => u.pathname === "/account/reauth", { waitUntil: "commit" });
  expect(new URL(page.url()).searchParams.get("next")).toBe("/admin/users/new");
  // Nothing was created (the list itself needs no re-authentication to read).
  const list = await page.request.get("/admin/users");
  expect(list.status()).toBe(200);
  expect(await list.text()).toContain(USERS.admin); // the list does name accounts
  expect(await list.text()).not.toContain(email);

  // Password and code on the page the admin landed on; the helper retries if a parallel worker
  // just used this 30-second step's code.
  await page.locator("#reauth-password").fill(password(USERS.admin));
  const code = page.locator("#reauth-code");
  await expect(code).toBeVisible();
  await code.fill(await totpCode(USERS.admin));
  await page.locator('main form button[type="submit"]').click();
  const back = await page.waitForURL((u) => u.pathname === "/admin/users/new", { timeout: 8_000 }).then(() => true, () => false);
  if (!back) await reauthenticate(page, USERS.admin, "/admin/users/new");
  await expect(page).toHaveURL((u) => u.pathname === "/admin/users/new");

  // Back on the form: this time the user is created.
  await fillNewUser(page, email);
  await expect(page).toHaveURL(/\/admin\/users\?created=1/);
  await expect(page.getByRole("link", { name: "Reauth Journey" }).first()).toBeVisible();
  expect(await (await page.request.get("/admin/users")).text()).toContain(email);
});
