// Every page, route handler and server action of the app, read from app/ at test time (S8): the
// route matrix covers a new route the day it is added, instead of trusting a hand-kept list that
// silently misses the one route nobody remembered to protect.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PageRoute = { file: string; pattern: string; params: string[] };
export type RouteHandler = PageRoute & { methods: HttpMethod[] };
/** `formDataIndex`: which argument is the FormData (-1: none), so a caller can encode the call. */
export type ServerAction = { file: string; name: string; arity: number; formDataIndex: number };
export type Inventory = { pages: PageRoute[]; handlers: RouteHandler[]; actions: ServerAction[] };

/** Passes idSchema (lib/domain/schemas-common.ts) and names no record. */
export const UNKNOWN_ID = "cnosuchrecord0000000000000";

/** Reachable without a session by design: sign-in, its second step, next-auth, the health probe. */
export function isPublicPattern(pattern: string): boolean {
  return ["/login", "/api/health"].includes(pattern) || pattern.startsWith("/login/") || pattern.startsWith("/api/auth/");
}

export const isAdminPattern = (pattern: string) => pattern === "/admin" || pattern.startsWith("/admin/");

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // "_folder" is private to its route and never served (Next's convention).
    if (entry.isDirectory() && !entry.name.startsWith("_")) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** "(app)/detainees/[detaineeId]" → "/detainees/[detaineeId]": groups and parallel slots add no URL segment. */
export function routePattern(dirFromApp: string): string {
  const segments = dirFromApp.split(/[\\/]/).filter((s) => s && s !== "." && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

export function patternParams(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
}

/** The URL for a pattern, or null when a parameter has no value. */
export function fillPattern(pattern: string, values: Record<string, string | undefined>): string | null {
  let missing = false;
  const url = pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
    const value = values[name];
    if (!value) missing = true;
    return encodeURIComponent(value ?? "");
  });
  return missing ? null : url;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Names a module exports: declarations, `export const`, and `export { a as GET }` lists. */
function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const st of source.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && isExported(st) && st.name) names.push(st.name.text);
    else if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.isTypeOnly) {
      for (const el of st.exportClause.elements) if (!el.isTypeOnly) names.push(el.name.text);
    }
  }
  return names;
}

function hasUseServerDirective(source: ts.SourceFile): boolean {
  for (const st of source.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === "use server") return true;
  }
  return false;
}

function functionLike(source: ts.SourceFile, st: ts.Statement): { name: string; fn: ts.SignatureDeclaration }[] {
  if (ts.isFunctionDeclaration(st) && isExported(st) && st.name) return [{ name: st.name.text, fn: st }];
  if (!ts.isVariableStatement(st) || !isExported(st)) return [];
  return st.declarationList.declarations.flatMap((d) =>
    ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))
      ? [{ name: d.name.text, fn: d.initializer }]
      : [],
  );
}

/** Every export of a "use server" module is callable from a browser, so every one is listed. */
function serverActions(file: string, root: string): ServerAction[] {
  const source = parse(file);
  if (!hasUseServerDirective(source)) return [];
  const rel = path.relative(root, file).split(path.sep).join("/");
  return source.statements.flatMap((st) =>
    functionLike(source, st).map(({ name, fn }) => ({
      file: rel,
      name,
      arity: fn.parameters.length,
      formDataIndex: fn.parameters.findIndex((p) => p.type?.getText(source) === "FormData"),
    })),
  );
}

export function readInventory(root = process.cwd()): Inventory {
  const appDir = path.join(root, "app");
  const inventory: Inventory = { pages: [], handlers: [], actions: [] };
  for (const file of walk(appDir).sort()) {
    const rel = path.relative(root, file).split(path.sep).join("/");
    const base = path.basename(file);
    const pattern = routePattern(path.relative(appDir, path.dirname(file)));
    if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(base)) inventory.pages.push({ file: rel, pattern, params: patternParams(pattern) });
    else if (/^route\.(ts|js)$/.test(base)) {
      const methods = exportedNames(parse(file)).filter((n): n is HttpMethod => (HTTP_METHODS as readonly string[]).includes(n));
      inventory.handlers.push({ file: rel, pattern, params: patternParams(pattern), methods });
    } else if (/\.(ts|tsx|js)$/.test(base)) inventory.actions.push(...serverActions(file, root));
  }
  return inventory;
}

/** A server action as the build names it: the id a browser sends in `Next-Action`, and the pages that can run it. */
export type BuiltAction = { id: string; file: string; name: string; hostPatterns: string[] };

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

/**
 * Next 16 writes `server/server-reference-manifest.json` into the build: action id → the pages
 * ("workers") whose bundles contain it, plus the source file and export name. An action can
 * only be invoked by POSTing its id to one of those pages.
 */
export function builtActions(manifest: { node?: Record<string, ManifestEntry> }): BuiltAction[] {
  return Object.entries(manifest.node ?? {}).map(([id, entry]) => ({
    id,
    file: entry.filename ?? "",
    name: entry.exportedName ?? "",
    hostPatterns: Object.keys(entry.workers)
      .filter((w) => w.startsWith("app/") && w.endsWith("/page"))
      .map((w) => routePattern(w.slice("app/".length, -"/page".length))),
  }));
}

export function readBuiltActions(root = process.cwd(), distDir = ".next"): BuiltAction[] {
  const file = path.join(root, distDir, "server", "server-reference-manifest.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: the route matrix runs against a production build (next build)`);
  return builtActions(JSON.parse(readFileSync(file, "utf8")) as { node?: Record<string, ManifestEntry> });
}

/** Ids per route parameter, in the order pages link to them. */
export type IdsByParam = Map<string, string[]>;
type LinkPrefix = { param: string; pattern: RegExp };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where each parameter's ids appear in links: `/detainees/[detaineeId]` → ids are read from
 * `"/detainees/<id>` in any page (HTML or its inline RSC data), except sibling static segments
 * such as `/detainees/new`. Catch-all segments are not ids and are skipped.
 */
export function idLinkPrefixes(inv: Inventory): LinkPrefix[] {
  const patterns = [...inv.pages, ...inv.handlers].map((r) => r.pattern.split("/").slice(1));
  const out = new Map<string, LinkPrefix>();
  for (const segs of patterns) {
    const k = segs.findIndex((s) => s.startsWith("["));
    if (k < 0 || segs[k]!.startsWith("[...")) continue;
    const prefix = `/${segs.slice(0, k).join("/")}`;
    const siblings = patterns.filter((p) => `/${p.slice(0, k).join("/")}` === prefix && p[k] && !p[k]!.startsWith("[")).map((p) => p[k]!);
    const exclude = siblings.length ? `(?!(?:${siblings.map(escapeRe).join("|")})["'/?#\\\\])` : "";
    const param = segs[k]!.slice(1, -1);
    out.set(`${prefix} ${param}`, { param, pattern: new RegExp(`["'(]${escapeRe(prefix === "/" ? "" : prefix)}/${exclude}([A-Za-z0-9_-]{8,40})(?=["'/?#)\\\\])`, "g") });
  }
  return [...out.values()];
}

export function scanIds(body: string, prefixes: LinkPrefix[], into: IdsByParam): void {
  for (const { param, pattern } of prefixes) {
    const list = into.get(param) ?? [];
    for (const m of body.matchAll(pattern)) if (!list.includes(m[1]!)) list.push(m[1]!);
    if (list.length) into.set(param, list);
  }
}

/**
 * Real ids for dynamic segments, as one signed-in person sees them: fetch every page whose
 * parameters are known (list pages first), read ids from their links, repeat for deeper pages.
 * `get` returns a page's body, or null when it is not a 200.
 */
export async function discoverIds(get: (url: string) => Promise<string | null>, inv: Inventory, rounds = 3): Promise<IdsByParam> {
  const ids: IdsByParam = new Map();
  const prefixes = idLinkPrefixes(inv);
  const fetched = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    const first = Object.fromEntries([...ids].map(([param, list]) => [param, list[0]]));
    const urls = inv.pages.map((p) => fillPattern(p.pattern, first)).filter((u): u is string => !!u && !fetched.has(u));
    if (!urls.length) break;
    for (const url of urls) {
      fetched.add(url);
      const body = await get(url);
      if (body) scanIds(body, prefixes, ids);
    }
  }
  return ids;
}
