// A small HTTP client for the benchmark: keep-alive requests with a cookie jar, the next-auth
// credentials sign-in, and plain (no-JavaScript) submission of Haven's server-action forms — the
// two-factor step and re-authentication — exactly as a browser without JavaScript posts them.
import http from "node:http";
import { benchPassword, benchTotpCode } from "./users";

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export class Session {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  request(method: string, path: string, opts: { headers?: Record<string, string>; body?: Buffer | string; timeoutMs?: number } = {}): Promise<Reply> {
    const url = new URL(path, this.base);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(url, {
        method, agent,
        headers: { cookie: this.cookieHeader(), "user-agent": "haven-bench", ...(opts.body ? { "content-length": String(Buffer.byteLength(opts.body)) } : {}), ...opts.headers },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          for (const line of res.headers["set-cookie"] ?? []) {
            const [pair] = line.split(";");
            const eq = pair!.indexOf("=");
            const name = pair!.slice(0, eq).trim();
            const value = pair!.slice(eq + 1).trim();
            if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started });
        });
        res.on("error", reject);
      });
      req.setTimeout(opts.timeoutMs ?? 120_000, () => req.destroy(new Error(`timeout after ${opts.timeoutMs ?? 120_000} ms: ${method} ${path}`)));
      req.on("error", reject);
      if (opts.body) req.write(opts.body);
      req.end();
    });
  }

  get(path: string, timeoutMs?: number) {
    return this.request("GET", path, { timeoutMs });
  }

  /** A same-origin form post, as a browser without JavaScript sends it. */
  postForm(path: string, fields: [string, string][], timeoutMs?: number) {
    const boundary = `----havenbench${Math.random().toString(16).slice(2)}`;
    const body = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`;
    return this.request("POST", path, { body, timeoutMs, headers: { "content-type": `multipart/form-data; boundary=${boundary}`, origin: this.base } });
  }

  /** A same-origin multipart post with a file (an upload route's form), as a browser sends it. */
  postFile(path: string, fields: [string, string][], file: { name: string; type: string; content: Buffer | string }, timeoutMs?: number) {
    const boundary = `----havenbench${Math.random().toString(16).slice(2)}`;
    const head = fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head, "utf8"), Buffer.from(file.content), Buffer.from(`\r\n--${boundary}--\r\n`, "utf8")]);
    return this.request("POST", path, { body, timeoutMs, headers: { "content-type": `multipart/form-data; boundary=${boundary}`, origin: this.base } });
  }
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/**
 * The hidden inputs React renders into a server-action form (its action reference and bound
 * state), from the form that has an input named `field`.
 */
export function hiddenFields(html: string, field: string): [string, string][] {
  const form = [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/gi)].map((m) => m[1]!).find((f) => f.includes(`name="${field}"`));
  if (!form) throw new Error(`no form with a "${field}" field on the page`);
  const out: [string, string][] = [];
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    if (!/type="hidden"/.test(attrs)) continue;
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (name) out.push([decode(name), decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? "")]);
  }
  return out;
}

/** Posts a server-action form with `fields`, trying codes for this and the next time step, then waiting a step. */
async function submitWithCode(s: Session, page: string, target: string, email: string, fields: (code: string) => [string, string][]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const offset of [0, 30]) {
      const form = await s.get(page);
      if (form.status !== 200) throw new Error(`${page}: HTTP ${form.status}`);
      const reply = await s.postForm(page, [...hiddenFields(form.body.toString("utf8"), "code"), ...fields(await benchTotpCode(email, offset))]);
      const location = String(reply.headers.location ?? "");
      if (reply.status >= 300 && reply.status < 400 && new URL(location, s.base).pathname === target) return;
    }
    // Both codes already used (codes are single-use): wait for the next 30-s step.
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 300));
  }
  throw new Error(`${page} kept refusing the code for ${email}`);
}

/** Password through next-auth's credentials endpoint, then the TOTP code on /login/two-factor. */
export async function signIn(base: string, email: string): Promise<Session> {
  const s = new Session(base);
  const csrf = await s.get("/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body.toString("utf8")) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password: benchPassword(email), callbackUrl: `${base}/`, json: "true" }).toString();
  const res = await s.request("POST", "/api/auth/callback/credentials", { body: form, headers: { "content-type": "application/x-www-form-urlencoded", origin: base } });
  if (![200, 302].includes(res.status) || /error=/.test(String(res.headers.location ?? "") + res.body.toString("utf8"))) {
    throw new Error(`sign-in refused for ${email}: HTTP ${res.status} ${res.body.toString("utf8").slice(0, 200)}`);
  }
  await submitWithCode(s, "/login/two-factor", "/", email, (code) => [["code", code]]);
  const home = await s.get("/bench-bare");
  if (home.status !== 200) throw new Error(`signed in as ${email}, but the bare page answered HTTP ${home.status} (is the server running with HAVEN_BENCH=1?)`);
  return s;
}

/** Re-authentication (password + code) so exports are allowed for the next few minutes. */
export async function reauthenticate(s: Session, email: string, next: string): Promise<void> {
  await submitWithCode(s, `/account/reauth?next=${encodeURIComponent(next)}`, next.split("?")[0]!, email, (code) => [["password", benchPassword(email)], ["code", code]]);
}
