import { describe, expect, it } from "vitest";
import { authOptions } from "./options";

// S17: next-auth sends the browser wherever its redirect callback says after sign-in and
// sign-out, with the callbackUrl taken from the request. Only this site may come out of it.
const BASE = "https://haven.example.org";
const redirect = (url: string) => authOptions.callbacks!.redirect!({ url, baseUrl: BASE });

describe("sign-in/sign-out redirect callback (S17)", () => {
  it("keeps same-site paths and URLs", async () => {
    expect(await redirect("/detainees?status=DETAINED")).toBe(`${BASE}/detainees?status=DETAINED`);
    expect(await redirect(`${BASE}/account`)).toBe(`${BASE}/account`);
  });

  it.each([
    "https://evil.example/login",
    "//evil.example/login",
    "https://haven.example.org.evil.example/",
    "https://haven.example.org@evil.example/",
    "http://haven.example.org/detainees",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
  ])("never leaves the site for %j", async (url) => {
    const target = await redirect(url);
    expect(new URL(target).origin).toBe(BASE);
  });
});
