import "server-only";
// Reads a multipart upload as a stream (issue 12 item 9), so memory does not grow with the size
// of the file: busboy parses the body as it arrives, the one file part goes straight to a `.part`
// in the upload directory (hashed and counted on the way, lib/domain/attachment/staged-upload.ts)
// and the other fields — small, capped in total — are kept as strings. Two counts cut a sender
// off: the bytes of the whole body (the route's cap, as for a buffered form) and the bytes of the
// file (MAX_UPLOAD_BYTES), whichever passes first; the `.part` is deleted either way.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/attachment/sniff";
import { FileTooLargeError, stageStream, type StagedUpload } from "@/lib/domain/attachment/staged-upload";
import { removePartialFile } from "@/lib/domain/attachment/storage";

/** All the fields beside the file together (names and values): a description and a checkbox need far less. */
export const FIELD_BYTES_CAP = 64 * 1024;

export type StreamedForm =
  | { ok: true; fields: Record<string, string>; file: StagedUpload | null }
  | { ok: false; reason: "tooLarge" | "fileTooLarge" | "malformed" };

class BodyTooLargeError extends Error {}
class MalformedError extends Error {}

/** A declared Content-Length over the cap is refused without reading a byte. */
export function declaresTooMuch(request: Request, cap: number): boolean {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  return Number.isFinite(declared) && declared > cap;
}

/**
 * Reads a multipart body of at most `cap` bytes whose only file is the field `fileField`, of at
 * most `fileCap` bytes. The staged file (if any) is the caller's to save or remove; after a
 * refusal nothing is left on disk.
 */
export async function readStreamedForm(request: Request, cap: number, fileCap: number = MAX_UPLOAD_BYTES, fileField = "file"): Promise<StreamedForm> {
  if (declaresTooMuch(request, cap)) return { ok: false, reason: "tooLarge" };
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(type) || !request.body) return { ok: false, reason: "malformed" };
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      defParamCharset: "utf8", // browsers send file names as raw UTF-8
      limits: { files: 1, fields: 50, parts: 51, fieldNameSize: 200, fieldSize: FIELD_BYTES_CAP },
    });
  } catch {
    return { ok: false, reason: "malformed" }; // no boundary, or not multipart after all
  }
  // Set by the parser's and the file's callbacks; a failure there stops the whole body at once.
  const stop = new AbortController();
  const state: { fields: Record<string, string>; fieldBytes: number; staging: Promise<StagedUpload> | null } = { fields: {}, fieldBytes: 0, staging: null };
  const fail = (e: unknown) => stop.abort(e);
  parser.on("field", (name, value, info) => {
    state.fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (info.nameTruncated || info.valueTruncated || state.fieldBytes > FIELD_BYTES_CAP) return fail(new MalformedError());
    // The first value of a name, like formToObject; Next's own action keys are not fields.
    if (!name.startsWith("$ACTION") && !Object.hasOwn(state.fields, name)) state.fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    if (name !== fileField || state.staging) {
      stream.resume();
      return fail(new MalformedError());
    }
    state.staging = stageStream(stream, { fileName: info.filename ?? "", mimeType: info.mimeType ?? "" }, fileCap);
    state.staging.catch(fail);
  });
  for (const limit of ["partsLimit", "filesLimit", "fieldsLimit"] as const) parser.on(limit, () => fail(new MalformedError()));

  // Counted as each chunk is pulled from the request, so the chunk that passes the cap is the
  // last one read: whatever reads ahead downstream reads through this count.
  const reader = request.body.getReader();
  let total = 0;
  const counted = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        total += value.byteLength;
        if (total > cap) {
          await reader.cancel().catch(() => {});
          throw new BodyTooLargeError();
        }
        controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  let error: unknown = null;
  try {
    await pipeline(Readable.fromWeb(counted as NodeWebReadableStream<Uint8Array>), parser, { signal: stop.signal });
  } catch (e) {
    // Our own reasons first; anything else from the body or the parser (a truncated or
    // malformed body, the sender going away) is a malformed form.
    error = stop.signal.aborted ? stop.signal.reason : e instanceof BodyTooLargeError ? e : new MalformedError();
  }
  // Whatever happened to the body, wait until the file part is written or removed.
  const file = state.staging ? await state.staging.catch((e: unknown) => ((error ??= e), null)) : null;
  if (error === null) return { ok: true, fields: state.fields, file };
  if (file) await removePartialFile(file.key).catch(() => {});
  if (error instanceof BodyTooLargeError) return { ok: false, reason: "tooLarge" };
  if (error instanceof FileTooLargeError) return { ok: false, reason: "fileTooLarge" };
  if (error instanceof MalformedError) return { ok: false, reason: "malformed" };
  throw error; // the disk, not the sender
}
