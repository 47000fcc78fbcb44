// Sign-in links (S23) and passwords at the edges of S1, through the browser: an administrator
// creates an account without a password and makes a one-time link; the person (in Korean)
// chooses a 128-character password, which works exactly as typed (a password sharing its first
// 72 characters does not); the link then cannot be used again; a reset link sets a 64-character
// password with Hangul and spaces, ends the person's open session and retires the old password.
import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { reauthenticate, signIn, USERS } from "../helpers";

async function signInWith(page: Page, email: string, pass: string): Promise<boolean> {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(pass);
  await page.locator('main form button[type="submit"]').click();
  return page.waitForURL((u) => u.pathname === "/", { timeout: 10_000 }).then(() => true, async () => {
    await expect(page.locator("#login-error")).toBeVisible();
    return false;
  });
}

async function koreanPage(browser: Browser, baseURL: string): Promise<Page> {
  const ctx = await browser.newContext();
  await ctx.addCookies([{ name: "haven-locale", value: "ko", url: baseURL }]);
  return ctx.newPage();
}

async function makeLink(admin: Page): Promise<string> {
  await admin.getByRole("button", { name: /Make a sign-in link/ }).click();
  const field = admin.getByTestId("sign-in-link");
  await expect(field).toBeVisible();
  const link = await field.inputValue();
  expect(link).toMatch(/\/login\/set-password#[A-Za-z0-9_-]{43}$/);
  return link;
}

async function setPassword(page: Page, link: string, pass: string) {
  await page.goto(link);
  // The token leaves the address bar (and history) as soon as the page has read it.
  await expect(page.getByTestId("link-account")).toBeVisible();
  expect(page.url()).not.toContain("#");
  await page.locator("#new-password").fill(pass);
  await page.locator("#confirm-password").fill(pass);
  await page.getByRole("button", { name: "비밀번호 설정" }).click();
  await page.waitForURL((u) => u.pathname === "/login" && u.searchParams.get("passwordSet") === "1", { waitUntil: "commit" });
  await expect(page.getByText("비밀번호가 설정되었습니다")).toBeVisible();
}

test("a sign-in link sets a 128-character password once; a reset link sets a 64-character one and ends old sessions", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const email = `invited.${Date.now()}@haven.test`;
  await signIn(page, USERS.admin);
  // Making a link needs a fresh re-authentication: without one, a user's page offers none.
  await page.goto("/admin/users");
  await page.locator("tr", { hasText: USERS.caseworkerA }).getByRole("link").first().click();
  await page.waitForURL((u) => /^\/admin\/users\/[a-z0-9]+$/.test(u.pathname));
  await expect(page.getByText("Making a sign-in link needs a fresh confirmation of your password.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Make a sign-in link/ })).toHaveCount(0);
  // Creating the user needs it too (S7).
  await reauthenticate(page, USERS.admin, "/admin/users/new");
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Name/).fill("Invited Caseworker");
  await page.getByLabel(/^Role/).selectOption("CASEWORKER");
  await page.getByLabel("Han River Human Rights Lawyers").check();
  await page.getByRole("button", { name: /Create user/ }).click();
  await page.waitForURL((u) => /^\/admin\/users\/[a-z0-9]+$/.test(u.pathname) && u.searchParams.get("needsLink") === "1", { waitUntil: "commit" });
  const userPath = new URL(page.url()).pathname;
  await expect(page.getByText(/created without a password/)).toBeVisible();
  const first = await makeLink(page);

  const person = await koreanPage(browser, baseURL!);
  const prefix = randomBytes(54).toString("base64"); // 72 characters
  const long = prefix + randomBytes(42).toString("base64"); // 128 characters
  const sameStart = prefix + randomBytes(42).toString("base64");
  expect([long.length, prefix.length]).toEqual([128, 72]);
  await setPassword(person, first, long);
  expect(await signInWith(person, email, sameStart)).toBe(false);
  expect(await signInWith(person, email, long)).toBe(true);

  // Used once: the same link now says so and offers no form.
  const other = await koreanPage(browser, baseURL!);
  await other.goto(first);
  await expect(other.getByTestId("link-invalid")).toContainText("사용할 수 없습니다");
  await expect(other.locator("#new-password")).toHaveCount(0);

  // A reset: a new link, a 64-character password with Hangul and spaces.
  await page.goto(userPath);
  const reset = await makeLink(page);
  const sixtyFour = `새 비밀번호 ${randomBytes(48).toString("base64url")}`.slice(0, 64);
  expect(sixtyFour.length).toBe(64);
  await setPassword(other, reset, sixtyFour);
  // The person's session from before the reset has ended; the old password no longer works.
  await person.goto("/detainees");
  await expect(person).toHaveURL(/\/login/);
  expect(await signInWith(other, email, long)).toBe(false);
  expect(await signInWith(other, email, sixtyFour)).toBe(true);
});
