import { expect, test, type APIRequestContext } from "@playwright/test";
import { password, USERS } from "../helpers";

// S2, issue 12 item 4: the client address is the socket's (stamped by instrumentation.ts), and
// X-Forwarded-For counts only from a trusted proxy. The e2e server trusts the loopback address
// (HAVEN_TRUSTED_PROXIES=127.0.0.1,::1), as if nginx ran on the same host; the session list on
// /account shows the address each session signed in from.
async function signInWith(request: APIRequestContext, headers: Record<string, string>) {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: USERS.caseworkerA, password: password(USERS.caseworkerA), callbackUrl: "/", json: "true" },
    headers, maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(400);
}

test("a forged peer header is replaced by the socket address; a trusted proxy's X-Forwarded-For is read right to left", async ({ playwright }) => {
  const baseURL = test.info().project.use.baseURL;
  const forged = await playwright.request.newContext({ baseURL });
  const proxied = await playwright.request.newContext({ baseURL });
  try {
    // A client naming its own "socket address": the hook overwrites it with the real one.
    await signInWith(forged, { "X-Haven-Peer": "203.0.113.201" });
    // Through the trusted (loopback) proxy: the left entry is the client's own claim, the right
    // one what the proxy saw.
    await signInWith(proxied, { "X-Forwarded-For": "203.0.113.202, 198.51.100.203" });
    const html = await (await proxied.get("/account")).text();
    expect(html).toContain("198.51.100.203"); // positive control: the page does list addresses
    expect(html).not.toContain("203.0.113.202");
    expect(html).not.toContain("203.0.113.201");
    expect(await (await forged.get("/account")).text()).toMatch(/>(127\.0\.0\.1|::1)</);
  } finally {
    await forged.dispose();
    await proxied.dispose();
  }
});
