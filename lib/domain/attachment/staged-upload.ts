// An upload that is already on disk (issue 12 item 9): the upload routes stream the file part
// of a multipart body straight into `<key>.part` in the upload directory — hashing and counting
// it on the way, keeping only its first bytes in memory — so memory does not grow with the size
// of the file. The domain functions (uploadStagedAttachment, storeStagedPetitionFile) check it
// again and, in the transaction that creates its row, rename it to its key; whatever fails, the
// `.part` is removed. Nothing outside the upload directory is ever read or renamed: a staged
// upload names its file only by a storage key in our random format (storedFilePath refuses others).
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { MAX_UPLOAD_BYTES, sniffStoredUpload, type SniffResult } from "./sniff";
import { ensureUploadDir, newStorageKey, partialFilePath, removePartialFile } from "./storage";

/** How much of the start of a file is kept in memory (magic numbers; the type itself is decided from the file). */
export const HEAD_BYTES = 64 * 1024;

export type StagedUpload = {
  /** The storage key it will be kept under; until then its bytes are at partialFilePath(key). */
  key: string;
  sizeBytes: number;
  sha256: string;
  /** The first HEAD_BYTES bytes (the whole file if it is smaller). */
  head: Uint8Array;
  /** As the sender declared them: a display name, and a type that is never trusted. */
  fileName: string;
  mimeType: string;
};

/** The file part passed the cap: writing stopped and its `.part` is gone. */
export class FileTooLargeError extends Error {
  constructor() {
    super("upload over the file size cap");
    this.name = "FileTooLargeError";
  }
}

/**
 * Writes `source` to a new `.part` while hashing and counting it. As soon as the count passes
 * `cap` it stops with FileTooLargeError and deletes the `.part`: a sender cannot make us keep (or
 * write) more than the cap, whatever the request's headers said.
 */
export async function stageStream(source: Readable, declared: { fileName: string; mimeType: string }, cap: number = MAX_UPLOAD_BYTES): Promise<StagedUpload> {
  await ensureUploadDir();
  const key = newStorageKey();
  const hash = createHash("sha256");
  const head: Buffer[] = [];
  let headBytes = 0;
  let sizeBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sizeBytes += chunk.byteLength;
      if (sizeBytes > cap) return done(new FileTooLargeError());
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        // A copy: the chunk may be a view into a larger buffer we must not keep alive.
        const kept = Buffer.from(chunk.subarray(0, HEAD_BYTES - headBytes));
        head.push(kept);
        headBytes += kept.byteLength;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(partialFilePath(key), { flags: "wx", mode: 0o600 }));
  } catch (e) {
    await removePartialFile(key).catch(() => {});
    throw e;
  }
  return { key, sizeBytes, sha256: hash.digest("hex"), head: new Uint8Array(Buffer.concat(head)), ...declared };
}

/** The File-taking domain functions stage their bytes the same way, so both paths share one save. */
export function stageBytes(bytes: Uint8Array, declared: { fileName: string; mimeType: string }): Promise<StagedUpload> {
  return stageStream(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), declared, Number.POSITIVE_INFINITY);
}

/** The `.part` still holds as many bytes as were counted and hashed: a staged upload is checked on disk, not taken on trust. */
export async function assertStagedIntact(staged: StagedUpload): Promise<void> {
  if ((await stat(partialFilePath(staged.key))).size !== staged.sizeBytes) throw new Error("staged upload changed on disk");
}

/** The type of a staged file by its content, with sniffUpload's verdicts. */
export async function sniffStagedUpload(staged: StagedUpload): Promise<SniffResult> {
  await assertStagedIntact(staged);
  return sniffStoredUpload(partialFilePath(staged.key), staged.sizeBytes);
}
