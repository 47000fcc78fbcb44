// CSV import (preview, plain-language errors, all-or-nothing, no duplicates on re-import) and
// the audited export, which other roles cannot reach. Uses team C, whose counts no test pins.
import { expect, test, type Page } from "@playwright/test";
import { reauthenticate, signIn, USERS } from "./helpers";

async function checkFile(page: Page, csv: string) {
  await page.goto("/detainees/import");
  await page.locator("#import-team").selectOption({ label: "Northeast Asia Detention Watch" });
  await page.locator("#import-file").setInputFiles({ name: "cases.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: "Check results" })).toBeVisible();
}

test("import a detainee list: errors first, then all rows at once, and never twice", async ({ page }) => {
  test.setTimeout(90_000);
  const ref = `E2E-${Date.now()}`;
  await signIn(page, USERS.lawyerC);
  const header = "case_ref,name_hangul,family_name_roman,given_name_roman,birth_date,status,facility,arrest_date";
  const bad = [header, `${ref}-1,김미래,Kim,Mi-rae,1994-05,DETAINED,CN-01,2026-10`, `${ref}-2,박소망,Pak,So-mang,1999-13,DETAINED,CN-99,2026-11`].join("\n");
  await checkFile(page, bad);
  await expect(page.locator("main")).toContainText(/1999-13/);
  await expect(page.locator("main")).toContainText(/CN-99/);
  await expect(page.getByRole("button", { name: /Import \d+ case/ })).toBeDisabled();

  const good = [header, `${ref}-1,김미래,Kim,Mi-rae,1994-05,DETAINED,CN-01,2026-10`, `${ref}-2,박소망,Pak,So-mang,1999-03,DETAINED,CN-06,2026-11`].join("\n");
  await checkFile(page, good);
  await page.getByRole("button", { name: "Import 2 cases" }).click();
  await expect(page.locator("main")).toContainText("2 cases were imported");

  await page.goto(`/detainees?q=${encodeURIComponent("Pak So-mang")}`);
  await expect(page.getByRole("link", { name: /박소망/ })).toBeVisible();

  await checkFile(page, good);
  await expect(page.locator("main")).toContainText("2 already imported (skipped)");
  await expect(page.getByRole("button", { name: /Import \d+ case/ })).toBeDisabled();
  await expect(page.locator("main")).toContainText("nothing new to import");
});

test("export is for lawyers only, follows the filters, and is a download", async ({ page, browser }) => {
  test.setTimeout(120_000); // sign-in and re-authentication may each wait for a fresh two-factor code
  await signIn(page, USERS.lawyerC);
  // Without a fresh password (and code) the export sends the lawyer to confirm them first (S7).
  const refused = await page.request.get("/api/detainees/export?status=DETAINED", { maxRedirects: 0 });
  expect(refused.status()).toBe(303);
  expect(refused.headers().location).toMatch(/^\/account\/reauth\?next=/);
  expect(await refused.text()).not.toMatch(/HV-\d{4}/);
  await reauthenticate(page, USERS.lawyerC, "/detainees");
  const res = await page.request.get("/api/detainees/export?status=DETAINED");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/attachment; filename="haven-cases-\d{4}-\d{2}-\d{2}\.csv"/);
  const body = await res.text();
  expect(body).toMatch(/HV-\d{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4})?/);
  expect(body).not.toContain("Seoul Refugee Law Clinic"); // team A's cases are not lawyer C's
  expect(body).not.toMatch(/010-0000-\d{4}/); // restricted column only on explicit opt-in

  const cw = await browser.newContext();
  const p = await cw.newPage();
  await signIn(p, USERS.caseworkerA);
  expect((await p.request.get("/api/detainees/export")).status()).toBe(404);
  await cw.close();
});
