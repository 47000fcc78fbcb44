import { mkdir, readdir, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newStorageKey, partialFilePath, removeAbandonedPartialFiles, storedFilePath } from "./storage";

// S22: stored files have random names, and only such a name resolves to a path — whatever ends
// up in a storageKey column can never point outside the upload directory.
const DIR = path.resolve("tmp", "storage-test-uploads");
const saved = process.env.HAVEN_UPLOAD_DIR;
beforeAll(() => {
  process.env.HAVEN_UPLOAD_DIR = DIR;
});
afterAll(async () => {
  await rm(DIR, { recursive: true, force: true });
  if (saved === undefined) delete process.env.HAVEN_UPLOAD_DIR;
  else process.env.HAVEN_UPLOAD_DIR = saved;
});

describe("upload storage keys", () => {
  it("are 128 random bits in hex, different every time", () => {
    const keys = Array.from({ length: 200 }, newStorageKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{32}$/);
  });

  it("resolve inside the upload directory", () => {
    const key = newStorageKey();
    expect(storedFilePath(key)).toBe(path.join(DIR, key));
  });

  it.each(["../secrets.json", "..", "/etc/passwd", `${"a".repeat(32)}/../../x`, "0".repeat(31), "G".repeat(32), "", `${"a".repeat(32)}.part`])(
    "refuse anything else: %j",
    (key) => {
      expect(() => storedFilePath(key)).toThrow(/Invalid storage key/);
    },
  );
});

// A process that dies mid-upload leaves its `.part` (issue 12 item 9): the daily job removes it a
// day later — only `.part` files with our key format, only old ones, never a stored file.
describe("abandoned partial uploads", () => {
  it("are removed after a day; fresh ones, stored files and other names stay", async () => {
    await rm(DIR, { recursive: true, force: true });
    expect(await removeAbandonedPartialFiles()).toBe(0); // no directory yet
    await mkdir(DIR, { recursive: true });
    const [stale, fresh, kept] = [newStorageKey(), newStorageKey(), newStorageKey()];
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    for (const file of [partialFilePath(stale), partialFilePath(fresh), storedFilePath(kept), path.join(DIR, "notes.part")]) await writeFile(file, "x");
    for (const file of [partialFilePath(stale), storedFilePath(kept), path.join(DIR, "notes.part")]) await utimes(file, twoDaysAgo, twoDaysAgo);
    expect(await removeAbandonedPartialFiles()).toBe(1);
    expect((await readdir(DIR)).sort()).toEqual([kept, `${fresh}.part`, "notes.part"].sort());
  });
});
