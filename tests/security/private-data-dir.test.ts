// Issue 12 item 8: the embedded database, the local secrets and the evidence files are readable
// by Haven's own operating-system user only. Runs what `npm run demo` and the e2e server run
// before starting Next (scripts/prepare-instance.ts: secrets, migrations, demo data) against a
// temporary data root, from a process with the most permissive umask, and over an upload dir an
// older version left open; then every directory must be 0700 and every file 0600.
import { chmodSync, lstatSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newStorageKey, storedFilePath, writeStoredFile } from "@/lib/domain/attachment/storage";
import { preparePrivateDir, tightenPrivateTree } from "@/lib/security/private-files";
import { prepareInstance } from "../../scripts/prepare-instance";

let tmp = "";
let savedUmask = 0;
const savedUploadDir = process.env.HAVEN_UPLOAD_DIR;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "haven-private-"));
  savedUmask = process.umask(0); // as if started from a shell with umask 000
});
afterAll(async () => {
  process.umask(savedUmask);
  if (savedUploadDir === undefined) delete process.env.HAVEN_UPLOAD_DIR;
  else process.env.HAVEN_UPLOAD_DIR = savedUploadDir;
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Every entry under `root` (itself included) whose mode is not 0700 (dirs) / 0600 (files). */
function openEntries(root: string): { bad: string[]; files: number; dirs: number } {
  const bad: string[] = [];
  let files = 0;
  let dirs = 0;
  const visit = (p: string) => {
    const st = lstatSync(p);
    const mode = st.mode & 0o777;
    if (st.isDirectory()) {
      dirs++;
      if (mode !== 0o700) bad.push(`${mode.toString(8)} ${path.relative(tmp, p)}/`);
      for (const name of readdirSync(p)) visit(path.join(p, name));
    } else if (st.isFile()) {
      files++;
      if (mode !== 0o600) bad.push(`${mode.toString(8)} ${path.relative(tmp, p)}`);
    }
  };
  visit(root);
  return { bad, files, dirs };
}

describe("the data dir is private (issue 12 item 8)", () => {
  it("demo preparation leaves the data root, secrets, database and uploads at 0700 dirs / 0600 files", async () => {
    const dataRoot = path.join(tmp, "data");
    // An upload dir from an older version, open to everyone.
    const oldUploads = path.join(dataRoot, "uploads");
    mkdirSync(oldUploads, { recursive: true });
    chmodSync(dataRoot, 0o777);
    chmodSync(oldUploads, 0o777);
    writeFileSync(path.join(oldUploads, "0".repeat(32)), "old evidence", { mode: 0o666 });
    chmodSync(path.join(oldUploads, "0".repeat(32)), 0o666);
    // Positive control: the same walk finds those open modes.
    expect(openEntries(dataRoot).bad.length).toBeGreaterThanOrEqual(3);

    delete process.env.HAVEN_UPLOAD_DIR;
    const env = await prepareInstance(dataRoot, 3999);
    expect(env.HAVEN_DATA_DIR).toBe(path.join(dataRoot, "pglite"));
    expect(env.HAVEN_UPLOAD_DIR).toBe(oldUploads);

    // A file uploaded afterwards, by a process that was started with umask 000.
    process.env.HAVEN_UPLOAD_DIR = env.HAVEN_UPLOAD_DIR;
    process.umask(0);
    const key = newStorageKey();
    await writeStoredFile(key, new TextEncoder().encode("new evidence"));
    expect(lstatSync(storedFilePath(key)).mode & 0o777).toBe(0o600);

    const { bad, files, dirs } = openEntries(dataRoot);
    expect(files).toBeGreaterThan(500); // the database's own files were walked
    expect(dirs).toBeGreaterThan(10);
    expect(bad).toEqual([]);
  }, 300_000);

  it("tightening reports what it fixed, leaves private entries and symbolic links alone", () => {
    const dir = path.join(tmp, "tighten");
    mkdirSync(path.join(dir, "sub"), { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, "sub"), 0o750);
    process.umask(0);
    writeFileSync(path.join(dir, "open"), "x", { mode: 0o644 });
    writeFileSync(path.join(dir, "sub", "private"), "x", { mode: 0o600 });
    const outside = path.join(tmp, "outside");
    writeFileSync(outside, "x", { mode: 0o644 });
    symlinkSync(outside, path.join(dir, "link"));
    const lines: string[] = [];
    expect(tightenPrivateTree(dir, (l) => lines.push(l))).toEqual({ dirs: 2, files: 1 });
    expect(lines.join("\n")).toMatch(/2 directories set to 0700 and 1 files to 0600/);
    expect(openEntries(dir).bad).toEqual([]);
    expect(tightenPrivateTree(dir, (l) => lines.push(l))).toEqual({ dirs: 0, files: 0 });
    expect(lines).toHaveLength(1);
    expect(lstatSync(outside).mode & 0o777).toBe(0o644); // not followed
    expect(tightenPrivateTree(path.join(tmp, "missing"))).toEqual({ dirs: 0, files: 0 });
  });

  it("a process that prepared its data dir creates private files even without explicit modes", () => {
    process.umask(0);
    const dir = path.join(tmp, "later");
    preparePrivateDir(dir, () => {});
    writeFileSync(path.join(dir, "written-later"), "x"); // e.g. a library's own file, default mode 0666
    mkdirSync(path.join(dir, "made-later"));
    expect(openEntries(dir).bad).toEqual([]);
  });
});
