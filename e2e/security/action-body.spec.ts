// S26 / issue 12 item 9: no large bodies without a session. A multipart POST to a page is a
// potential no-JavaScript server action, which Next decodes before anyone knows who sent it; with
// the old 21 MB action and proxy limits, eight such 20 MB posts from nobody raised the server's
// memory by 570 MB. Now server actions keep Next's 1 MB limit and the proxy copies at most 1 MB,
// so the post is refused (the server prints the 1 MB cut) instead of being read and answered.
// Uploads have their own session-checked route (tests/db/upload-routes.test.ts); one is posted
// here without a session too: 404, whatever the body.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const MB = 1024 * 1024;
const BOUNDARY = "----haven-flood";
const OUTPUT = path.join(process.cwd(), "e2e", ".data", "server-output.log");

function multipart(bytes: number): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.alloc(bytes, 0x41),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

test("a 20 MB multipart post without a session is cut off at 1 MB, not read and answered", async ({ playwright }) => {
  test.setTimeout(120_000);
  const baseURL = test.info().project.use.baseURL;
  const anonymous = await playwright.request.newContext({ baseURL });
  const body = multipart(20 * MB);
  const path = `/login?flood=${Date.now().toString(36)}`;
  try {
    const res = await anonymous.post(path, {
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      data: body,
      maxRedirects: 0,
      timeout: 90_000,
    });
    // Refused: never the sign-in page rendered after decoding 20 MB. A clear 413 from proxy.ts,
    // with the security headers (before: a 500 from Next after the proxy cut the body at 1 MB).
    expect(res.status()).toBe(413);
    expect(await res.text()).toContain("at most 1 MB");
    expect(res.headers()["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["cache-control"]).toMatch(/no-store/);
    // The server itself says where it stopped reading (scripts/e2e-server.ts tees its output to
    // this file): at 1 MB, never the whole 20 MB.
    expect(existsSync(OUTPUT)).toBe(true);
    await expect.poll(() => readFileSync(OUTPUT, "utf8").includes(`Request body exceeded 1MB for ${path}`), { timeout: 10_000 }).toBe(true);

    // Positive control: a small post to the same page is passed through (not a 413).
    const small = await anonymous.post(`${path}-small`, { headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` }, data: multipart(1024), maxRedirects: 0 });
    expect(small.status()).not.toBe(413);

    // The upload route refuses a post without a session before reading the body.
    const upload = await anonymous.post("/api/uploads/evidence/cln0000000000000000000000", {
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Origin: baseURL! },
      data: multipart(2 * MB),
      maxRedirects: 0,
      timeout: 90_000,
    });
    expect(upload.status()).toBe(404);
  } finally {
    await anonymous.dispose();
  }
});
