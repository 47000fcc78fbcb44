// Issue 4's journey: a confirmed return recorded at a facility raises its score, its clients'
// levels on the dashboard, and a notice for the assigned lawyer — in Korean (lawyer A's language).
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS, chooseFacility } from "./helpers";

const label = (page: Page, re: RegExp) => page.locator("main").getByLabel(re);
const isoDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("a confirmed return raises the facility, its client's level on the dashboard, and notifies the assigned lawyer", async ({ browser }) => {
  test.setTimeout(420_000);
  const tag = randomBytes(3).toString("hex");
  const facilityName = `E2E Risk Border Station ${tag}`;
  // A province of its own, so the regional wave touches no other test's facilities.
  const province = `E2E Province ${tag}`;

  const lawyer = await (await browser.newContext()).newPage();
  await signIn(lawyer, USERS.lawyerA);

  // The lawyer registers the facility and a client held there for 100 days.
  await lawyer.goto("/facilities/new");
  await label(lawyer, /^(Name in English|영문 명칭)$/).fill(facilityName);
  await label(lawyer, /^(Type|유형)$/).selectOption("BORDER_DEFENCE_STATION");
  await label(lawyer, /^(Country code|국가 코드)/).fill("CN");
  await label(lawyer, /^(Province|성·도)$/).fill(province);
  await lawyer.locator("main form button[type=submit]").click();
  await lawyer.waitForURL(/\/facilities\/[a-z0-9]+\?saved=1/);
  const facilityUrl = new URL(lawyer.url()).pathname;
  await expect(lawyer.getByTestId("risk-badge").first()).toHaveAttribute("data-level", "ELEVATED");

  await lawyer.goto("/detainees/new");
  await label(lawyer, /^(Name in Hangul|한글 이름)$/).fill("위험도");
  await label(lawyer, /^(Given name|이름) \((romanised|로마자)\)$/).fill(`Risk ${tag}`);
  await label(lawyer, /^(Status|상태)$/).selectOption("DETAINED");
  await lawyer.locator("main form button[type=submit]").click();
  await lawyer.waitForURL(/\/detainees\/[a-z0-9]+\?created=1/);
  const caseUrl = new URL(lawyer.url()).pathname;
  // Assign the case to lawyer A (the edit page holds the assignment).
  await lawyer.goto(`${caseUrl}/edit`);
  await lawyer.locator("main").getByRole("checkbox", { name: /Park Ji-won/ }).check();
  await lawyer.getByRole("button", { name: /Save changes|변경 사항 저장/ }).click();
  await lawyer.waitForURL((u) => u.pathname === caseUrl);
  const caseNumber = (await lawyer.locator("main p.font-mono").first().innerText()).split(" ")[0]!;
  await chooseFacility(lawyer.locator("main"), /^(Facility|시설)$/, facilityName);
  await label(lawyer, /^(From|시작)$/).fill(isoDaysAgo(100));
  await lawyer.getByRole("button", { name: /Record custody|구금 기록/ }).click();
  await expect(lawyer.getByTestId("risk-badge").first()).toHaveAttribute("data-level", "ELEVATED");

  // Before: not on the dashboard's list of people at high or imminent risk.
  await lawyer.goto("/");
  await expect(lawyer.getByTestId("ranked-facilities")).toBeVisible();
  await expect(lawyer.locator(`[data-case="${caseNumber}"]`)).toHaveCount(0);
  const unreadBefore = Number(await lawyer.getByTestId("notification-bell").getAttribute("data-unread"));

  // Someone else records a confirmed return of 180 people from that facility yesterday.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, USERS.admin);
  await admin.goto("/events/new");
  await label(admin, /^(Date|일자)$/).fill(isoDaysAgo(1));
  await label(admin, /^(Verification|확인 수준)/).selectOption("CONFIRMED");
  const facilitySelect = label(admin, /^(From facility|출발 시설)/);
  await facilitySelect.selectOption((await facilitySelect.locator("option", { hasText: facilityName }).getAttribute("value"))!);
  await label(admin, /^(Reported number \(lowest\)|보도된 인원\(최소\))/).fill("180");
  await label(admin, /^(Reported number \(highest\)|보도된 인원\(최대\))/).fill("180");
  await admin.locator("main form button[type=submit]").click();
  await admin.waitForURL((u) => /^\/events\/[a-z0-9]+$/.test(u.pathname) && u.pathname !== "/events/new");
  const eventPath = new URL(admin.url()).pathname;

  // After: the facility is IMMINENT, the client is on the dashboard with the reasons, and notified.
  await lawyer.goto(facilityUrl);
  await expect(lawyer.getByTestId("risk-badge").first()).toHaveAttribute("data-level", "IMMINENT");
  await expect(lawyer.getByTestId("risk-chart")).toBeVisible();
  await lawyer.goto("/");
  const row = lawyer.locator(`[data-case="${caseNumber}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("risk-badge")).toHaveAttribute("data-level", "IMMINENT");
  await expect(row).toContainText(facilityName);
  await expect(lawyer.getByTestId("ranked-facilities").locator(`[data-facility="${facilityName}"]`).getByTestId("risk-badge")).toHaveAttribute("data-level", "IMMINENT");
  // At least these two new notices (other tests running in parallel may add their own).
  expect(Number(await lawyer.getByTestId("notification-bell").getAttribute("data-unread"))).toBeGreaterThanOrEqual(unreadBefore + 2);

  await lawyer.getByTestId("notification-bell").click();
  const returned = lawyer.locator('[data-kind="REPATRIATION_AT_FACILITY"][data-read="false"]').filter({ hasText: facilityName });
  await expect(returned).toHaveCount(1);
  const raised = lawyer.locator('[data-kind="RISK_RAISED"][data-read="false"]').filter({ hasText: caseNumber });
  await expect(raised).toHaveCount(1);
  await raised.getByRole("button").click();
  await lawyer.waitForURL((u) => u.pathname === caseUrl);
  await expect(lawyer.getByTestId("risk-explanation")).toBeVisible();
  await lawyer.goto("/notifications");
  await expect(lawyer.locator('[data-kind="RISK_RAISED"]').filter({ hasText: caseNumber })).toHaveAttribute("data-read", "true");
  await returned.getByRole("button").click();
  await lawyer.waitForURL((u) => u.pathname === eventPath, { waitUntil: "commit" });
  await lawyer.goto("/notifications?show=unread");
  await expect(lawyer.locator("[data-kind]").filter({ hasText: facilityName })).toHaveCount(0);
  await expect(lawyer.locator("[data-kind]").filter({ hasText: caseNumber })).toHaveCount(0);
});
