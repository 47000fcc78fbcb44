import { expect, test } from "@playwright/test";
import { caseCount, reauthenticate, signIn, USERS } from "./helpers";

test("an admin creates a user with a team, the user signs in, and disabling them ends their session", async ({ page, browser }) => {
  const email = `new.caseworker.${Date.now()}@haven.test`;
  const pass = "a long enough password 한글";
  await signIn(page, USERS.admin);
  // Every user change needs a fresh re-authentication (S7; the refusal itself:
  // e2e/security/privilege-reauth.spec.ts). Ends on the form.
  await reauthenticate(page, USERS.admin, "/admin/users/new");

  // Bad input first: clear messages, nothing created, what was typed kept.
  await page.getByLabel(/^Email|^이메일/).fill("not-an-email");
  await page.getByLabel(/^Name|^이름/).fill("New Caseworker");
  await page.getByLabel(/Initial password|초기 비밀번호/).fill("short");
  await page.getByLabel(/Initial password|초기 비밀번호/).evaluate((el) => el.removeAttribute("minlength"));
  await page.getByLabel(/^Email|^이메일/).evaluate((el) => el.setAttribute("type", "text"));
  await page.getByRole("button", { name: /Create user|사용자 만들기/ }).click();
  await expect(page.getByText(/valid email|올바른 이메일/)).toBeVisible();
  await expect(page.getByText(/at least 12|12자 이상/)).toBeVisible();
  await expect(page.getByLabel(/^Name|^이름/)).toHaveValue("New Caseworker");

  await page.getByLabel(/^Email|^이메일/).fill(email);
  await page.getByLabel(/Initial password|초기 비밀번호/).fill(pass);
  await page.getByLabel(/^Role|^역할/).selectOption("CASEWORKER");
  await page.getByLabel("Han River Human Rights Lawyers").check();
  await page.getByRole("button", { name: /Create user|사용자 만들기/ }).click();
  await expect(page).toHaveURL(/\/admin\/users\?created=1/);
  await expect(page.getByRole("link", { name: "New Caseworker" })).toBeVisible();

  const ctx = await browser.newContext();
  const user = await ctx.newPage();
  await signIn(user, email, pass);
  await user.goto("/detainees");
  expect(await caseCount(user)).toBe(13); // team B's cases

  await page.getByRole("link", { name: "New Caseworker" }).click();
  await page.getByRole("button", { name: /Disable account|계정 비활성화/ }).click();
  await expect(page.getByRole("status")).toBeVisible();

  await user.goto("/detainees");
  await expect(user).toHaveURL(/\/login/);
  await ctx.close();
});

test("an admin creates a team", async ({ page }) => {
  const name = `Busan Legal Aid ${Date.now()}`;
  await signIn(page, USERS.admin);
  await reauthenticate(page, USERS.admin, "/admin/teams");
  await page.getByLabel(/Team name|팀 이름/).fill(name);
  await page.getByRole("button", { name: /Create team|팀 만들기/ }).click();
  await expect(page.getByText(name)).toBeVisible();
  await page.getByLabel(/Team name|팀 이름/).fill(name);
  await page.getByRole("button", { name: /Create team|팀 만들기/ }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText(/correct the fields|고쳐 주세요/);
  await expect(page.getByText(/Already taken|이미 사용 중/)).toBeVisible();
});
