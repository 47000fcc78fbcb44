import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin";

const req = (headers: Record<string, string>) => new Request("http://localhost:3000/api/x", { method: "POST", headers });

describe("isSameOrigin", () => {
  it("accepts a post from Haven's own pages, including a form post whose Origin is null under no-referrer", () => {
    expect(isSameOrigin(req({ "sec-fetch-site": "same-origin", origin: "null", host: "localhost:3000" }))).toBe(true);
    expect(isSameOrigin(req({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(true);
  });
  it("refuses another site, whatever Origin says", () => {
    expect(isSameOrigin(req({ "sec-fetch-site": "cross-site", origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(req({ "sec-fetch-site": "same-site", origin: "https://sub.localhost:3000", host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(req({ "sec-fetch-site": "none", host: "localhost:3000" }))).toBe(false);
  });
  it("without Fetch Metadata, refuses a foreign, missing or malformed Origin", () => {
    expect(isSameOrigin(req({ origin: "https://evil.example", host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(req({ host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "null", host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "http://localhost:3000.evil.example", host: "localhost:3000" }))).toBe(false);
  });
});
