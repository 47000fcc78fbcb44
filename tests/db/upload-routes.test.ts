// Issue 12 item 9: uploads come through route handlers that decide who may send a large body
// BEFORE reading it. Without a session, outside the case's or petition's scope, without the
// permission, or from another site: refused (404, or 403 cross-site) with the body never pulled,
// and nothing stored. A body over the cap — declared or not — is refused with a clear 413 and
// leaves no file and no row. A good upload is saved through the same domain function and
// answered with a 303 back to the page. getViewer is replaced by the viewer under test (the real
// one needs Next's request context); everything below it is real. On both engines.
//
// The file is streamed to disk as it arrives: a 15 MB body, produced slowly, is on disk as a
// `.part` before the body ends, is stored byte-identical with its SHA-256, and the memory holding
// buffers does not grow with it (four at once either); a refusal or failure at any point — over a
// cap, an invalid field, the case archived while the body was read — leaves no `.part` and no row.
import { createHash, randomFillSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { usePrisma } from "@/lib/db/client";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { createPetition } from "@/lib/domain/petitions/mutations";
import { MAX_UPLOAD_BYTES } from "@/lib/domain/attachment/sniff";
import { UPLOAD_BODY_CAP } from "@/lib/http/upload-route";
import { POST as uploadEvidence } from "@/app/api/uploads/evidence/[detaineeId]/route";
import { POST as uploadPetitionFile } from "@/app/api/uploads/petition-files/[petitionId]/route";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer, system, png } from "./fixtures";
import { makeCompleteCase, makePetitionTeam } from "./petitions-fixtures";

const signedIn = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({ getViewer: async () => signedIn.viewer }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// The 413 message in English, as next-intl would give it in a request.
vi.mock("next-intl/server", () => ({
  getTranslations: async (ns: string) => {
    const all = JSON.parse(readFileSync(path.resolve("messages/en/evidence.json"), "utf8")) as Record<string, unknown>;
    const scope = ns.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], all) as Record<string, string>;
    return (key: string) => scope[key] ?? key;
  },
}));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let uploads: string;
let lawyer: Viewer, viewerRole: Viewer, outsider: Viewer;
let caseId: string, petitionId: string;


const BOUNDARY = "----haven-test-boundary";
const multipartHead = (fields: Record<string, string>, fileName: string) =>
  Buffer.from(
    Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    "latin1",
  );
const multipartTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`, "latin1");

/** A body that counts what the route pulled from it; `fileBytes` of filler after the head, produced lazily. */
function trackedBody(fields: Record<string, string>, file: Uint8Array | { fillerBytes: number }, fileName = "letter.png") {
  const parts: Uint8Array[] = [multipartHead(fields, fileName)];
  if (file instanceof Uint8Array) parts.push(file);
  else for (let left = file.fillerBytes; left > 0; left -= 1024 * 1024) parts.push(new Uint8Array(Math.min(left, 1024 * 1024)).fill(0x41));
  parts.push(multipartTail);
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const stats = { pulled: 0, total };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = parts[i++];
        if (!next) return controller.close();
        stats.pulled += next.byteLength;
        controller.enqueue(next);
      },
    },
    { highWaterMark: 0 }, // nothing is produced until the route reads
  );
  return { stream, stats };
}

function post(url: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Sec-Fetch-Site": "same-origin", ...headers },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

const evidence = (id: string, stream: ReadableStream<Uint8Array>, headers?: Record<string, string>) =>
  uploadEvidence(post(`http://localhost/api/uploads/evidence/${id}`, stream, headers), { params: Promise.resolve({ detaineeId: id }) });
const petitionFile = (id: string, stream: ReadableStream<Uint8Array>, headers?: Record<string, string>) =>
  uploadPetitionFile(post(`http://localhost/api/uploads/petition-files/${id}`, stream, headers), { params: Promise.resolve({ petitionId: id }) });

const stored = async () => (await readdir(uploads).catch(() => [])).sort();
const rows = async () => ({ attachments: await db.prisma.attachment.count(), petitionFiles: await db.prisma.petitionFile.count() });

beforeAll(async () => {
  ensureTestKeys();
  uploads = await mkdtemp(path.join(tmpdir(), "haven-upload-routes-"));
  process.env.HAVEN_UPLOAD_DIR = uploads;
  db = await createTestDatabase();
  usePrisma(db.prisma);
  const team = await makePetitionTeam();
  [lawyer, viewerRole, outsider] = await Promise.all([makeViewer("LAWYER", [team]), makeViewer("VIEWER", [team]), makeViewer("LAWYER", [await makeTeam()])]);
  caseId = (await createDetainee(system, { teamId: team, nameHangul: "김옥화", familyNameRoman: "Kim", givenNameRoman: "Ok-hwa" })).id;
  const d = await makeCompleteCase(lawyer, lawyer, team, await makeFacility());
  petitionId = (await createPetition(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [d.id] })).id;
});
afterAll(async () => {
  delete process.env.HAVEN_UPLOAD_DIR;
  await db?.close();
  await rm(uploads, { recursive: true, force: true });
});

const engine = process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";

describe(`upload routes refuse before reading the body (${engine})`, () => {
  it("a good upload is saved and answered with a 303 back to the page (positive control)", async () => {
    signedIn.viewer = lawyer;
    const before = await rows();
    const { stream, stats } = trackedBody({ description: "Letter", isConfidential: "on" }, png());
    const res = await evidence(caseId, stream);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/detainees/${caseId}?upload=ok#evidence-h`);
    expect(stats.pulled).toBe(stats.total);
    expect(await rows()).toEqual({ ...before, attachments: before.attachments + 1 });
    expect(await stored()).toHaveLength(1);

    const pdf = trackedBody({}, new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"), "reply.pdf");
    const res2 = await petitionFile(petitionId, pdf.stream);
    expect(res2.status).toBe(303);
    expect(res2.headers.get("location")).toBe(`/petitions/${petitionId}?upload=ok#files-h`);
    expect((await rows()).petitionFiles).toBe(before.petitionFiles + 1);
    expect(await stored()).toHaveLength(2);
  });

  it("without a session, out of scope, without the permission or from another site: refused, body never read, nothing stored", async () => {
    const filesBefore = await stored();
    const before = await rows();
    const cases: [Viewer | null, (id: string, s: ReadableStream<Uint8Array>, h?: Record<string, string>) => Promise<Response>, string, number, Record<string, string>?][] = [
      [null, evidence, caseId, 404],
      [outsider, evidence, caseId, 404],
      [viewerRole, evidence, caseId, 404],
      [lawyer, evidence, "not-an-id", 404],
      [lawyer, evidence, caseId, 403, { "Sec-Fetch-Site": "cross-site" }],
      [null, petitionFile, petitionId, 404],
      [outsider, petitionFile, petitionId, 404],
      [viewerRole, petitionFile, petitionId, 404],
      [lawyer, petitionFile, petitionId, 403, { "Sec-Fetch-Site": "cross-site" }],
    ];
    for (const [who, route, id, status, headers] of cases) {
      signedIn.viewer = who;
      const { stream, stats } = trackedBody({}, { fillerBytes: 20 * 1024 * 1024 });
      const res = await route(id, stream, headers);
      expect.soft(res.status, `${who?.role ?? "no session"} → ${id}`).toBe(status);
      expect.soft(stats.pulled, `${who?.role ?? "no session"} → ${id}: bytes read`).toBe(0);
    }
    expect(await stored()).toEqual(filesBefore);
    expect(await rows()).toEqual(before);
    // Refusals of a signed-in person are audited like a refused action (S19).
    expect(await db.prisma.auditLog.count({ where: { actorId: outsider.id, action: { contains: "refus" } } })).toBeGreaterThanOrEqual(2);
  });

  it("a body over the cap is cut off with a clear 413, declared or not, and leaves no file and no row", async () => {
    signedIn.viewer = lawyer;
    const filesBefore = await stored();
    const before = await rows();

    // No Content-Length (chunked): reading stops at the cap.
    const big = trackedBody({}, { fillerBytes: MAX_UPLOAD_BYTES + 2 * 1024 * 1024 });
    const res = await evidence(caseId, big.stream);
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/at most 20 MB.*smaller file/);
    expect(big.stats.pulled).toBeLessThanOrEqual(UPLOAD_BODY_CAP + 1024 * 1024);
    expect(big.stats.pulled).toBeLessThan(big.stats.total);

    // A declared Content-Length over the cap: refused before reading anything.
    const declared = trackedBody({}, { fillerBytes: 30 * 1024 * 1024 });
    const res2 = await petitionFile(petitionId, declared.stream, { "Content-Length": String(declared.stats.total) });
    expect(res2.status).toBe(413);
    expect(declared.stats.pulled).toBe(0);

    // A small declared length does not let a large body through.
    const lying = trackedBody({}, { fillerBytes: MAX_UPLOAD_BYTES + 2 * 1024 * 1024 });
    const res3 = await evidence(caseId, lying.stream, { "Content-Length": "1000" });
    expect(res3.status).toBe(413);
    expect(lying.stats.pulled).toBeLessThan(lying.stats.total);

    expect(await stored()).toEqual(filesBefore);
    expect(await rows()).toEqual(before);
  });

  it("a refused file goes back to the page with its error key, and nothing is stored", async () => {
    signedIn.viewer = lawyer;
    const filesBefore = await stored();
    const before = await rows();
    const html = trackedBody({}, new TextEncoder().encode("<html><script>alert(1)</script></html>"), "photo.png");
    const res = await evidence(caseId, html.stream);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/detainees/${caseId}?upload=fileMarkup#evidence-h`);
    const empty = trackedBody({}, new Uint8Array(0), "empty.pdf");
    const res2 = await petitionFile(petitionId, empty.stream);
    expect(res2.headers.get("location")).toBe(`/petitions/${petitionId}?upload=fileEmpty#files-h`);
    expect(await stored()).toEqual(filesBefore);
    expect(await rows()).toEqual(before);
  });
});

// ---- streaming -------------------------------------------------------------------------------

const MB = 1024 * 1024;
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/**
 * A multipart body whose file part (`prefix`, then random bytes up to `fileBytes`) is produced
 * 64 KiB (or `chunkBytes`) at a time, only when the route reads, with a pause between chunks; `onMegabyte` runs
 * after each MB of file (and at its end) while the route is still reading.
 */
function slowBody(opts: { fields?: Record<string, string>; fileName?: string; fileBytes: number; prefix?: Uint8Array; chunkBytes?: number; onMegabyte?: (fileBytesSoFar: number) => unknown }) {
  const head = multipartHead(opts.fields ?? {}, opts.fileName ?? "scan.png");
  const total = head.byteLength + opts.fileBytes + multipartTail.byteLength;
  const stats = { pulled: 0, total };
  const hash = createHash("sha256");
  let produced = -1; // -1: the head is next
  let done = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await sleep(1);
        let chunk: Uint8Array;
        if (produced < 0) {
          chunk = head;
          produced = 0;
        } else if (produced < opts.fileBytes) {
          chunk = new Uint8Array(Math.min(opts.chunkBytes ?? 64 * 1024, opts.fileBytes - produced));
          randomFillSync(chunk);
          if (produced === 0 && opts.prefix) chunk.set(opts.prefix);
          hash.update(chunk);
          produced += chunk.byteLength;
          if (produced % MB === 0 || produced === opts.fileBytes) await opts.onMegabyte?.(produced);
        } else if (!done) {
          chunk = multipartTail;
          done = true;
        } else return controller.close();
        stats.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats, sha256: () => hash.digest("hex") };
}

/** The bytes held in ArrayBuffers (file chunks, Buffers, Blobs' copies) after a full GC, against a baseline. */
function bufferMemory() {
  gc();
  const base = process.memoryUsage();
  let peakBuffers = 0;
  let peakRss = 0;
  return {
    sample() {
      gc();
      const now = process.memoryUsage();
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers - base.arrayBuffers);
      peakRss = Math.max(peakRss, now.rss - base.rss);
    },
    get peakBuffersMB() {
      return Math.round((peakBuffers / MB) * 10) / 10;
    },
    get peakRssMB() {
      return Math.round((peakRss / MB) * 10) / 10;
    },
  };
}

const parts = async () => (await stored()).filter((f) => f.endsWith(".part"));
const partBytes = async () => {
  let n = 0;
  for (const f of await parts()) n += (await stat(path.join(uploads, f)).catch(() => ({ size: 0 }))).size;
  return n;
};
const sha256Of = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");

describe(`uploads are streamed to disk, not held in memory (${engine})`, () => {
  it("a 15 MB file read slowly is written as it arrives, stored byte-identical with its SHA-256, no .part left, buffers not growing with it", async () => {
    signedIn.viewer = lawyer;
    const before = await rows();
    const memory = bufferMemory();
    let onDiskBeforeTheEnd = 0;
    const body = slowBody({
      fields: { description: "Scan of the court letter" }, fileBytes: 15 * MB, prefix: png(),
      onMegabyte: async (n) => {
        memory.sample();
        if (n === 14 * MB) onDiskBeforeTheEnd = await partBytes();
      },
    });
    const res = await evidence(caseId, body.stream);
    memory.sample();
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/detainees/${caseId}?upload=ok#evidence-h`);
    console.info(`[upload-routes] one 15 MB upload: arrayBuffers +${memory.peakBuffersMB} MB, rss +${memory.peakRssMB} MB at most (${engine})`);
    // The buffered reader held the whole body (and copies of it).
    expect(memory.peakBuffersMB).toBeLessThan(10);
    // Before the body ended, most of the file was already in a `.part` on disk.
    expect(onDiskBeforeTheEnd).toBeGreaterThan(10 * MB);
    const sha256 = body.sha256();
    const row = await db.prisma.attachment.findFirstOrThrow({ where: { sha256 }, select: { storageKey: true, sizeBytes: true, mimeType: true } });
    expect(row).toMatchObject({ sizeBytes: 15 * MB, mimeType: "image/png" });
    expect(await sha256Of(path.join(uploads, row.storageKey))).toBe(sha256);
    expect(await parts()).toEqual([]);
    expect(await rows()).toEqual({ ...before, attachments: before.attachments + 1 });
  });

  it("four 15 MB uploads at once: each stored byte-identical, buffers not growing with them", async () => {
    signedIn.viewer = lawyer;
    const before = await rows();
    const memory = bufferMemory();
    const bodies = [0, 1, 2, 3].map(() => slowBody({ fileBytes: 15 * MB, prefix: png(), onMegabyte: () => memory.sample() }));
    const answers = await Promise.all(bodies.map((b, i) => (i % 2 ? petitionFile(petitionId, b.stream) : evidence(caseId, b.stream))));
    memory.sample();
    expect(answers.map((r) => r.headers.get("location"))).toEqual([
      `/detainees/${caseId}?upload=ok#evidence-h`, `/petitions/${petitionId}?upload=ok#files-h`,
      `/detainees/${caseId}?upload=ok#evidence-h`, `/petitions/${petitionId}?upload=ok#files-h`,
    ]);
    for (const [i, b] of bodies.entries()) {
      const sha256 = b.sha256();
      const where = { where: { sha256 }, select: { storageKey: true, sizeBytes: true } };
      const row = i % 2 ? await db.prisma.petitionFile.findFirstOrThrow(where) : await db.prisma.attachment.findFirstOrThrow(where);
      expect(row.sizeBytes).toBe(15 * MB);
      expect(await sha256Of(path.join(uploads, row.storageKey))).toBe(sha256);
    }
    expect(await parts()).toEqual([]);
    expect(await rows()).toEqual({ attachments: before.attachments + 2, petitionFiles: before.petitionFiles + 2 });
    console.info(`[upload-routes] four 15 MB uploads at once: arrayBuffers +${memory.peakBuffersMB} MB, rss +${memory.peakRssMB} MB at most (${engine})`);
    expect(memory.peakBuffersMB).toBeLessThan(10);
  });

  it("a chunked body past the cap is cut off while its .part is being written: 413, and no .part, file or row left", async () => {
    signedIn.viewer = lawyer;
    const filesBefore = await stored();
    const before = await rows();
    let writing = 0;
    const big = slowBody({ fileBytes: MAX_UPLOAD_BYTES + 2 * MB, prefix: png(), onMegabyte: async (n) => void (n === 10 * MB && (writing = await partBytes())) });
    const res = await evidence(caseId, big.stream);
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/at most 20 MB.*smaller file/);
    expect(writing).toBeGreaterThan(5 * MB);
    expect(big.stats.pulled).toBeLessThanOrEqual(UPLOAD_BODY_CAP + 64 * 1024);
    expect(await stored()).toEqual(filesBefore);
    expect(await rows()).toEqual(before);
  });

  it("a file past 20 MB in a body under the cap is cut off at 20 MB: 413, the rest never read, no .part left", async () => {
    signedIn.viewer = lawyer;
    const filesBefore = await stored();
    const before = await rows();
    let largestPart = 0;
    // Small chunks, so the streams' own buffers (a few chunks) cannot hold all that is left.
    const body = slowBody({ fileBytes: MAX_UPLOAD_BYTES + 240 * 1024, chunkBytes: 16 * 1024, prefix: png(), onMegabyte: async () => void (largestPart = Math.max(largestPart, await partBytes())) });
    expect(body.stats.total).toBeLessThan(UPLOAD_BODY_CAP);
    const res = await petitionFile(petitionId, body.stream);
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/at most 20 MB.*smaller file/);
    expect(body.stats.pulled).toBeLessThan(body.stats.total);
    expect(largestPart).toBeLessThanOrEqual(MAX_UPLOAD_BYTES);
    expect(await stored()).toEqual(filesBefore);
    expect(await rows()).toEqual(before);
  });

  it("a failure after the file was written — an invalid field, the case archived meanwhile, a bad file name — leaves no .part and no row", async () => {
    signedIn.viewer = lawyer;
    const filesBefore = await stored();
    const before = await rows();
    const written: number[] = [];
    const watch = async (n: number) => void (n === 3 * MB && written.push(await partBytes()));

    const tooLong = slowBody({ fields: { description: "x".repeat(2001) }, fileBytes: 3 * MB, prefix: png(), onMegabyte: watch });
    const res = await evidence(caseId, tooLong.stream);
    expect(res.headers.get("location")).toBe(`/detainees/${caseId}?upload=checkFields#evidence-h`);

    const other = (await createDetainee(system, { teamId: (await db.prisma.detainee.findUniqueOrThrow({ where: { id: caseId } })).teamId, nameHangul: "박서연", familyNameRoman: "Park", givenNameRoman: "Seo-yeon" })).id;
    const archived = slowBody({
      fileBytes: 3 * MB, prefix: png(),
      onMegabyte: async (n) => {
        await watch(n);
        if (n === 3 * MB) await db.prisma.detainee.update({ where: { id: other }, data: { archivedAt: new Date() } });
      },
    });
    const res2 = await evidence(other, archived.stream);
    expect(res2.status).toBe(404);

    const badName = slowBody({ fileBytes: 3 * MB, prefix: png(), fileName: `${"a".repeat(300)}.png`, onMegabyte: watch });
    const res3 = await petitionFile(petitionId, badName.stream);
    expect(res3.headers.get("location")).toBe(`/petitions/${petitionId}?upload=checkFields#files-h`);

    // A malformed body — fields over 64 KiB, a second file, a body cut off inside the file — back
    // with checkFields, whatever was written removed.
    const raw = (...chunks: (string | Uint8Array)[]) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const c of chunks) controller.enqueue(typeof c === "string" ? new TextEncoder().encode(c) : c);
          controller.close();
        },
      });
    const filler = new Uint8Array(2 * MB).fill(0x41);
    const malformed = [
      raw(multipartHead({ description: "x".repeat(70 * 1024) }, "a.png"), png(), multipartTail),
      raw(multipartHead({}, "a.png"), png(), `\r\n`, multipartHead({}, "b.png"), png(), multipartTail),
      raw(multipartHead({}, "a.png"), png(), filler),
    ];
    for (const body of malformed) {
      const r = await evidence(caseId, body);
      expect(r.headers.get("location")).toBe(`/detainees/${caseId}?upload=checkFields#evidence-h`);
    }

    // Each file was on disk as a `.part` before it was refused…
    expect(written).toHaveLength(3);
    for (const n of written) expect(n).toBeGreaterThan(MB);
    // …and none is left.
    expect(await stored()).toEqual(filesBefore);
    expect(await rows()).toEqual(before);
  });
});
