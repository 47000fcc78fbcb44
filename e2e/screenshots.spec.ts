// Screenshots of the main pages at desktop and phone widths in both languages, kept in
// test-results/screenshots for people to look at. Each also asserts the page does not overflow
// sideways on a phone (a table may scroll inside its own box, the page may not).
import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

// Both widths sign in as the admin and switch its saved language: run them one after the other.
test.describe.configure({ mode: "serial" });

const PAGES = [
  { name: "dashboard", path: "/" },
  { name: "notifications", path: "/notifications" },
  { name: "petitions", path: "/petitions" },
  { name: "account", path: "/account" },
  { name: "detainees", path: "/detainees" },
  { name: "new-case", path: "/detainees/new" },
  { name: "import", path: "/detainees/import" },
  { name: "facilities", path: "/facilities" },
  { name: "events", path: "/events" },
  { name: "admin-users", path: "/admin/users" },
  { name: "admin-new-user", path: "/admin/users/new" },
  { name: "admin-audit", path: "/admin/audit" },
  { name: "set-password-invalid", path: "/login/set-password#not-a-real-link" },
];

for (const width of [1280, 390]) {
  test(`main pages render readably at ${width}px in English and Korean`, async ({ browser }) => {
    test.setTimeout(180_000);
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto("/login");
    await page.screenshot({ path: `test-results/screenshots/login-${width}.png`, fullPage: true });
    await signIn(page, USERS.admin);
    await page.goto("/detainees");
    await page.getByRole("row").nth(1).getByRole("link").first().click();
    await page.waitForURL(/\/detainees\/[a-z0-9]+$/);
    const casePath = new URL(page.url()).pathname;
    await page.goto("/facilities");
    await page.locator("main tbody tr").first().getByRole("link").first().click();
    await page.waitForURL(/\/facilities\/[a-z0-9]+$/);
    const facilityPath = new URL(page.url()).pathname;
    await page.goto("/events");
    await page.locator("main tbody tr").first().getByRole("link").first().click();
    await page.waitForURL(/\/events\/[a-z0-9]+$/);
    const eventPath = new URL(page.url()).pathname;
    for (const locale of ["en", "ko"] as const) {
      await page.getByRole("button", { name: locale === "en" ? "English" : "한국어" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      const pages = [...PAGES, { name: "case", path: casePath }, { name: "case-edit", path: `${casePath}/edit` }, { name: "facility", path: facilityPath }, { name: "event", path: eventPath }];
      for (const p of pages) {
        await page.goto(p.path);
        await page.screenshot({ path: `test-results/screenshots/${p.name}-${locale}-${width}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${p.name} ${locale} ${width}px`).toBeLessThanOrEqual(0);
        // Duplicate ids break label/field pairing for screen readers (and tests).
        const duplicateIds = await page.evaluate(() => {
          const seen = new Map<string, number>();
          for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
          return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
        });
        expect(duplicateIds, `${p.name}`).toEqual([]);
      }
    }
    await page.getByRole("button", { name: "English" }).click();
    await ctx.close();
  });
}
