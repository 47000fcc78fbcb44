// Evidence files: uploaded with their SHA-256, checked by content, downloadable only in scope.
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

// A valid 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("a lawyer uploads a photo; its fingerprint is shown; another team gets 404; disguised HTML is refused", async ({ page, browser }) => {
  await signIn(page, USERS.lawyerC);
  await page.goto("/detainees?sort=caseNumber");
  await page.locator("main tbody tr").first().getByRole("link").first().click();
  await page.waitForURL(/\/detainees\/[a-z0-9]+$/);
  const evidence = page.locator("section", { has: page.getByRole("heading", { name: "Evidence files" }) });
  await evidence.getByText("Upload a file").click();
  await evidence.locator("#evidence-file").setInputFiles({ name: "letter.png", mimeType: "image/png", buffer: PNG });
  await evidence.getByRole("button", { name: "Upload" }).click();
  const sha = createHash("sha256").update(PNG).digest("hex");
  await expect(evidence).toContainText(sha);

  const href = await evidence.getByRole("link", { name: /Download/ }).first().getAttribute("href");
  const ok = await page.request.get(href!);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(ok.headers()["x-content-type-options"]).toBe("nosniff");
  expect(Buffer.from(await ok.body()).equals(PNG)).toBe(true);

  const other = await browser.newContext();
  const outsider = await other.newPage();
  await signIn(outsider, USERS.lawyerA);
  expect((await outsider.request.get(href!)).status()).toBe(404);
  await other.close();

  if (!(await evidence.locator("#evidence-file").isVisible())) await evidence.getByText("Upload a file").click();
  await evidence.locator("#evidence-file").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await evidence.getByRole("button", { name: "Upload" }).click();
  await expect(evidence).toContainText("web-page code");
});

test("without JavaScript, the upload form posts to the upload route and comes back with the result", async ({ page, browser }) => {
  await signIn(page, USERS.lawyerC);
  const noJs = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noJs.newPage();
  try {
    await plain.goto("/detainees?sort=caseNumber");
    await plain.locator("main tbody tr").nth(1).getByRole("link").first().click();
    await plain.waitForURL(/\/detainees\/[a-z0-9]+$/);
    const evidence = plain.locator("section", { has: plain.getByRole("heading", { name: "Evidence files" }) });
    await evidence.getByText("Upload a file").click();
    const body = Buffer.concat([PNG, Buffer.from(`no-js-${Date.now()}`)]);
    await evidence.locator("#evidence-file").setInputFiles({ name: "no-js.png", mimeType: "image/png", buffer: body });
    await evidence.getByRole("button", { name: "Upload" }).click();
    await plain.waitForURL(/\?upload=ok#evidence-h$/);
    await expect(evidence.getByRole("status")).toHaveText("File uploaded.");
    await expect(evidence).toContainText(createHash("sha256").update(body).digest("hex"));

    await evidence.locator("#evidence-file").setInputFiles({ name: "page.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
    await evidence.getByRole("button", { name: "Upload" }).click();
    await plain.waitForURL(/\?upload=fileMarkup#evidence-h$/);
    await expect(evidence.locator("#evidence-file-error")).toContainText("web-page code");
  } finally {
    await noJs.close();
  }
});
