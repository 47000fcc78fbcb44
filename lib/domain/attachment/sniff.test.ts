import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, sniffStoredUpload, sniffText, sniffUpload, textScanner, TEXT_MIME } from "./sniff";
import { cleanFileName } from "./schemas";

const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p)))));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const zeros = (n: number) => new Uint8Array(n);
const ftyp = (brand: string) => {
  const b = Buffer.alloc(32);
  b.writeUInt32BE(32, 0);
  b.write("ftyp", 4, "latin1");
  b.write(brand, 8, "latin1");
  return b;
};

/** A real 1×1 PNG, so the test does not depend on a fixture file. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from([0, 0, 0, 0, 0]))), chunk("IEND", Buffer.alloc(0)),
  ]));
}

describe("sniffUpload allow-list (by content, not name)", () => {
  it.each([
    ["png", tinyPng(), "image/png"],
    ["jpeg", bytes([0xff, 0xd8, 0xff, 0xe0], zeros(100)), "image/jpeg"],
    ["webp", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ", zeros(100)), "image/webp"],
    ["heic", bytes(ftyp("heic"), zeros(100)), "image/heic"],
    ["pdf", bytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"), "application/pdf"],
    ["mp3", bytes([0xff, 0xfb, 0x90, 0x64], zeros(400)), "audio/mpeg"],
    ["m4a", bytes(ftyp("M4A "), zeros(100)), "audio/mp4"],
    ["mp4", bytes(ftyp("isom"), zeros(100)), "video/mp4"],
    ["ogg", bytes("OggS", zeros(24), [0x01], "vorbis", zeros(100)), "audio/ogg"],
    ["wav", bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ", zeros(100)), "audio/wav"],
    ["text", utf8("Call from the sister, 3 Nov: she saw him at Tumen.\n가족 면회 거부됨.\n"), TEXT_MIME],
  ])("accepts %s", async (_name, content, mime) => {
    expect(await sniffUpload(content)).toMatchObject({ ok: true, mimeType: mime });
  });

  it("refuses an HTML page whatever it is called, with its own reason", async () => {
    expect(await sniffUpload(bytes("<!doctype html><html><script>alert(1)</script></html>"))).toEqual({ ok: false, reason: "markup" });
    expect(await sniffUpload(utf8("\uFEFF  <html><body onload=alert(1)>"))).toEqual({ ok: false, reason: "markup" });
    expect(await sniffUpload(bytes("<p>caf\xe9</p>"))).toEqual({ ok: false, reason: "markup" }); // latin1, not UTF-8
    expect(await sniffUpload(bytes("A letter\n\n< script >alert(1)</script>"))).toEqual({ ok: false, reason: "markup" });
  });

  it("refuses executables, XML/SVG, archives and unknown binary", async () => {
    expect(await sniffUpload(bytes("MZ", zeros(200)))).toMatchObject({ ok: false, reason: "notAllowed", detected: "exe" });
    expect(await sniffUpload(bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({ ok: false });
    expect(await sniffUpload(bytes("PK", [3, 4], zeros(100)))).toMatchObject({ ok: false });
    expect(await sniffUpload(bytes([0x00, 0x01, 0x02, 0x03, 0xfe]))).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses empty and oversized content", async () => {
    expect(await sniffUpload(zeros(0))).toEqual({ ok: false, reason: "empty" });
    expect(await sniffUpload(zeros(MAX_UPLOAD_BYTES + 1))).toEqual({ ok: false, reason: "tooLarge" });
  });

  it("treats only valid UTF-8 without controls as text; '<' before a digit or space is fine", () => {
    expect(sniffText(bytes("score <3 and 1 < 2"))).toBe("text");
    expect(sniffText(bytes([0xc3, 0x28]))).toBeNull(); // invalid UTF-8
    expect(sniffText(bytes("text\u0000with a NUL"))).toBeNull();
    expect(sniffText(bytes("<!-- comment -->"))).toBe("markup");
  });
});

// Streamed uploads are typed from their `.part` on disk (issue 12 item 9): the same verdicts as
// sniffUpload, with the text check over the whole file, not only the first bytes.
describe("sniffStoredUpload (a file on disk)", () => {
  let dir: string | undefined;
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));
  const onDisk = async (content: Uint8Array) => {
    dir ??= await mkdtemp(path.join(tmpdir(), "haven-sniff-"));
    const file = path.join(dir, `f${Math.random().toString(16).slice(2)}`);
    await writeFile(file, content);
    return sniffStoredUpload(file, content.byteLength);
  };

  it("gives sniffUpload's verdict for every kind of content", async () => {
    const corpus = [
      tinyPng(), bytes([0xff, 0xd8, 0xff, 0xe0], zeros(100)), bytes(ftyp("heic"), zeros(100)), bytes("%PDF-1.4\n%%EOF\n"),
      bytes("OggS", zeros(24), [0x01], "vorbis", zeros(100)), utf8("가족 면회 거부됨.\n"), bytes("MZ", zeros(200)),
      bytes("<!doctype html><script>alert(1)</script>"), bytes("PK", [3, 4], zeros(100)), bytes([0x00, 0x01, 0xfe]), zeros(0),
    ];
    for (const content of corpus) expect(await onDisk(content)).toEqual(await sniffUpload(content));
  });

  it("finds markup far past the first bytes, and a tag split between two pieces of the file", async () => {
    const letter = "A long letter from the family. ".repeat(8000); // ~250 KB of text
    expect(await onDisk(utf8(letter))).toMatchObject({ ok: true, mimeType: TEXT_MIME });
    expect(await onDisk(utf8(`${letter}<script>alert(1)</script>`))).toEqual({ ok: false, reason: "markup" });
    // "<" as the last byte of one 64 KiB piece, "   script" at the start of the next.
    const split = utf8(`${"x".repeat(64 * 1024 - 1)}<   script>`);
    expect(await onDisk(split)).toEqual({ ok: false, reason: "markup" });
    const scanner = textScanner();
    scanner.push(utf8("fine so far <"));
    scanner.push(utf8("  \n"));
    scanner.push(utf8("img src=x>"));
    expect(scanner.end()).toBe("markup");
    // A UTF-8 character split between pieces is still valid text; a NUL far in is not.
    const hangul = utf8("면회");
    const s2 = textScanner();
    s2.push(hangul.subarray(0, 2));
    s2.push(hangul.subarray(2));
    expect(s2.end()).toBe("text");
    expect(await onDisk(utf8(`${letter}\u0000`))).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses empty and oversized files by their size", async () => {
    expect(await sniffStoredUpload("/nonexistent", 0)).toEqual({ ok: false, reason: "empty" });
    expect(await sniffStoredUpload("/nonexistent", MAX_UPLOAD_BYTES + 1)).toEqual({ ok: false, reason: "tooLarge" });
  });
});

describe("cleanFileName", () => {
  it("keeps a display name only", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\kim\\편지.pdf")).toBe("편지.pdf");
    expect(cleanFileName("photo\u202Egpj.exe")).toBe("photogpj.exe");
    expect(cleanFileName("\u0000\n")).toBe("file");
    expect(cleanFileName("a".repeat(500))).toHaveLength(200);
  });
});
