import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newStorageKey, storedFilePath } from "./storage";

// S22: stored files have random names, and only such a name resolves to a path — whatever ends
// up in a storageKey column can never point outside the upload directory.
const DIR = path.resolve("tmp", "storage-test-uploads");
const saved = process.env.HAVEN_UPLOAD_DIR;
beforeAll(() => {
  process.env.HAVEN_UPLOAD_DIR = DIR;
});
afterAll(() => {
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
