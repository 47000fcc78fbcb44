// The daily journey: a family calls, a caseworker logs the case (Korean UI), records where the
// person is held; a lawyer later records the repatriation through a reported event.
import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS, chooseFacility } from "./helpers";

const label = (page: Page, re: RegExp) => page.locator("main").getByLabel(re);

async function useLanguage(page: Page, locale: "en" | "ko") {
  await page.getByRole("button", { name: locale === "ko" ? "한국어" : "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

// Each journey switches the users' saved language, so the two languages run one after the other.
test.describe.configure({ mode: "serial" });

for (const locale of ["ko", "en"] as const) test(`[${locale}] caseworker logs a new case from a family call; lawyer records the return via an event`, async ({ browser }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const cw = await (await browser.newContext()).newPage();
  await signIn(cw, USERS.caseworkerA);
  await useLanguage(cw, locale);
  await cw.goto("/detainees");
  await cw.getByRole("link", { name: locale === "ko" ? "새 사건" : "New case" }).click();

  // A mistake first: an impossible date is explained and nothing typed is lost.
  await label(cw, /^(Name in Hangul|한글 이름)$/).fill("김하늘");
  await label(cw, /^(Given name|이름) \((romanised|로마자)\)$/).fill(`Ha-neul ${tag}`);
  await label(cw, /^(Date of arrest|체포 일자)/).fill("2026-13");
  await cw.getByRole("button", { name: /Create case|사건 만들기/ }).click();
  await expect(cw.getByText(/YYYY, YYYY-MM/).first()).toBeVisible();
  await expect(label(cw, /^(Name in Hangul|한글 이름)$/)).toHaveValue("김하늘");

  await label(cw, /^(Date of arrest|체포 일자)/).fill("2026-11");
  await label(cw, /^(Family name|성) \((romanised|로마자)\)$/).fill("Kim");
  await label(cw, /^(Status|상태)$/).selectOption("DETAINED");
  await label(cw, /^(Family contacts|가족 연락처)$/).fill(`Mother in Seoul 010-0000-${tag.slice(-4)}`);
  await cw.getByRole("button", { name: /Create case|사건 만들기/ }).click();
  await expect(cw).toHaveURL(/\/detainees\/[a-z0-9]+\?created=1/);
  const caseNumber = /HV-\d{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4})?/.exec(await cw.locator("main").innerText())![0];
  // Written by the caseworker, but restricted: not shown back to them.
  await expect(cw.getByTestId("family-contacts-masked")).toBeVisible();
  await expect(cw.locator("main")).not.toContainText("010-0000-");

  await chooseFacility(cw.locator("main"), /^(Facility|시설)$/, "Tumen Border Defense Detention (Review) Center");
  await label(cw, /^(From|시작)$/).fill("2026-11-20");
  await label(cw, /^(How it became known|확인 경로)$/).fill("Family call");
  await cw.getByRole("button", { name: /Record custody|구금 기록/ }).click();
  await expect(cw.locator("section", { has: cw.locator("#custody-h") })).toContainText("Tumen Border Defense Detention (Review) Center");
  await expect(cw.getByTestId("timeline")).toContainText(/Custody recorded|구금 정보 기록/);

  const lw = await (await browser.newContext()).newPage();
  await signIn(lw, USERS.lawyerA);
  await useLanguage(lw, locale);
  await lw.goto(`/detainees?q=${caseNumber}`);
  await lw.getByRole("link", { name: caseNumber }).click();
  await expect(lw.getByTestId("family-contacts")).toContainText("010-0000-");
  const statusForm = lw.locator("section", { has: lw.locator("#status-h") });
  await statusForm.getByLabel(/^(New status|새 상태)$/).selectOption("REPATRIATED");
  await statusForm.getByLabel(/^(When|일자)$/).fill("2026-11-27");
  const eventSelect = statusForm.getByLabel(/^(Repatriation event|송환 사건)/);
  const firstEvent = await eventSelect.locator("option").nth(1).getAttribute("value");
  await eventSelect.selectOption(firstEvent!);
  await statusForm.getByLabel(/^(Note|메모)$/).fill("Confirmed by a released detainee who saw the bus leave.");
  await lw.getByRole("button", { name: /Change status|상태 변경/ }).click();
  await expect(lw.locator("header").getByText(/^(Repatriated|강제송환)$/)).toBeVisible();
  await expect(lw.locator("section", { has: lw.locator("#custody-h") }).getByText(/^(current|현재)$/)).toHaveCount(0);
  await expect(lw.getByTestId("timeline")).toContainText("Confirmed by a released detainee");
  await expect(lw.getByTestId("timeline")).toContainText(locale === "ko" ? "구금 중 → 강제송환" : "Detained → Repatriated");
});

test("two people edit the same case: the second is told what changed and nothing is overwritten", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await signIn(a, USERS.lawyerA);
  await signIn(b, USERS.caseworkerA);
  await a.goto("/detainees?sort=caseNumber");
  await a.getByRole("row").nth(3).getByRole("link").first().click();
  await a.waitForURL(/\/detainees\/[a-z0-9]+$/);
  const url = a.url();
  await a.goto(`${url}/edit`);
  await b.goto(`${url}/edit`);
  const place = `Yanji ${Date.now()}`;
  await label(a, /^(Place of arrest|체포 장소)$/).fill(place);
  await a.getByRole("button", { name: /Save changes|변경 사항 저장/ }).click();
  await expect(a).toHaveURL(/saved=1/);

  await label(b, /^(Health concerns|건강 우려)$/).fill("Needs insulin daily");
  await b.getByRole("button", { name: /Save changes|변경 사항 저장/ }).click();
  await expect(b.getByTestId("conflict")).toContainText(place);
  await expect(label(b, /^(Health concerns|건강 우려)$/)).toHaveValue("Needs insulin daily");
  await b.goto(url);
  await expect(b.locator("main")).toContainText(place);
  await expect(b.locator("main")).not.toContainText("Needs insulin daily");
});
