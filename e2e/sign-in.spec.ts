import { expect, test } from "@playwright/test";
import { caseCount, signIn, USERS } from "./helpers";

// Demo data: team A has 14 cases, team B 13, team C 13 (prisma/demo/detainees.json). Other
// tests add cases to team A while these run, so team A's counts are lower bounds; nobody adds
// to team B, so its count is exact. Every listed row must belong to the viewer's teams.
const TEAM_A = "Seoul Refugee Law Clinic";
const TEAM_B = "Han River Human Rights Lawyers";
const EXPECTED = [
  { who: "admin (all teams)", email: USERS.admin, count: 40, exact: false, teams: null },
  { who: "lawyer of team A", email: USERS.lawyerA, count: 14, exact: false, teams: [TEAM_A] },
  { who: "lawyer of team B", email: USERS.lawyerB, count: 13, exact: true, teams: [TEAM_B] },
  { who: "caseworker of team A", email: USERS.caseworkerA, count: 14, exact: false, teams: [TEAM_A] },
  { who: "viewer of team A", email: USERS.viewerA, count: 14, exact: false, teams: [TEAM_A] },
];

for (const { who, email, count, exact, teams } of EXPECTED) {
  test(`${who} signs in and sees exactly their teams' cases`, async ({ page }) => {
    await signIn(page, email);
    await page.goto("/detainees");
    if (exact) expect(await caseCount(page)).toBe(count);
    else expect(await caseCount(page)).toBeGreaterThanOrEqual(count);
    if (teams) {
      const shown = await page.locator("tbody tr td:nth-child(5)").allInnerTexts();
      expect(shown.length).toBeGreaterThan(0);
      for (const team of shown) expect(teams).toContain(team.trim());
    }
    await expect(page.getByRole("table")).toBeVisible();
    // Only admins get the administration links.
    await expect(page.getByRole("link", { name: /^(Users|사용자)$/ })).toHaveCount(email === USERS.admin ? 1 : 0);
  });
}

test("a wrong password is refused with a clear message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.locator("#email").fill(USERS.lawyerA);
  await page.locator("#password").fill("not-the-right-password");
  await page.locator('main form button[type="submit"]').click();
  await expect(page.locator("main").getByRole("alert")).toContainText(/not right|올바르지/);
  await page.goto("/detainees");
  await expect(page).toHaveURL(/\/login/);
});

test("signing out ends the session, and a copied cookie no longer works", async ({ page, browser }) => {
  await signIn(page, USERS.caseworkerA);
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: /Sign out|로그아웃/ }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/detainees");
  await expect(page).toHaveURL(/\/login/);

  // Replaying the old cookie in a fresh browser gets nothing: sessionVersion was bumped.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const other = await replay.newPage();
  const response = await other.goto("/detainees");
  await expect(other).toHaveURL(/\/login/);
  expect(await response?.text()).not.toContain("HV-");
  await replay.close();
});

test("the language switch shows Korean, and is remembered for the user", async ({ page, browser }) => {
  await signIn(page, USERS.viewerA);
  await page.goto("/detainees");
  await page.getByRole("button", { name: "한국어" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("사건");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("columnheader", { name: "현재 구금 시설" })).toBeVisible();

  // A new browser (no cookie) signs in as the same user: still Korean.
  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await signIn(page2, USERS.viewerA);
  await expect(page2.getByRole("heading", { level: 1 })).toHaveText("개요"); // the dashboard, in Korean
  await page2.goto("/detainees");
  await expect(page2.getByRole("heading", { level: 1 })).toHaveText("사건");
  await page2.getByRole("button", { name: "English" }).click();
  await expect(page2.getByRole("heading", { level: 1 })).toHaveText("Cases");
  await fresh.close();
});

test("the sign-in page follows the browser's language", async ({ browser }) => {
  const ko = await browser.newContext({ locale: "ko-KR" });
  const page = await ko.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Haven 로그인");
  await ko.close();
});
