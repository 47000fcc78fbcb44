// Issue 5's journey: a lawyer drafts a WGAD urgent appeal for a client at IMMINENT risk, fixes the
// element the completeness panel flags, records consent; a second lawyer approves, exports the
// PDF (checked with pdftotext, page 1 rendered with pdftoppm) and marks it submitted.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { reauthenticate, signIn, USERS, chooseFacility } from "./helpers";

const isoDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const field = (page: Page, name: string) => page.locator(`main #f-${name}`);
const SHOTS = path.join(process.cwd(), "e2e", ".screenshots");

async function submit(page: Page) {
  await page.locator("main form button[type=submit]").last().click();
}

test("a WGAD urgent appeal goes from draft to submitted, with completeness, consent, four eyes and a PDF", async ({ browser }) => {
  test.setTimeout(480_000);
  mkdirSync(SHOTS, { recursive: true });
  const tag = randomBytes(3).toString("hex");
  const facilityName = `E2E Petition Border Station ${tag}`;
  const lawyer = await (await browser.newContext()).newPage();
  await signIn(lawyer, USERS.lawyerA);

  // A client held 100 days at a border station that has just seen a confirmed return of 180.
  await lawyer.goto("/facilities/new");
  await field(lawyer, "nameEn").fill(facilityName);
  await field(lawyer, "nameLocal").fill("图们边防支队看守所");
  await field(lawyer, "type").selectOption("BORDER_DEFENCE_STATION");
  await field(lawyer, "country").fill("CN");
  await field(lawyer, "province").fill(`E2E Petition Province ${tag}`);
  await submit(lawyer);
  await lawyer.waitForURL(/\/facilities\/[a-z0-9]+\?saved=1/);

  await lawyer.goto("/detainees/new");
  await field(lawyer, "nameHangul").fill("한청원");
  await field(lawyer, "familyNameRoman").fill("Han");
  await field(lawyer, "givenNameRoman").fill(`Cheong-won ${tag}`);
  await field(lawyer, "sex").selectOption("FEMALE");
  await field(lawyer, "birthDate").fill("1996-04");
  await field(lawyer, "status").selectOption("DETAINED");
  await field(lawyer, "arrestPlace").fill("Yanji, Jilin");
  await field(lawyer, "arrestAuthority").fill("Yanji Public Security Bureau");
  await field(lawyer, "narrative").fill("Arrested at a bus station on her way to a third country; her family learned of it from a released detainee.");
  await submit(lawyer);
  await lawyer.waitForURL(/\/detainees\/[a-z0-9]+\?created=1/);
  const casePath = new URL(lawyer.url()).pathname;
  await chooseFacility(lawyer.locator("main"), /^(Facility|시설)$/, facilityName);
  await lawyer.locator("#custody-from").fill(isoDaysAgo(100));
  await lawyer.getByRole("button", { name: /Record custody|구금 기록/ }).click();
  await expect(lawyer.getByRole("status").filter({ hasText: /Custody recorded|구금 정보를 기록했습니다/ })).toBeVisible();

  await lawyer.goto("/events/new");
  await field(lawyer, "date").fill(isoDaysAgo(1));
  await field(lawyer, "verification").selectOption("CONFIRMED");
  await field(lawyer, "facilityId").selectOption((await field(lawyer, "facilityId").locator("option", { hasText: facilityName }).getAttribute("value"))!);
  await field(lawyer, "reportedMin").fill("180");
  await field(lawyer, "reportedMax").fill("180");
  await submit(lawyer);
  await lawyer.waitForURL((u) => /^\/events\/[a-z0-9]+$/.test(u.pathname) && u.pathname !== "/events/new");
  await lawyer.goto(casePath);
  await expect(lawyer.getByTestId("risk-badge").first()).toHaveAttribute("data-level", "IMMINENT");

  // Draft from the case page.
  await lawyer.getByTestId("start-petition").click();
  await lawyer.locator('input[name="kind"][value="WGAD_URGENT_APPEAL"]').check();
  await submit(lawyer);
  await lawyer.waitForURL(/\/petitions\/[a-z0-9]+$/);
  const petitionPath = new URL(lawyer.url()).pathname;
  const panel = lawyer.getByTestId("completeness");
  await expect(panel.locator('[data-present="false"]')).toHaveCount(2); // date of arrest, consent
  await expect(lawyer.locator("main")).toContainText("[date of arrest");
  await lawyer.screenshot({ path: path.join(SHOTS, "petition-editor-missing.png"), fullPage: true });

  // Approval is not offered while anything is missing.
  await lawyer.getByTestId("workflow").locator('[data-transition="IN_REVIEW"] summary').click();
  await lawyer.getByTestId("workflow").locator('[data-transition="IN_REVIEW"] button[type=submit]').click();
  await expect(lawyer.getByTestId("petition-status")).toHaveAttribute("data-status", "IN_REVIEW");

  // Fix the date of arrest through the panel's link.
  await panel.locator('[data-element^="arrestDate"] a').click();
  await lawyer.waitForURL(/\/edit/);
  await field(lawyer, "arrestDate").fill("2026-08");
  await lawyer.getByRole("button", { name: /Save changes|변경 사항 저장/ }).click();
  await lawyer.waitForURL((u) => u.pathname === casePath);

  // Record WGAD consent through the panel's other link.
  await lawyer.goto(petitionPath);
  await expect(panel.locator('[data-present="false"]')).toHaveCount(1);
  await panel.locator('[data-element^="consent"] a').click();
  await lawyer.waitForURL((u) => u.pathname === casePath);
  await lawyer.locator("details", { has: lawyer.locator("#consent-channel") }).locator("summary").click();
  await lawyer.locator("#consent-channel").selectOption("WGAD");
  await lawyer.locator("#consent-naming").selectOption("FULL_NAME");
  await lawyer.locator("#consent-givenBy").selectOption("RELATIVE");
  await lawyer.locator("#consent-givenByName").fill("Her mother");
  await lawyer.locator("#consent-method").selectOption("PHONE");
  await lawyer.locator("#consent-givenOn").fill(isoDaysAgo(0));
  await lawyer.getByRole("button", { name: /Record consent|동의 기록/ }).last().click();
  await expect(lawyer.getByRole("status").filter({ hasText: /Consent recorded|동의를 기록했습니다/ })).toBeVisible();

  // Regenerate so the text carries the arrest date and the full name, then check the panel.
  await lawyer.goto(petitionPath);
  await expect(panel).toHaveAttribute("data-missing", "0");
  await lawyer.getByRole("button", { name: /Regenerate from the case file|사건 기록으로 다시 작성/ }).click();
  await expect(lawyer.locator("main")).toContainText("August 2026");
  await expect(lawyer.locator("main")).not.toContainText("[date of arrest");
  // The author may not approve their own petition.
  await expect(lawyer.getByTestId("workflow").locator('[data-transition="APPROVED"]')).toHaveCount(0);

  // The second lawyer approves, exports the PDF and marks it submitted.
  const second = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(second, USERS.lawyerA2);
  await second.goto(petitionPath);
  await second.getByTestId("workflow").locator('[data-transition="APPROVED"] summary').click();
  await second.getByTestId("workflow").locator('[data-transition="APPROVED"] button[type=submit]').click();
  await expect(second.getByTestId("petition-status")).toHaveAttribute("data-status", "APPROVED");

  await reauthenticate(second, USERS.lawyerA2, petitionPath);
  const exported = second.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/export"));
  const [download] = await Promise.all([second.waitForEvent("download"), second.getByRole("button", { name: /Download PDF|PDF 내려받기/ }).click()]);
  // The file keeps the sandbox policy the route set (the proxy does not replace it, S22).
  expect((await exported).headers()["content-security-policy"]).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
  expect(download.suggestedFilename()).toMatch(/^HV-PET-[A-Z0-9]+_\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfPath = path.join(SHOTS, "petition.pdf");
  await download.saveAs(pdfPath);
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
  for (const expected of ["한청원", "图们边防支队看守所", "HAN Cheong-won", "Yanji Public Security Bureau", "August 2026", "CONFIDENTIAL", "Working Group on Arbitrary Detention"]) {
    expect(text, expected).toContain(expected);
  }
  expect(text).not.toContain("[date of arrest");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", pdfPath, path.join(SHOTS, "petition-page")]);

  await second.reload();
  await expect(second.getByTestId("petition-files")).toContainText(".pdf");
  await second.getByTestId("workflow").locator('[data-transition="SUBMITTED"] summary').click();
  const submitted = second.getByTestId("workflow").locator('[data-transition="SUBMITTED"]');
  await submitted.locator('input[name="submittedVia"]').fill("urgent-action@ohchr.org");
  await submitted.locator('input[name="unReference"]').fill(`UA CHN ${tag}/2026`);
  await submitted.locator("button[type=submit]").click();
  await expect(second.getByTestId("petition-status")).toHaveAttribute("data-status", "SUBMITTED");
  await expect(second.getByTestId("petition-history")).toContainText(/Submitted|제출됨/);
  await expect(second.getByTestId("petition-deadlines").locator("li")).not.toHaveCount(0);
  await second.screenshot({ path: path.join(SHOTS, "petition-submitted.png"), fullPage: true });

  // On the petitions list, sortable by deadline, and on the case's timeline.
  await second.goto("/petitions?sort=deadline");
  await expect(second.getByTestId("petitions")).toContainText(`Cheong-won ${tag}`);
  writeFileSync(path.join(SHOTS, "petition.txt"), text);
});
