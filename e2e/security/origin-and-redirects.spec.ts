// S17: a server action posted with a foreign Origin is refused and changes nothing (the same
// request from Haven's own origin works, so the refusal is the Origin's doing); no sign-in or
// re-authentication redirect leaves the site, whatever callbackUrl or next says.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { password, SECURITY_USERS, signIn } from "../helpers";
import { readBuiltActions } from "./route-inventory";

const USER = SECURITY_USERS.originCheck;
const EVIL = "https://evil.example";

function setLocaleAction() {
  const action = readBuiltActions(process.cwd()).find((a) => a.name === "setLocaleAction");
  if (!action) throw new Error("setLocaleAction is not in the build's server-reference manifest");
  return action;
}

/** Calls the language switch's action as the browser does (React's reply encoding), from `origin`. */
async function postLocale(request: APIRequestContext, origin: string, locale: string, how: "fetch" | "form") {
  const { id } = setLocaleAction();
  const body = new FormData();
  if (how === "fetch") {
    body.append("_1_locale", locale);
    body.set("0", JSON.stringify(["$K1"]));
  } else {
    body.set(`$ACTION_ID_${id}`, "");
    body.set("locale", locale);
  }
  return request.post("/", { multipart: body, headers: { origin, ...(how === "fetch" ? { "next-action": id } : {}) }, maxRedirects: 0 });
}

test("a server action from a foreign Origin is refused and changes nothing; from Haven's own origin it works", async ({ page, baseURL }) => {
  await signIn(page, USER);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const how of ["fetch", "form"] as const) {
    const forged = await postLocale(page.request, EVIL, "ko", how);
    expect(forged.status(), `${how}: ${(await forged.text()).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(forged.headers()["set-cookie"] ?? "").not.toContain("haven-locale");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  }
  // The same call from the app's own origin switches the language (saved on the account too).
  const genuine = await postLocale(page.request, new URL(baseURL!).origin, "ko", "fetch");
  expect(genuine.status()).toBeLessThan(400);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  const back = await postLocale(page.request, new URL(baseURL!).origin, "en", "fetch");
  expect(back.status()).toBeLessThan(400);
});

test("callbackUrl and next cannot send anyone off-site", async ({ page, request, baseURL }) => {
  const site = new URL(baseURL!).origin;
  // next-auth's own endpoint, called directly with a foreign callbackUrl.
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signedIn = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: USER, password: password(USER), callbackUrl: `${EVIL}/steal`, json: "true" },
    maxRedirects: 0,
  });
  const target = signedIn.headers()["location"] ?? ((await signedIn.json()) as { url?: string }).url ?? "";
  expect(target, "sign-in redirect").not.toContain("evil.example");
  expect(new URL(target, site).origin).toBe(site);

  const signInPage = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(`${EVIL}/x`)}`, { maxRedirects: 0 });
  expect(signInPage.headers()["location"] ?? "").not.toMatch(/^https?:\/\/evil\.example/);

  // In the browser: the login page with a foreign callbackUrl ends on Haven's dashboard.
  await page.goto(`/login?callbackUrl=${encodeURIComponent(`${EVIL}/x`)}`);
  await page.locator("#email").fill(USER);
  await page.locator("#password").fill(password(USER));
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL((u) => u.pathname === "/");
  expect(new URL(page.url()).origin).toBe(site);

  // Re-authentication's "next": a foreign or protocol-relative target falls back to /account.
  for (const next of [`${EVIL}/x`, "//evil.example/x", "/\\evil.example"]) {
    await page.goto(`/account/reauth?next=${encodeURIComponent(next)}`);
    await page.locator("#reauth-password").fill(password(USER));
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL((u) => u.pathname === "/account", { waitUntil: "commit" });
    expect(new URL(page.url()).origin).toBe(site);
  }
});
