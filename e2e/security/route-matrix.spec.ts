// S8 (with S9, S10, S16): every page, route handler and server action found in app/ is requested
// without a session and as each role, in every transport Next serves (HTML, RSC, prefetch, the
// `.rsc` path, `?_rsc`, and the `x-middleware-subrequest` header that once skipped middleware).
// Nothing here relies on proxy.ts: scripts/test-without-proxy.ts runs this file with it deleted.
// One signed-in context per role serves the whole matrix (sign-ins are slow and rate-limited).
import path from "node:path";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import demo from "../../prisma/demo/detainees.json";
import { rscNavigation, signIn, USERS } from "../helpers";
import { discoverIds, fillPattern, isAdminPattern, isPublicPattern, patternParams, readBuiltActions, readInventory, UNKNOWN_ID, type IdsByParam } from "./route-inventory";

const ROOT = path.resolve(__dirname, "..", "..");
const inventory = readInventory(ROOT);

type Variant = { name: string; suffix?: true; query?: string; headers?: Record<string, string> };
const PAGE_VARIANTS: Variant[] = [
  { name: "plain" },
  { name: ".rsc", suffix: true },
  { name: "?_rsc=1", query: "_rsc=1" },
  { name: "RSC", headers: { rsc: "1" } },
  { name: "prefetch", headers: { rsc: "1", "next-router-prefetch": "1" } },
  // What a client-side navigation (a <Link> click) fetches: router state tree, Next-Url, hashed _rsc.
  { name: "router navigation", ...rscNavigation() },
  // CVE-2025-29927: this header made Next skip middleware; it must change nothing.
  { name: "x-middleware-subrequest", headers: { "x-middleware-subrequest": Array(5).fill("middleware").join(":") } },
];
const HANDLER_VARIANTS = PAGE_VARIANTS.filter((v) => !v.suffix);
// Gets past a proxy that only checks that a session cookie exists: the pages must still refuse.
const FORGED = "next-auth.session-token=forged";
const FORGED_COOKIE: Variant[] = [
  { name: "forged cookie", headers: { cookie: FORGED } },
  { name: "forged cookie + RSC", headers: { cookie: FORGED, rsc: "1" } },
];

// Canaries from the demo data (prisma/demo/detainees.json). Family contacts are 010-0000-NNNN;
// 010-0000-0000 is the import template's invented example, shown to everyone.
type Canary = string | RegExp;
const FAMILY = /010-0000-(?!0000)\d{4}/;
const CASE_NUMBER = "HV-20";
const SHELL = "signed-in-as"; // the signed-in header's test id: rendered only for a session
const HANGUL = demo.map((d) => d.nameHangul);
const TEAM_A = demo.filter((d) => d.team === 0);
const TEAM_A_CANARIES = [...TEAM_A.map((d) => d.nameHangul), ...TEAM_A.flatMap((d) => /010-0000-\d{4}/.exec(d.familyContact ?? "") ?? [])];

type Hop = { url: string; status: number; headers: Record<string, string>; body: string };
type Probe = { label: string; hops: Hop[]; final: Hop };
type Job = { pattern: string; url: string; variant: Variant; method: string };

const origin = () => new URL(test.info().project.use.baseURL ?? `http://localhost:${process.env.E2E_PORT ?? 3100}`).origin;
const urlFor = (pattern: string, values: Record<string, string>) =>
  fillPattern(pattern, { ...Object.fromEntries(patternParams(pattern).map((p) => [p, UNKNOWN_ID])), ...values })!;
const bodyOf = (api: APIRequestContext) => async (url: string) => {
  const r = await api.get(url, { failOnStatusCode: false });
  return r.status() === 200 ? r.text() : null;
};
function sampleValues(ids: IdsByParam, pick: "first" | "last"): Record<string, string> {
  return { nextauth: "session", ...Object.fromEntries([...ids].map(([param, list]) => [param, pick === "first" ? list[0]! : list.at(-1)!])) };
}

async function eachLimit<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** One request, following same-site redirects (RSC canonical `_rsc` URLs) but not into /login. */
async function probe(api: APIRequestContext, url: string, variant: Variant, init: { method?: string; form?: FormData; headers?: Record<string, string> } = {}): Promise<Probe> {
  const method = init.method ?? "GET";
  const headers = { ...variant.headers, ...init.headers };
  let current = variant.suffix ? (url === "/" ? "/index.rsc" : `${url}.rsc`) : variant.query ? `${url}${url.includes("?") ? "&" : "?"}${variant.query}` : url;
  const hops: Hop[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await api.fetch(current, { method: i ? "GET" : method, headers, multipart: i ? undefined : init.form, maxRedirects: 0, failOnStatusCode: false });
    hops.push({ url: current, status: r.status(), headers: r.headers(), body: await r.text() });
    const location = r.headers()["location"];
    if (r.status() < 300 || r.status() > 399 || !location || method !== "GET") break;
    const next = new URL(location, new URL(current, origin()));
    if (next.origin !== origin() || next.pathname.startsWith("/login")) break;
    current = next.pathname + next.search;
  }
  return { label: `${method} ${url} [${variant.name}]`, hops, final: hops.at(-1)! };
}

const isRsc = (h: Hop) => (h.headers["content-type"] ?? "").includes("text/x-component");
// A route-tree-only prefetch answer renders no element, so it can carry no data.
const rendersNothing = (h: Hop) => isRsc(h) && !h.body.includes('["$","');
const isNotFound = (h: Hop) => h.status === 404 || (h.status === 200 && isRsc(h) && (h.body.includes("NEXT_HTTP_ERROR_FALLBACK;404") || rendersNothing(h)));
/** Refused without a session: an error status, a redirect to sign-in, or an RSC answer that only says so. */
function isDenied(h: Hop): boolean {
  if ([401, 403, 404, 405].includes(h.status)) return true;
  if (h.status >= 300 && h.status < 400) return new URL(h.headers["location"] ?? "/", origin()).pathname.startsWith("/login");
  return h.status === 200 && isRsc(h) && (/NEXT_REDIRECT;(?:replace|push);\/login[;/?]/.test(h.body) || isNotFound(h));
}

/** S16 on every response, redirects and errors included. */
function checkHeaders(p: Probe, problems: string[]) {
  for (const hop of p.hops) {
    const h = hop.headers;
    const all = (name: string, want: string) => !!h[name] && h[name]!.split(",").every((v) => v.trim() === want);
    const bad = [
      !all("x-content-type-options", "nosniff") && "x-content-type-options",
      !all("referrer-policy", "no-referrer") && "referrer-policy",
      !all("cross-origin-opener-policy", "same-origin") && "cross-origin-opener-policy",
      !/frame-ancestors 'none'/.test(h["content-security-policy"] ?? "") && "content-security-policy",
      !/no-store/.test(h["cache-control"] ?? "") && "cache-control",
      "x-powered-by" in h && "x-powered-by present",
      // Plain http here: HSTS would be wrong.
      "strict-transport-security" in h && "strict-transport-security over http",
    ].filter(Boolean);
    if (bad.length) problems.push(`${p.label} → ${hop.url} ${hop.status}: headers ${bad.join(", ")}`);
  }
}

const contains = (body: string, c: Canary) => (typeof c === "string" ? body.includes(c) : c.test(body));

function checkCanaries(p: Probe, canaries: Canary[], problems: string[]) {
  for (const hop of p.hops) {
    const leaked = canaries.filter((c) => contains(hop.body, c));
    if (leaked.length) problems.push(`${p.label} → ${hop.url} ${hop.status}: contains ${leaked.slice(0, 3).map(String).join(", ")}`);
  }
}

function checkNoServerError(p: Probe, problems: string[]) {
  for (const hop of p.hops) if (hop.status >= 500) problems.push(`${p.label} → ${hop.url}: ${hop.status}`);
}

/** Every page in every transport, every GET route handler in every transport that applies. */
function matrixJobs(values: Record<string, string>, extra: Variant[] = [], only: (pattern: string) => boolean = () => true): Job[] {
  const pages = inventory.pages.filter((p) => only(p.pattern)).flatMap((p) => [...PAGE_VARIANTS, ...extra].map((variant) => ({ pattern: p.pattern, url: urlFor(p.pattern, values), variant, method: "GET" })));
  const handlers = inventory.handlers.filter((h) => only(h.pattern) && h.methods.includes("GET")).flatMap((h) => [...HANDLER_VARIANTS, ...extra].map((variant) => ({ pattern: h.pattern, url: urlFor(h.pattern, values), variant, method: "GET" })));
  return [...pages, ...handlers];
}

async function runJobs(api: APIRequestContext, jobs: Job[], check: (job: Job, p: Probe) => void) {
  await eachLimit(jobs, 4, async (job) => {
    const headers: Record<string, string> = job.method === "GET" ? {} : { origin: origin() };
    check(job, await probe(api, job.url, job.variant, { method: job.method, headers }));
  });
}

/** Version numbers in the hidden fields of these pages: an update that got through changes one. */
async function versionsOf(api: APIRequestContext, urls: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const url of urls) {
    const body = (await bodyOf(api)(url)) ?? "";
    out[url] = [...body.matchAll(/<input[^>]*name="version"[^>]*>/g)].map((m) => /value="(\d+)"/.exec(m[0])?.[1] ?? "?");
  }
  return out;
}

/** Plausible form fields for any action: real record ids, current versions, values that would change something. */
function actionFields(values: Record<string, string>, version: string | undefined): Record<string, string> {
  const ids = Object.fromEntries(Object.entries(values).filter(([k]) => k !== "nextauth"));
  return {
    ...ids, id: UNKNOWN_ID, sessionId: UNKNOWN_ID, sourceId: UNKNOWN_ID, version: version ?? "1", reason: "route matrix", status: "RELEASED",
    disabled: "true", role: "ADMIN", title: "route matrix", name: "Route matrix", email: "route.matrix@haven.test", password: "route-matrix-password-1", code: "000000", format: "pdf",
  };
}

test.describe("route matrix: without a session, and as the admin", () => {
  test.describe.configure({ mode: "default", timeout: 150_000 });
  let admin: BrowserContext;
  // The last id each list shows: other specs edit the first rows, and the action sweep below
  // compares versions before and after.
  let values: Record<string, string>;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    admin = await browser.newContext();
    await signIn(await admin.newPage(), USERS.admin);
    values = sampleValues(await discoverIds(bodyOf(admin.request), inventory), "last");
  });
  test.afterAll(async () => admin?.close());

  test("without a session no page or route handler answers with content, in any transport", async ({ request }) => {
    const problems: string[] = [];
    const posts = inventory.handlers.filter((h) => !isPublicPattern(h.pattern)).flatMap((h) => h.methods.filter((m) => m !== "GET").map((method) => ({ pattern: h.pattern, url: urlFor(h.pattern, values), variant: PAGE_VARIANTS[0]!, method })));
    await runJobs(request, [...matrixJobs(values, FORGED_COOKIE), ...posts], (job, p) => {
      checkHeaders(p, problems);
      checkNoServerError(p, problems);
      checkCanaries(p, [CASE_NUMBER, FAMILY, SHELL, ...HANGUL], problems);
      if (!isPublicPattern(job.pattern) && !isDenied(p.final)) problems.push(`${p.label}: ${p.final.status} ${p.final.headers["content-type"] ?? ""} without a session`);
    });
    expect(problems).toEqual([]);
  });

  test("without a session no server action runs or answers with data", async ({ request }) => {
    const built = readBuiltActions(ROOT);
    // The build's actions are exactly those found in app/: none escapes the matrix.
    expect(built.map((a) => `${a.file}#${a.name}`).sort()).toEqual(inventory.actions.map((a) => `${a.file}#${a.name}`).sort());
    const versionPages = inventory.pages.filter((p) => p.params.length && !isPublicPattern(p.pattern)).map((p) => urlFor(p.pattern, values));
    const before = await versionsOf(admin.request, versionPages);
    const problems: string[] = [];
    let refused = 0;
    await eachLimit(built, 3, async (action) => {
      const source = inventory.actions.find((a) => a.file === action.file && a.name === action.name)!;
      // The most specific page that runs it: its URL carries the record the fields name.
      const host = [...action.hostPatterns].sort((a, b) => patternParams(b).length - patternParams(a).length || b.length - a.length)[0];
      if (!host) return void problems.push(`${action.name}: no page hosts it`);
      const url = urlFor(host, values);
      const fields = Object.entries(actionFields(values, before[url]?.[0]));
      // As the browser calls it: React's reply encoding, the FormData argument's fields under
      // "_1_" and then the arguments as "0" (the server streams the parts: "0" must come last).
      const call = new FormData();
      for (const [k, v] of fields) call.append(`_1_${k}`, v);
      call.set("0", JSON.stringify(Array.from({ length: source.arity }, (_, i) => (i === source.formDataIndex ? "$K1" : null))));
      // As a form posted without JavaScript.
      const form = new FormData();
      form.set(`$ACTION_ID_${action.id}`, "");
      for (const [k, v] of fields) form.append(k, v);
      for (const [how, body, headers] of [["fetch", call, { "next-action": action.id }], ["form", form, {}]] as const) {
        const p = await probe(request, url, { name: `${action.name} (${how})` }, { method: "POST", form: body, headers: { origin: origin(), ...headers } });
        checkHeaders(p, problems);
        checkCanaries(p, [CASE_NUMBER, FAMILY, SHELL, ...HANGUL], problems);
        const redirect = p.final.headers["x-action-redirect"];
        if (p.final.headers["x-nextjs-action-not-found"]) problems.push(`${p.label}: the action was not reached (${p.final.status})`);
        if (p.final.body.includes('"ok":true')) problems.push(`${p.label}: succeeded without a session`);
        if (redirect && !redirect.startsWith("/login")) problems.push(`${p.label}: redirected to ${redirect}, as after success`);
        if (how !== "fetch" || action.hostPatterns.some(isPublicPattern)) continue;
        // Refused at the session check, before reading the form: no field errors, or a thrown error.
        const stoppedEarly = p.final.body.includes('"ok":false') && !p.final.body.includes('"fieldErrors"');
        // A sign-in redirect is a refusal too (actions that send a signed-out person to /login).
        if (stoppedEarly || redirect?.startsWith("/login")) refused++;
        else if (!/^\w+:E\{"digest"/m.test(p.final.body)) problems.push(`${p.label}: not refused for want of a session (${p.final.status} ${p.final.body.slice(0, 160)})`);
      }
    });
    expect(problems).toEqual([]);
    expect(await versionsOf(admin.request, versionPages)).toEqual(before);
    // Most calls reached the actions' own code (a broken encoding would only produce decode errors).
    expect(refused).toBeGreaterThan(built.filter((a) => !a.hostPatterns.some(isPublicPattern)).length / 2);
  });

  test("the admin: every page and route answers without a server error, with the headers", async () => {
    const problems: string[] = [];
    await runJobs(admin.request, matrixJobs(values), (job, p) => {
      checkHeaders(p, problems);
      checkNoServerError(p, problems);
      if (isAdminPattern(job.pattern) && job.variant.name === "plain" && !job.pattern.includes("[") && p.final.status !== 200) problems.push(`${p.label}: admin page answered ${p.final.status}`);
    });
    expect(problems).toEqual([]);
  });
});

test.describe("route matrix: team A's roles, and team B's lawyer", () => {
  test.describe.configure({ mode: "default", timeout: 150_000 });
  const roles = ["lawyerA", "caseworkerA", "viewerA", "lawyerB"] as const;
  const ctx = {} as Record<(typeof roles)[number], BrowserContext>;
  let values: Record<string, string>;
  const contactCases: string[] = [];
  let teamAOnly: IdsByParam = new Map();

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(150_000);
    for (const role of roles) {
      ctx[role] = await browser.newContext();
      await signIn(await ctx[role].newPage(), USERS[role]);
    }
    const idsA = await discoverIds(bodyOf(ctx.lawyerA.request), inventory);
    const idsB = await discoverIds(bodyOf(ctx.lawyerB.request), inventory);
    // Team-scoped parameters: lawyer B finds none of lawyer A's ids (registry records, such as
    // facilities and events, are shared, so both find some of the same).
    teamAOnly = new Map([...idsA].filter(([param, list]) => !list.some((id) => idsB.get(param)?.includes(id))));
    // Demo cases first (other specs add cases), then every case page lawyer A sees a family contact on.
    const listed = (await bodyOf(ctx.lawyerA.request)("/detainees?sort=caseNumber")) ?? "";
    const cases = [...new Set([...listed.matchAll(/href="\/detainees\/([a-z0-9]{20,})"/g)].map((m) => m[1]!).concat(idsA.get("detaineeId") ?? []))];
    for (const id of cases) if ((await bodyOf(ctx.lawyerA.request)(urlFor("/detainees/[detaineeId]", { detaineeId: id })))?.match(FAMILY)) contactCases.push(id);
    values = { ...sampleValues(idsA, "first"), ...(contactCases[0] ? { detaineeId: contactCases[0] } : {}) };
  });
  test.afterAll(async () => Promise.all(Object.values(ctx).map((c) => c.close())));

  test("lawyer A: every page and route answers without a server error, admin pages do not exist", async () => {
    expect(inventory.pages.map((p) => p.pattern)).toContain("/detainees/[detaineeId]");
    // Positive control: the canary the next tests look for is really on these pages for a lawyer.
    expect(contactCases.length).toBeGreaterThan(0);
    const problems: string[] = [];
    await runJobs(ctx.lawyerA.request, matrixJobs(values), (job, p) => {
      checkHeaders(p, problems);
      checkNoServerError(p, problems);
      if (isAdminPattern(job.pattern) && !isNotFound(p.final)) problems.push(`${p.label}: ${p.final.status} for a lawyer`);
    });
    // ... and in every transport that renders the page, so the canary check on the caseworker's
    // and viewer's answers below can find it. Not in two: a prefetch sends the route tree only, and
    // Next 16 reads `/detainees/<id>.rsc` as the case id `<id>.rsc` (its not-found payload).
    const rendering = PAGE_VARIANTS.filter((v) => v.name !== "prefetch" && !v.suffix);
    await runJobs(ctx.lawyerA.request, rendering.map((variant) => ({ pattern: "/detainees/[detaineeId]", url: urlFor("/detainees/[detaineeId]", { detaineeId: contactCases[0]! }), variant, method: "GET" })), (_job, p) => {
      if (!contains(p.final.body, FAMILY)) problems.push(`${p.label}: positive control, no family contact for lawyer A (${p.final.status})`);
    });
    expect(problems).toEqual([]);
  });

  for (const role of ["caseworkerA", "viewerA"] as const) {
    test(`${role}: family contacts appear in no page, RSC payload or route; admin pages do not exist`, async () => {
      const problems: string[] = [];
      const contactJobs = contactCases.flatMap((id) => PAGE_VARIANTS.map((variant) => ({ pattern: "/detainees/[detaineeId]", url: urlFor("/detainees/[detaineeId]", { detaineeId: id }), variant, method: "GET" })));
      await runJobs(ctx[role].request, [...matrixJobs(values), ...contactJobs], (job, p) => {
        checkHeaders(p, problems);
        checkNoServerError(p, problems);
        checkCanaries(p, [FAMILY], problems);
        if (isAdminPattern(job.pattern) && !isNotFound(p.final)) problems.push(`${p.label}: ${p.final.status} for ${role}`);
        // They may open the case (so the absence of the contact is the masking, not a 404).
        if (job.pattern === "/detainees/[detaineeId]" && job.variant.name === "plain" && p.final.status !== 200) problems.push(`${p.label}: ${p.final.status}`);
      });
      expect(contactCases.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });
  }

  test("lawyer B: team A's cases, petitions and files are 404 in every transport, and admin pages do not exist", async () => {
    expect(teamAOnly.get("detaineeId")?.length ?? 0).toBeGreaterThan(0);
    const crossValues = { ...values, ...Object.fromEntries([...teamAOnly].map(([param, list]) => [param, list[0]!])) };
    const crossTeam = (pattern: string) => patternParams(pattern).some((p) => teamAOnly.has(p));
    const posts = inventory.handlers.filter((h) => crossTeam(h.pattern)).flatMap((h) => h.methods.filter((m) => m !== "GET").map((method) => ({ pattern: h.pattern, url: urlFor(h.pattern, crossValues), variant: PAGE_VARIANTS[0]!, method })));
    const jobs = [...matrixJobs(crossValues, [], crossTeam), ...posts, ...matrixJobs(values, [], isAdminPattern)];
    expect(jobs.filter((j) => crossTeam(j.pattern)).length).toBeGreaterThan(0);
    const problems: string[] = [];
    await runJobs(ctx.lawyerB.request, jobs, (job, p) => {
      checkHeaders(p, problems);
      checkNoServerError(p, problems);
      checkCanaries(p, TEAM_A_CANARIES, problems);
      if (!isNotFound(p.final)) problems.push(`${p.label}: ${p.final.status} for team B's lawyer`);
    });
    expect(problems).toEqual([]);
  });
});
