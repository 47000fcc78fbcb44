// S8: the route matrix (e2e/security/route-matrix.spec.ts) is only as good as its inventory. These
// tests check the inventory against an independent, cruder scan of app/ and against routes we
// know exist, so a parser gap cannot quietly shrink what the matrix requests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtActions, discoverIds, fillPattern, isPublicPattern, patternParams, readInventory, routePattern, UNKNOWN_ID } from "@/e2e/security/route-inventory";
import { idSchema } from "@/lib/domain/schemas-common";

const ROOT = path.resolve(__dirname, "..", "..");
const inventory = readInventory(ROOT);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith("_") ? [] : filesUnder(full);
    return [path.relative(ROOT, full).split(path.sep).join("/")];
  });
}
const appFiles = filesUnder(path.join(ROOT, "app"));

describe("route inventory: pages", () => {
  const patterns = inventory.pages.map((p) => p.pattern);

  it("finds the pages we know exist, with URL patterns (no route groups)", () => {
    for (const known of ["/", "/detainees", "/detainees/new", "/detainees/[detaineeId]", "/detainees/[detaineeId]/edit", "/petitions/[petitionId]", "/facilities/[facilityId]", "/admin/users", "/admin/teams/[teamId]", "/account", "/login", "/login/two-factor"]) {
      expect(patterns, known).toContain(known);
    }
    expect(patterns.filter((p) => /\(|\)|_components/.test(p))).toEqual([]);
  });

  it("lists every page.tsx file once", () => {
    expect(inventory.pages.map((p) => p.file).sort()).toEqual(appFiles.filter((f) => /\/page\.tsx?$/.test(f)).sort());
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it("names the parameters of dynamic segments", () => {
    expect(inventory.pages.find((p) => p.pattern === "/detainees/[detaineeId]/edit")?.params).toEqual(["detaineeId"]);
    expect(inventory.pages.find((p) => p.pattern === "/detainees")?.params).toEqual([]);
  });
});

describe("route inventory: route handlers", () => {
  it("lists every route.ts file with the HTTP methods it exports", () => {
    const routeFiles = appFiles.filter((f) => /\/route\.ts$/.test(f)).sort();
    expect(inventory.handlers.map((h) => h.file).sort()).toEqual(routeFiles);
    for (const h of inventory.handlers) {
      // Crude cross-check: every method name the file exports in any syntax is found.
      const text = readFileSync(path.join(ROOT, h.file), "utf8");
      const crude = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter((m) => new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${m}\\b|as\\s+${m}\\b`).test(text));
      expect(h.methods.slice().sort(), h.file).toEqual(crude.sort());
      expect(h.methods.length, h.file).toBeGreaterThan(0);
    }
  });

  it("reads re-exported handlers and single-method routes correctly", () => {
    const byPattern = new Map(inventory.handlers.map((h) => [h.pattern, h]));
    expect(byPattern.get("/api/auth/[...nextauth]")?.methods.sort()).toEqual(["GET", "POST"]);
    expect(byPattern.get("/api/auth/[...nextauth]")?.params).toEqual(["nextauth"]);
    expect(byPattern.get("/api/petitions/[petitionId]/export")?.methods).toEqual(["POST"]);
    expect(byPattern.get("/api/attachments/[attachmentId]")?.methods).toEqual(["GET"]);
    expect(byPattern.get("/api/health")?.methods).toEqual(["GET"]);
  });
});

describe("route inventory: server actions", () => {
  it("lists every exported function of every 'use server' file", () => {
    const useServer = appFiles.filter((f) => /\.tsx?$/.test(f) && /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(useServer.length).toBeGreaterThan(5);
    for (const file of useServer) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      const crude = [...text.matchAll(/^export\s+async\s+function\s+(\w+)/gm)].map((m) => m[1]).sort();
      expect(inventory.actions.filter((a) => a.file === file).map((a) => a.name).sort(), file).toEqual(crude);
    }
    expect(new Set(inventory.actions.map((a) => a.file))).toEqual(new Set(useServer));
  });

  it("knows where each action takes its FormData", () => {
    const find = (name: string) => inventory.actions.find((a) => a.name === name);
    expect(find("createDetaineeAction")).toMatchObject({ file: "app/(app)/detainees/actions.ts", arity: 2, formDataIndex: 1 });
    expect(find("setLocaleAction")).toMatchObject({ arity: 1, formDataIndex: 0 });
    expect(find("removeTwoFactorAction")).toMatchObject({ arity: 1, formDataIndex: -1 });
  });
});

describe("route inventory: helpers", () => {
  it("turns directories into URL patterns", () => {
    expect(routePattern("(app)")).toBe("/");
    expect(routePattern("(app)/detainees/[detaineeId]")).toBe("/detainees/[detaineeId]");
    expect(routePattern("@modal/(group)/x")).toBe("/x");
    expect(patternParams("/api/auth/[...nextauth]")).toEqual(["nextauth"]);
  });

  it("fills patterns, and refuses when a value is missing", () => {
    expect(fillPattern("/detainees/[detaineeId]/edit", { detaineeId: "abc123" })).toBe("/detainees/abc123/edit");
    expect(fillPattern("/detainees/[detaineeId]", {})).toBeNull();
    expect(fillPattern("/detainees", {})).toBe("/detainees");
  });

  it("uses an unknown id that still passes id validation (so a 404, not a 400, is the answer)", () => {
    expect(idSchema.safeParse(UNKNOWN_ID).success).toBe(true);
  });

  it("treats only sign-in, next-auth and the health probe as public", () => {
    expect(isPublicPattern("/login/two-factor")).toBe(true);
    expect(isPublicPattern("/api/auth/[...nextauth]")).toBe(true);
    expect(isPublicPattern("/api/attachments/[attachmentId]")).toBe(false);
    expect(isPublicPattern("/loginx")).toBe(false);
  });

  it("reads action ids and their host pages from Next's server reference manifest", () => {
    const manifest = {
      node: {
        "40abc": { workers: { "app/(app)/detainees/[detaineeId]/page": { moduleId: 1 }, "app/(app)/page": { moduleId: 2 } }, filename: "app/(app)/detainees/actions.ts", exportedName: "archiveDetaineeAction" },
      },
      edge: {},
    };
    expect(builtActions(manifest)).toEqual([{ id: "40abc", file: "app/(app)/detainees/actions.ts", name: "archiveDetaineeAction", hostPatterns: ["/detainees/[detaineeId]", "/"] }]);
  });
});

describe("route inventory: ids for dynamic segments", () => {
  const pages: Record<string, string> = {
    "/detainees": '<a href="/detainees/new">New</a><a href="/detainees/cmcaseaaaaaaaaaa">A</a><a href="/detainees/import">Import</a>',
    "/detainees/cmcaseaaaaaaaaaa": '<a href="/api/attachments/cmfileaaaaaaaaaa">file</a>',
    // Inline RSC data escapes quotes inside a script string.
    "/petitions": 'self.__next_f.push([1,"{\\"href\\":\\"/petitions/cmpetitionaaaaaa\\"}"])',
    "/admin/users": '<a href="/admin/users/security">Security</a><a href="/admin/users/cmuseraaaaaaaaaa">U</a>',
  };
  const get = async (url: string) => pages[url] ?? null;

  it("reads ids from list pages, then from the detail pages they lead to", async () => {
    const ids = await discoverIds(get, inventory);
    expect(ids.get("detaineeId")).toEqual(["cmcaseaaaaaaaaaa"]);
    expect(ids.get("attachmentId")).toEqual(["cmfileaaaaaaaaaa"]);
    expect(ids.get("petitionId")).toEqual(["cmpetitionaaaaaa"]);
    // "security" is a sibling page, not a user id.
    expect(ids.get("userId")).toEqual(["cmuseraaaaaaaaaa"]);
    expect(ids.has("nextauth")).toBe(false);
  });
});
