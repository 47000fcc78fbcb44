// CSV import (preview, plain-language errors, all-or-nothing, no duplicates on re-import) and
// the audited export, which other roles cannot reach. Uses team C, whose counts no test pins.
// The import is upload → preview → commit (issue 12 item 9): the file goes to the upload route,
// which stages it and sends the browser to /detainees/import?staged=<id>; the commit sends the id.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { reauthenticate, signIn, USERS } from "./helpers";

async function checkFile(page: Page, csv: string) {
  await page.goto("/detainees/import");
  await page.locator("#import-team").selectOption({ label: "Northeast Asia Detention Watch" });
  await page.locator("#import-file").setInputFiles({ name: "cases.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: "Check results" })).toBeVisible();
  await expect(page).toHaveURL(/\/detainees\/import\?staged=[A-Za-z0-9_-]{24}/);
}

test("import a detainee list: errors first, then all rows at once, and never twice", async ({ page, browser }) => {
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

  // The staged file is the uploader's alone: someone else who may import sees only "expired or not yours".
  const staged = new URL(page.url()).search;
  const other = await browser.newContext();
  const p = await other.newPage();
  await signIn(p, USERS.caseworkerA);
  await p.goto(`/detainees/import${staged}`);
  // In caseworker A's language, which other specs switch between Korean and English as they run.
  const gone = {
    ko: "확인한 파일이 만료되었거나(1시간 후) 이미 가져오기 또는 취소되었습니다",
    en: "This checked file has expired (after an hour) or was already imported or cancelled",
  };
  const lang = (await p.locator("html").getAttribute("lang")) === "ko" ? "ko" : "en";
  await expect(p.locator("#import-file-error")).toContainText(gone[lang]);
  await expect(p.getByRole("heading", { name: "Check results" })).toHaveCount(0);
  await expect(p.locator("main")).not.toContainText("Pak So-mang");
  await other.close();
});

test("import without JavaScript: a non-CSV file is refused, cancel forgets the file, commit imports it", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const ref = `E2E-NOJS-${Date.now()}`;
  await signIn(page, USERS.lawyerC);
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const p = await noJs.newPage();
  const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    await p.goto("/detainees/import");
    await p.locator("#import-team").selectOption({ label: "Northeast Asia Detention Watch" });
    await p.locator("#import-file").setInputFiles(file);
    await p.getByRole("button", { name: "Check file" }).click();
  };
  await choose({ name: "cases.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 8, 0]) });
  await expect(p.locator("#import-file-error")).toContainText("This is not a CSV file.");

  const csv = ["case_ref,name_hangul,family_name_roman,given_name_roman,birth_date,status", `${ref}-1,최하늘,Choe,Ha-neul,1990,DETAINED`].join("\n");
  await choose({ name: "cases.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(p.getByRole("heading", { name: "Check results" })).toBeVisible();
  const stagedUrl = p.url();
  await p.getByRole("button", { name: "Cancel this import" }).click();
  await expect(p).toHaveURL(/\/detainees\/import$/);
  await p.goto(stagedUrl);
  await expect(p.locator("#import-file-error")).toContainText("or was already imported or cancelled");

  await choose({ name: "cases.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await p.getByRole("button", { name: "Import 1 case" }).click();
  await expect(p.locator("main")).toContainText("1 case was imported");
  await noJs.close();
});

test("export is for lawyers only, follows the filters, is a download, and only Haven's own page starts it", async ({ page, browser }) => {
  test.setTimeout(150_000); // sign-in and re-authentication may each wait for a fresh two-factor code
  await signIn(page, USERS.lawyerC);
  const origin = new URL(page.url()).origin;
  // Without a fresh password (and code) the export button sends the lawyer to confirm them first
  // (S7), and from there back to the list with the same filters.
  await page.goto("/detainees?status=DETAINED");
  await page.getByRole("button", { name: "↓ Export CSV" }).click();
  await page.waitForURL((u) => u.pathname === "/account/reauth");
  expect(new URL(page.url()).searchParams.get("next")).toBe("/detainees?status=DETAINED&sort=updated");
  await expect(page.locator("main")).not.toContainText(/HV-\d{4}/);
  await reauthenticate(page, USERS.lawyerC, "/detainees?status=DETAINED&sort=updated");

  // The button is a plain form post: it works with JavaScript switched off too.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  for (const p of [page, await noScript.newPage()]) {
    if (p !== page) await p.goto("/detainees?status=DETAINED");
    const download = p.waitForEvent("download");
    await p.getByRole("button", { name: "↓ Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^haven-cases-\d{4}-\d{2}-\d{2}\.csv$/);
    const body = await readFile((await file.path())!, "utf8");
    expect(body).toMatch(/HV-\d{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4})?/);
    expect(body).not.toContain("Seoul Refugee Law Clinic"); // team A's cases are not lawyer C's
    expect(body).not.toMatch(/010-0000-\d{4}/); // restricted column only on explicit opt-in
  }
  await noScript.close();

  // Within the re-authentication window, a link, redirect or navigation from elsewhere (a GET) gets
  // nothing, nor does a post another site (a sibling subdomain included) starts (S17).
  const get = await page.request.get("/api/detainees/export?status=DETAINED", { maxRedirects: 0 });
  expect(get.status()).toBe(405);
  expect(await get.text()).not.toMatch(/HV-\d{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4})?/);
  for (const site of ["cross-site", "same-site"]) {
    const post = await page.request.post("/api/detainees/export", { headers: { "sec-fetch-site": site, origin }, form: { status: "DETAINED" }, maxRedirects: 0 });
    expect(post.status(), site).toBe(403);
    expect(await post.text()).not.toMatch(/HV-\d{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4})?/);
  }
  // Positive control: the same post from Haven's origin is the file.
  const same = await page.request.post("/api/detainees/export", { headers: { "sec-fetch-site": "same-origin", origin }, form: { status: "DETAINED" }, maxRedirects: 0 });
  expect(same.status()).toBe(200);
  expect(await same.text()).toMatch(/HV-\d{4}-[0-9A-Z]{4}(?:-[0-9A-Z]{4})?/);
  // The file keeps the sandbox policy the route set (the proxy does not replace it, S22).
  expect(same.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");

  const cw = await browser.newContext();
  const p = await cw.newPage();
  await signIn(p, USERS.caseworkerA);
  await p.goto("/detainees");
  await expect(p.getByRole("button", { name: "↓ Export CSV" })).toHaveCount(0);
  expect((await p.request.post("/api/detainees/export", { headers: { "sec-fetch-site": "same-origin" }, form: {} })).status()).toBe(404);
  await cw.close();
});
