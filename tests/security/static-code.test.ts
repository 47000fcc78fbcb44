// Static guarantees the type checker cannot give. S13: SQL only as tagged templates — no unsafe
// raw query APIs, no Prisma.raw. S14: no HTML injection sinks in rendered code. S15: nothing that
// needs 'unsafe-eval' or inline style attributes, so the strict CSP holds.
import { describe, expect, it } from "vitest";
import { filesMatching, rootSourceFiles, sourceFiles } from "./source-files";

// Patterns are assembled so this file does not match itself.
const UNSAFE = "Unsafe";
// eslint.config.mjs names the unsafe methods in order to ban them.
const code = [...sourceFiles(["app", "components", "lib", "scripts", "prisma", "i18n", "tests", "e2e"]), ...rootSourceFiles()].filter((f) => f.file !== "eslint.config.mjs");
const rendered = sourceFiles(["app", "components"]);

describe("S13: no SQL built from strings", () => {
  it("uses neither unsafe raw-query method of Prisma anywhere", () => {
    const pattern = new RegExp(`\\$(query|execute)Raw${UNSAFE}`);
    expect(filesMatching(code, pattern)).toEqual([]);
  });

  it("never splices raw SQL with Prisma.raw / Prisma.join over strings", () => {
    expect(filesMatching(code, new RegExp("Prisma\\s*\\.\\s*raw\\s*\\(|\\braw\\s*\\(\\s*`"))).toEqual([]);
  });

  it("never calls the tagged templates as plain functions (which skips parameter binding)", () => {
    expect(filesMatching(code, /\$(queryRaw|executeRaw)\s*\(/)).toEqual([]);
  });

  it("finds the banned call when it is there (the scan works)", () => {
    const sample = [{ file: "x.ts", text: `await db.$queryRaw${UNSAFE}("SELECT " + q)` }];
    expect(filesMatching(sample, new RegExp(`\\$(query|execute)Raw${UNSAFE}`))).toEqual(["x.ts"]);
  });
});

describe("S14/S15: rendered code", () => {
  it("has no dangerouslySetInnerHTML in app/ or components/", () => {
    expect(filesMatching(rendered, new RegExp("dangerously" + "SetInnerHTML"))).toEqual([]);
  });

  it("writes no HTML through DOM sinks", () => {
    expect(filesMatching(rendered, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write\(/)).toEqual([]);
  });

  it("needs no eval (the production CSP has no 'unsafe-eval')", () => {
    expect(filesMatching([...rendered, ...sourceFiles(["lib"])], /(^|[^.\w])eval\s*\(|new\s+Function\s*\(/)).toEqual([]);
  });

  it("renders no inline style attributes (the production CSP allows no inline styles)", () => {
    expect(filesMatching(rendered, /\bstyle=\{/)).toEqual([]);
  });

  it("loads nothing from another host: no external src/href for scripts, styles or fonts (S20)", () => {
    expect(filesMatching(rendered, /<(script|link|img|iframe)\b[^>]*\b(src|href)=["'{`]*https?:\/\//)).toEqual([]);
    expect(filesMatching([...rendered, ...sourceFiles(["app"], [".css"])], /fonts\.(googleapis|gstatic)|cdn\.|unpkg\.com|jsdelivr/)).toEqual([]);
  });
});
