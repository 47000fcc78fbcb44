// S14: hostile markup stored in every free-text field a lawyer can fill — a case (names, places,
// narrative, health, family contacts), a note, a source, a facility, a return event, and the
// petition drafted from them — comes back as text on every page that shows it. The test checks
// the DOM, not only that nothing ran: no <img src=x>, <svg onload>, <script> or javascript: link
// from the payload exists anywhere (so it holds even if the CSP, a second defence, were off),
// nothing set window.__xss, no dialog opened, and the payload is visible literally.
import { randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn, USERS } from "../helpers";

const tag = randomBytes(3).toString("hex");
// Short enough for the tightest field (names in Hangul and Chinese: 40 characters).
const PAYLOAD = `'"><img src=x onerror=__xss=1>${tag}`;
/** Source lists take web addresses only (javascript: and the rest are refused); hostile ones still must stay inert. */
const URL_PAYLOAD = `https://example.org/${tag}?q="><img src=x onerror=__xss=6>`;
const LONG_PAYLOAD = `${PAYLOAD}<svg onload=__xss=2><script>__xss=3</script>\n[link](javascript:__xss=4) <a href="javascript:__xss=5">a</a>`;

/** Fills every free-text field of a form with the payload (numbers and dates from `fixed`). */
async function fillForm(form: Locator, fixed: Record<string, string> = {}) {
  for (const input of await form.locator("input, textarea").all()) {
    const [name, type, inputMode, tagName] = await input.evaluate((el) => [
      el.getAttribute("name") ?? "", el.getAttribute("type") ?? "text", el.getAttribute("inputmode") ?? "", el.tagName,
    ]);
    if (name in fixed) await input.fill(fixed[name]!);
    else if (name === "sources") await input.fill(URL_PAYLOAD);
    else if (tagName === "TEXTAREA") await input.fill(LONG_PAYLOAD);
    else if (type === "text" && !inputMode) await input.fill(PAYLOAD);
  }
}

async function submit(form: Locator) {
  await form.locator("button[type=submit]").last().click();
}

/** Nothing from the payload became markup, nothing ran, and the text is shown as typed. */
async function expectInert(page: Page, url: string, opts: { shows?: boolean } = {}) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const dom = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
    img: document.querySelectorAll('img[src="x"], img[onerror]').length,
    svg: document.querySelectorAll("svg[onload]").length,
    scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent?.includes("__xss=3") && !s.textContent.includes("self.__next_f")).length,
    jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
  }));
  expect(dom, url).toEqual({ xss: null, img: 0, svg: 0, scripts: 0, jsLinks: 0 });
  if (opts.shows !== false) await expect(page.locator("main").getByText(`<img src=x onerror=__xss=1>${tag}`).filter({ visible: true }).first(), url).toBeVisible();
}

test("hostile markup in every field is stored and shown as text, never run", async ({ page }) => {
  test.setTimeout(240_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
  // Team A's second lawyer: lawyer A signs in from many specs at once, and codes are single-use.
  await signIn(page, USERS.lawyerA2);

  // A facility and a return event there.
  await page.goto("/facilities/new");
  const facilityForm = page.locator("main form").first();
  await fillForm(facilityForm, { country: "CN", latitude: "42.9", longitude: "129.5", refCode: "" });
  await submit(facilityForm);
  await page.waitForURL((u) => /^\/facilities\/[a-z0-9]+$/.test(u.pathname) && u.pathname !== "/facilities/new");
  const facilityPath = new URL(page.url()).pathname;

  await page.goto("/events/new");
  const eventForm = page.locator("main form").first();
  await fillForm(eventForm, { date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), reportedMin: "3", reportedMax: "5", refCode: "" });
  const facilitySelect = eventForm.locator('select[name="facilityId"]');
  await facilitySelect.selectOption((await facilitySelect.locator("option", { hasText: tag }).getAttribute("value"))!);
  await submit(eventForm);
  await page.waitForURL((u) => /^\/events\/[a-z0-9]+$/.test(u.pathname) && u.pathname !== "/events/new");
  const eventPath = new URL(page.url()).pathname;

  // A case, with a note and a source.
  await page.goto("/detainees/new");
  const caseForm = page.locator("main form").first();
  await fillForm(caseForm, { arrestDate: "2026-11", birthDate: "1990-04", estimatedAge: "" });
  await submit(caseForm);
  await page.waitForURL((u) => /^\/detainees\/[a-z0-9]+$/.test(u.pathname) && u.pathname !== "/detainees/new");
  const casePath = new URL(page.url()).pathname;

  const noteForm = page.locator("main form", { has: page.locator("#note-body") });
  await fillForm(noteForm);
  await submit(noteForm);
  await expect(noteForm.getByRole("status")).toBeVisible();

  const addSource = page.locator("main details", { has: page.locator('[name="identity"]') }).last();
  await addSource.locator("summary").click();
  const sourceForm = addSource.locator("form");
  await fillForm(sourceForm);
  await submit(sourceForm);
  await expect(page.getByTestId("sources")).toContainText(tag);

  // A petition drafted from the case: the names, places and narrative flow into its sections.
  await page.getByTestId("start-petition").click();
  await page.locator('input[name="kind"][value="WGAD_URGENT_APPEAL"]').check();
  await page.locator("main form button[type=submit]").last().click();
  await page.waitForURL(/\/petitions\/[a-z0-9]+$/);
  const petitionPath = new URL(page.url()).pathname;

  for (const url of [casePath, facilityPath, eventPath, petitionPath, `/detainees?q=${encodeURIComponent(tag)}`, `/facilities?q=${encodeURIComponent(tag)}`, "/events"]) {
    await expectInert(page, url);
  }
  // Pages that show these records by reference, or echo the search box.
  for (const url of ["/", "/petitions", "/notifications", `/detainees?q=${encodeURIComponent(PAYLOAD)}`, `/facilities?q=${encodeURIComponent(PAYLOAD)}`]) {
    await expectInert(page, url, { shows: false });
  }
  expect(dialogs).toEqual([]);
});
