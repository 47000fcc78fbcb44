// What an uploaded file really is, decided from its bytes — never from its name or the type the
// browser claimed — against an allow-list (S22). Blocks a web page (or script) disguised as a
// photo being stored and later opened from our origin.
import { createReadStream } from "node:fs";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** file-type's extension → the Content-Type we store and serve. */
const ALLOWED: Record<string, string> = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  pdf: "application/pdf",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  // Phones save voice memos as .m4a with a generic MP4 brand; the container cannot tell audio
  // from video without parsing its tracks, so MP4 is accepted as such (it is only ever downloaded).
  mp4: "video/mp4",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  wav: "audio/wav",
};

export const TEXT_MIME = "text/plain; charset=utf-8";

export type SniffResult =
  | { ok: true; mimeType: string; ext: string }
  | { ok: false; reason: "empty" | "tooLarge" | "markup" | "notAllowed" | "unknown"; detected?: string };

// Controls other than tab, newline, form feed and carriage return: a binary file, not text.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;
// Anything that could start a tag, comment, doctype or processing instruction. Browsers that
// ignore our headers would render such "text" as HTML/SVG, so it is refused outright.
const MARKUP = /<\s*[a-zA-Z!?/%]/;

/**
 * The text check, fed piece by piece so a stored upload is checked whole without holding it in
 * memory: plain text only if it is valid UTF-8 without binary controls and contains no markup —
 * anywhere in the file, not only near its start. Markup is looked for in a byte-for-byte (latin1)
 * view first, so an HTML page in any 8-bit encoding gets the clear "web page" refusal rather than
 * "unknown type". A tag split across two pieces is still found: a piece ending in "<" and
 * whitespace carries the "<" over.
 */
export function textScanner() {
  const latin1 = new TextDecoder("latin1");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let carry = "";
  let markup = false;
  let binary = false;
  const decode = (bytes?: Uint8Array) => {
    if (binary) return;
    try {
      if (CONTROL.test(bytes ? utf8.decode(bytes, { stream: true }) : utf8.decode())) binary = true;
    } catch {
      binary = true;
    }
  };
  return {
    push(bytes: Uint8Array): void {
      const view = carry + latin1.decode(bytes);
      if (MARKUP.test(view)) markup = true;
      carry = /<\s*$/.test(view) ? "<" : "";
      decode(bytes);
    },
    /** Markup found: the verdict cannot change any more. */
    get isMarkup(): boolean {
      return markup;
    },
    end(): "text" | "markup" | null {
      decode();
      if (markup) return "markup";
      return binary ? null : "text";
    },
  };
}

export function sniffText(bytes: Uint8Array): "text" | "markup" | null {
  const scanner = textScanner();
  scanner.push(bytes);
  return scanner.end();
}

function fromDetected(detected: { ext: string; mime: string }): SniffResult {
  const mimeType = ALLOWED[detected.ext];
  if (!mimeType) return { ok: false, reason: "notAllowed", detected: detected.ext };
  // HEIF's generic brand is image/heif; keep the more exact type file-type reports.
  return { ok: true, ext: detected.ext, mimeType: detected.ext === "heic" ? detected.mime : mimeType };
}

function fromText(text: "text" | "markup" | null): SniffResult {
  if (text === "text") return { ok: true, ext: "txt", mimeType: TEXT_MIME };
  if (text === "markup") return { ok: false, reason: "markup" };
  return { ok: false, reason: "unknown" };
}

export async function sniffUpload(bytes: Uint8Array): Promise<SniffResult> {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, reason: "tooLarge" };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return fromDetected(detected);
  return fromText(sniffText(bytes));
}

/**
 * sniffUpload for a file already on disk (a streamed upload's `.part`), with the same verdicts,
 * without reading it into memory: file-type reads only the bytes it needs from the file, and
 * the text check runs over the whole file in 64 KiB pieces.
 */
export async function sniffStoredUpload(file: string, sizeBytes: number): Promise<SniffResult> {
  if (sizeBytes === 0) return { ok: false, reason: "empty" };
  if (sizeBytes > MAX_UPLOAD_BYTES) return { ok: false, reason: "tooLarge" };
  const detected = await fileTypeFromFile(file);
  if (detected) return fromDetected(detected);
  const scanner = textScanner();
  for await (const piece of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    scanner.push(piece as Buffer);
    if (scanner.isMarkup) break;
  }
  return fromText(scanner.end());
}
