// A UN reply kept with the petition: a caseworker drafts an appeal and adds the reply as a PDF;
// it is listed with its size and SHA-256 and downloads as an attachment. A web page disguised as
// a PDF is refused with a clear message and nothing is added.
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

test("a UN reply is added to a petition and downloads; a disguised web page is refused", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, USERS.caseworkerA);
  await page.goto("/detainees?sort=caseNumber");
  await page.getByRole("row").nth(3).getByRole("link").first().click();
  await page.waitForURL((u) => /^\/detainees\/[a-z0-9]+$/.test(u.pathname) && u.pathname !== "/detainees/new");
  await page.getByTestId("start-petition").click();
  await page.locator('input[name="kind"][value="WGAD_URGENT_APPEAL"]').check();
  await page.locator("main form button[type=submit]").last().click();
  await page.waitForURL(/\/petitions\/[a-z0-9]+$/);

  const files = page.locator('section[aria-labelledby="files-h"]');
  await files.locator("summary").click();
  await files.locator("#petition-file").setInputFiles({ name: "UN reply 2026-11.pdf", mimeType: "application/pdf", buffer: PDF });
  await files.locator("button[type=submit]").click();
  await expect(page.getByTestId("petition-files")).toContainText("UN reply 2026-11.pdf");
  const link = page.getByTestId("petition-files").getByRole("link", { name: "UN reply 2026-11.pdf" });
  const download = await page.request.get((await link.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

  await files.locator("#petition-file").setInputFiles({ name: "reply.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await files.locator("button[type=submit]").click();
  await expect(files.locator("#petition-file-error")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("petition-files").getByRole("link")).toHaveCount(1);
});
