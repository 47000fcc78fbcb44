import { expect, type Page } from "@playwright/test";

export const password = (email: string) => `${email.split("@")[0]}-demo-pass`;

export const USERS = {
  admin: "admin@haven.test",
  lawyerA: "lawyer.a@haven.test",
  lawyerB: "lawyer.b@haven.test",
  lawyerC: "lawyer.c@haven.test",
  caseworkerA: "caseworker.a@haven.test",
  viewerA: "viewer.a@haven.test",
} as const;

export async function signIn(page: Page, email: string, pass = password(email)) {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(pass);
  await page.locator('main form button[type="submit"]').click();
  await expect(page).toHaveURL(/\/detainees/);
}

/** The number in "14 cases" / "사건 14건". */
export async function caseCount(page: Page): Promise<number> {
  const text = await page.getByTestId("case-count").innerText();
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}
