import { describe, expect, it, vi } from "vitest";
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

describe("the sign-in's client address (S2, issue 12 item 4)", () => {
  it("comes from the socket via lib/http/client-address: a client's X-Forwarded-For and peer header are not believed", async () => {
    const credentials = await import("./credentials");
    const seen: (string | null)[] = [];
    const spy = vi.spyOn(credentials, "authorizeCredentials").mockImplementation(async (_raw, ctx) => {
      seen.push(ctx.ip);
      return null;
    });
    try {
      const provider = authOptions.providers[0] as unknown as { options: { authorize(c: unknown, req: unknown): Promise<unknown> } };
      const headers = { "x-forwarded-for": "203.0.113.50", "x-haven-peer": "203.0.113.51", "user-agent": "vitest" };
      await provider.options.authorize({ email: "a@b.example", password: "x" }, { headers });
      // No socket hook in this process: the address is unknown, never what the client wrote.
      expect(seen).toEqual([null]);
    } finally {
      spy.mockRestore();
    }
  });
});
