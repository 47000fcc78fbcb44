// The project's own source files, for static security tests (no node_modules, build output,
// generated client or data directories).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const SKIP = new Set(["node_modules", ".next", ".git", "data", "test-results", "playwright-report", "generated", ".data"]);

export function sourceFiles(dirs: string[], exts = [".ts", ".tsx", ".js", ".mjs", ".cjs"]): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (exts.some((e) => entry.name.endsWith(e))) out.push({ file: path.relative(ROOT, full), text: readFileSync(full, "utf8") });
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return out;
}

/** Top-level files such as proxy.ts, next.config.ts, instrumentation.ts. */
export function rootSourceFiles(): { file: string; text: string }[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mjs|js)$/.test(e.name))
    .map((e) => ({ file: e.name, text: readFileSync(path.join(ROOT, e.name), "utf8") }));
}

export const rootFile = (name: string) => path.join(ROOT, name);

/** Files (relative paths) whose text matches `pattern`. */
export function filesMatching(files: { file: string; text: string }[], pattern: RegExp): string[] {
  return files.filter((f) => pattern.test(f.text)).map((f) => f.file);
}
