// Where evidence files live: a directory outside the web root (never public/ or .next/, so no
// static route can serve them), each under a random name that says nothing about its content
// and cannot be guessed or steered into another path (S22). Files are reached only through the
// authorized download route.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import path from "node:path";

const KEY = /^[0-9a-f]{32}$/;

/** process.env.HAVEN_UPLOAD_DIR, else ./data/uploads; refuses a directory the web server serves. */
export function uploadDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.env.HAVEN_UPLOAD_DIR ?? path.join(process.cwd(), "data", "uploads"));
  for (const served of ["public", ".next"]) {
    const root = path.resolve(/*turbopackIgnore: true*/ process.cwd(), served);
    if (dir === root || dir.startsWith(root + path.sep)) throw new Error(`HAVEN_UPLOAD_DIR must not be inside ${served}/: files there could be served without authorization`);
  }
  return dir;
}

export function newStorageKey(): string {
  return randomBytes(16).toString("hex");
}

/** The file's path; a key that is not exactly our random format is refused (no "../"). */
export function storedFilePath(key: string): string {
  if (!KEY.test(key)) throw new Error("Invalid storage key");
  return path.join(/*turbopackIgnore: true*/ uploadDir(), key);
}

/** Writes via a temporary name and a rename, so a half-written file never has a real key. */
export async function writeStoredFile(key: string, bytes: Uint8Array): Promise<void> {
  const final = storedFilePath(key);
  await mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
  const partial = `${final}.part`;
  await writeFile(partial, bytes, { flag: "wx", mode: 0o600 });
  await rename(partial, final);
}

/**
 * Where a file is written while it arrives: beside its final name, so the rename that gives it
 * that name stays on one filesystem (atomic, no copy), and a `.part` never has a real key.
 */
export function partialFilePath(key: string): string {
  return `${storedFilePath(key)}.part`;
}

/** Creates the upload directory (owner only) if it is not there yet. */
export async function ensureUploadDir(): Promise<void> {
  await mkdir(uploadDir(), { recursive: true, mode: 0o700 });
}

/** Gives a fully written and checked `.part` its real name: from now on the key's file exists. */
export async function commitPartialFile(key: string): Promise<void> {
  await rename(partialFilePath(key), storedFilePath(key));
}

export async function removePartialFile(key: string): Promise<void> {
  await rm(partialFilePath(key), { force: true });
}

const PART = /^[0-9a-f]{32}\.part$/;

/**
 * `.part` files no upload is writing any more — left by a process that died mid-upload — older
 * than `maxAgeMs` (a day: no request lives that long) are removed, so half-received evidence
 * does not stay on disk with no row and no owner. Returns how many went. Run by the daily job.
 */
export async function removeAbandonedPartialFiles(now: Date = new Date(), maxAgeMs = 24 * 3_600_000): Promise<number> {
  const dir = uploadDir();
  const names = await readdir(dir).catch((e: unknown) => {
    if (e && typeof e === "object" && "code" in e && e.code === "ENOENT") return [] as string[];
    throw e;
  });
  let removed = 0;
  for (const name of names.filter((n) => PART.test(n))) {
    const file = path.join(/*turbopackIgnore: true*/ dir, name);
    const info = await stat(file).catch(() => null);
    if (!info || now.getTime() - info.mtimeMs < maxAgeMs) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

export async function removeStoredFile(key: string): Promise<void> {
  await rm(storedFilePath(key), { force: true });
}

/** An open handle to the stored file, or null when it is missing on disk. */
export async function openStoredFile(key: string): Promise<FileHandle | null> {
  try {
    return await open(storedFilePath(key), "r");
  } catch (e) {
    if (e && typeof e === "object" && "code" in e && e.code === "ENOENT") return null;
    throw e;
  }
}
