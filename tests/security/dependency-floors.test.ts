// S25: `npm audit` does not work against this registry, so the lock file itself is checked.
// Each floor is the first release with the fix for a published advisory (or, where none is
// known, the major line we reviewed). Raise a floor when an advisory lands; never lower one.
// Every copy of a package in the tree must meet its floor, not just the top-level one.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rootFile } from "./source-files";

type LockEntry = { version?: string; resolved?: string; integrity?: string; link?: boolean; inBundle?: boolean };
const lock = JSON.parse(readFileSync(rootFile("package-lock.json"), "utf8")) as { lockfileVersion: number; packages: Record<string, LockEntry> };
const pkg = JSON.parse(readFileSync(rootFile("package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;

const FLOORS: Record<string, { min: string; why: string; direct?: boolean }> = {
  next: { min: "16.0.10", why: "RSC remote code execution (CVE-2025-66478), then RSC DoS and source exposure (CVE-2025-55184, -55183)", direct: true },
  react: { min: "19.2.3", why: "React Server Components RCE and DoS fixes (CVE-2025-55182, -55184)", direct: true },
  "react-dom": { min: "19.2.3", why: "kept in step with react", direct: true },
  "next-auth": { min: "4.24.12", why: "email misdelivery fix (GHSA-5jpx-9hw9-2fx4); 4.x is the line we use", direct: true },
  pg: { min: "8.13.0", why: "reviewed line; older lines had the type-parsing RCE (CVE-2017-16082)", direct: true },
  zod: { min: "4.0.0", why: "v3 < 3.22.3 had an e-mail ReDoS (CVE-2023-4316); we validate with v4", direct: true },
  "@node-rs/argon2": { min: "2.0.0", why: "argon2id with the parameters lib/auth/password.ts sets", direct: true },
  pdfkit: { min: "0.15.0", why: "reviewed line (embedded CJK fonts, no JS in PDFs)", direct: true },
  docx: { min: "9.0.0", why: "reviewed line", direct: true },
  otplib: { min: "12.0.1", why: "reviewed line (RFC 6238, constant-time compare)", direct: true },
  "file-type": { min: "21.3.1", why: "ASF parser infinite loop on crafted files fixed in 21.3.1", direct: true },
  "csv-parse": { min: "4.4.6", why: "ReDoS (CVE-2019-17592)", direct: true },
  qrcode: { min: "1.5.0", why: "reviewed line", direct: true },
  pino: { min: "9.0.0", why: "reviewed line (JSON escaping, redaction)", direct: true },
  mammoth: { min: "1.11.0", why: "directory traversal via external images (CVE-2025-11849)" },
  cookie: { min: "0.7.0", why: "out-of-bounds characters in cookie name/path/domain (CVE-2024-47764)" },
  jose: { min: "4.15.5", why: "JWE decompression DoS (CVE-2024-28176)" },
  braces: { min: "3.0.3", why: "memory exhaustion (CVE-2024-4068)" },
  micromatch: { min: "4.0.8", why: "ReDoS (CVE-2024-4067)" },
  "cross-spawn": { min: "7.0.5", why: "ReDoS (CVE-2024-21538)" },
  "@babel/runtime": { min: "7.26.10", why: "inefficient RegExp in named-group transform (CVE-2025-27789)" },
  nanoid: { min: "3.3.8", why: "predictable output with non-integer sizes (CVE-2024-55565)" },
  ws: { min: "8.17.1", why: "DoS by many headers (CVE-2024-37890)" },
  "@xmldom/xmldom": { min: "0.8.4", why: "prototype pollution / multiple roots (CVE-2022-39353)" },
  "brace-expansion": { min: "1.1.12", why: "ReDoS (CVE-2025-5889)" },
  esbuild: { min: "0.25.0", why: "dev server accepts any origin (GHSA-67mh-4wv8-2f99)" },
  vite: { min: "6.2.7", why: "dev server file disclosure (CVE-2025-31125, -31486)" },
};

/** -1, 0, 1 comparing x.y.z versions; a pre-release sorts before its release. */
function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split("-", 2);
    return { nums: core!.split(".").map((n) => Number.parseInt(n, 10)), pre: pre ?? null };
  };
  const x = parse(a), y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  return x.pre === null ? 1 : y.pre === null ? -1 : x.pre < y.pre ? -1 : 1;
}

function installed(name: string): { path: string; version: string }[] {
  return Object.entries(lock.packages)
    .filter(([p]) => p === `node_modules/${name}` || p.endsWith(`/node_modules/${name}`))
    .map(([p, e]) => ({ path: p, version: e.version ?? "0.0.0" }));
}

describe("dependency floors (package-lock.json)", () => {
  it("compares versions correctly", () => {
    expect(compareVersions("16.4.6", "16.0.10")).toBe(1);
    expect(compareVersions("16.0.9", "16.0.10")).toBe(-1);
    expect(compareVersions("19.2.3-canary.1", "19.2.3")).toBe(-1);
    expect(compareVersions("1.1.12", "1.1.12")).toBe(0);
  });

  it.each(Object.entries(FLOORS))("%s meets its floor everywhere in the tree", (name, floor) => {
    const copies = installed(name);
    if (floor.direct) expect(copies.length, `${name} should be installed`).toBeGreaterThan(0);
    for (const c of copies) expect(compareVersions(c.version, floor.min), `${c.path}@${c.version} < ${floor.min}: ${floor.why}`).toBeGreaterThanOrEqual(0);
  });
});

describe("where packages come from", () => {
  const entries = Object.entries(lock.packages).filter(([p]) => p !== "");

  it("is a v3 lock file", () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it("fetches nothing from outside registry.npmjs.org", () => {
    const foreign = entries.filter(([, e]) => e.resolved && !e.resolved.startsWith("https://registry.npmjs.org/")).map(([p, e]) => `${p} ← ${e.resolved}`);
    expect(foreign).toEqual([]);
  });

  it("has an sha512 integrity for every fetched package (bundled ones travel inside their parent)", () => {
    const missing = entries.filter(([, e]) => !e.inBundle && !e.link && !e.integrity?.startsWith("sha512-")).map(([p]) => p);
    expect(missing).toEqual([]);
  });

  it("declares only exact registry versions in package.json: no git, file, link, URL or range specifiers", () => {
    const specs = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies, ...pkg.overrides };
    const bad = Object.entries(specs).filter(([, v]) => !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(v)).map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
  });

  it("has no linked or workspace packages", () => {
    expect(entries.filter(([, e]) => e.link).map(([p]) => p)).toEqual([]);
  });
});
