// Issue 12 item 9: the CSV import goes through an upload route, not a server action. The route
// checks the viewer before reading the body, caps it at 5 MB, checks the file with the import's
// preview code and stages it encrypted for the one user and team; the commit sends the staged id
// only. Someone else (same team or not), an expired id, a committed or cancelled one: NOT_FOUND.
// A 2 MB file imports end to end through the route handler. getViewer is replaced by the viewer
// under test (the real one needs Next's request context); everything below it is real. Both engines.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { usePrisma } from "@/lib/db/client";
import {
  cancelStagedImport, commitStagedImport, loadStagedImport, previewStagedImport, purgeExpiredImports, STAGED_IMPORT_TTL_MS,
} from "@/lib/domain/detainee/csv/staging";
import { MAX_IMPORT_BYTES } from "@/lib/domain/detainee/csv/parse";
import { runDailyJobsIfDue } from "@/lib/jobs/daily";
import { POST as uploadCsv } from "@/app/api/uploads/csv-import/route";
import { POST as commitOrCancel } from "@/app/api/uploads/csv-import/[stagedId]/route";
import { createTestDatabase, engineName } from "./helpers";
import { ensureTestKeys, makeTeam, makeViewer } from "./fixtures";
import { CASE_NUMBER_PATTERN } from "@/lib/domain/detainee/case-number";

const signedIn = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({ getViewer: async () => signedIn.viewer }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", () => ({
  getTranslations: async (ns: string) => {
    const all = JSON.parse(readFileSync(path.resolve(`messages/en/${ns.startsWith("csv") ? "csv" : "evidence"}.json`), "utf8")) as Record<string, unknown>;
    const scope = ns.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], all) as Record<string, string>;
    return (key: string) => scope[key] ?? key;
  },
}));

const CANARY = "010-7777-STAGING-CANARY";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let teamA: string, teamB: string;
let caseworkerA: Viewer, lawyerA: Viewer, lawyerB: Viewer, viewerA: Viewer;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  [teamA, teamB] = await Promise.all([makeTeam(), makeTeam()]);
  [caseworkerA, lawyerA, lawyerB, viewerA] = await Promise.all([
    makeViewer("CASEWORKER", [teamA]), makeViewer("LAWYER", [teamA]), makeViewer("LAWYER", [teamB]), makeViewer("VIEWER", [teamA]),
  ]);
  await db.prisma.detentionFacility.create({ data: { refCode: "CN-01", nameEn: "Test Tumen Centre", nameLocal: "시험 투먼구류소", type: "BORDER_DEFENCE_STATION", country: "CN" } });
});
afterAll(async () => db?.close());

const HEADER = "case_ref,name_hangul,family_name_roman,given_name_roman,sex,birth_date,status,arrest_date,facility,family_contacts,narrative";
const hangul = (i: number) => `김${String.fromCharCode(0xac00 + ((i * 37) % 11172))}${String.fromCharCode(0xac00 + ((i * 101 + 7) % 11172))}`;
function csv(n: number, ref: string, narrative = ""): string {
  const rows = Array.from({ length: n }, (_, i) =>
    `${ref}-${i},${hangul(i)},Kim,Test${i},${i % 2 ? "M" : "F"},19${50 + (i % 50)},DETAINED,2026-10,${i % 4 ? "" : "CN-01"},${i % 5 ? "" : `Sister ${CANARY}`},${narrative}`);
  return [HEADER, ...rows].join("\n") + "\n";
}

/** Posts a multipart form to the route as a stream that counts the bytes the route pulled from it. */
async function upload(
  viewer: Viewer | null, fields: Record<string, string>, file: { name: string; type?: string; bytes: Uint8Array | string } | null,
  headers: Record<string, string> = {}, stats = { pulled: 0 },
) {
  signedIn.viewer = viewer;
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file.bytes as BlobPart], file.name, { type: file.type ?? "text/csv" }));
  const encoded = new Response(form);
  const type = encoded.headers.get("content-type")!;
  const body = new Uint8Array(await encoded.arrayBuffer());
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= body.byteLength) return controller.close();
      const chunk = body.subarray(at, at + 256 * 1024);
      at += chunk.byteLength;
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
  return uploadCsv(new Request("http://localhost/api/uploads/csv-import", {
    method: "POST", headers: { "Content-Type": type, "Sec-Fetch-Site": "same-origin", ...headers }, body: stream, duplex: "half",
  } as RequestInit));
}
/** The preview's commit/cancel form, as the browser posts it. */
function decide(viewer: Viewer | null, stagedId: string, intent: string, headers: Record<string, string> = {}) {
  signedIn.viewer = viewer;
  const form = new FormData();
  form.set("intent", intent);
  const req = new Request(`http://localhost/api/uploads/csv-import/${stagedId}`, { method: "POST", headers: { "Sec-Fetch-Site": "same-origin", ...headers }, body: form });
  return commitOrCancel(req, { params: Promise.resolve({ stagedId }) });
}
const stagedIdOf = (res: Response) => /[?&]staged=([A-Za-z0-9_-]+)/.exec(res.headers.get("location") ?? "")?.[1] ?? null;
const stagedRows = () => db.prisma.importStaging.count();

async function stage(viewer: Viewer, team: string, content: string): Promise<string> {
  const res = await upload(viewer, { teamId: team }, { name: "cases.csv", bytes: content });
  expect(res.status).toBe(303);
  const id = stagedIdOf(res);
  expect(id).toBeTruthy();
  return id!;
}

async function expectNotFound(p: Promise<unknown>) {
  await expect(p).rejects.toMatchObject({ code: "NOT_FOUND" });
}

describe(`CSV import staging (${engineName()})`, () => {
  it("the route stages a checked file, encrypted, and sends the browser to its preview", async () => {
    const before = await stagedRows();
    const res = await upload(caseworkerA, { teamId: teamA }, { name: "cases.csv", bytes: csv(3, "S1") });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/detainees\/import\?staged=[A-Za-z0-9_-]{24}#preview-h$/);
    const id = stagedIdOf(res)!;
    expect(await stagedRows()).toBe(before + 1);
    const row = await db.prisma.importStaging.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ userId: caseworkerA.id, teamId: teamA, fileName: "cases.csv" });
    // Personal data never lies in the table as plain text.
    expect(row.contentEnc).not.toContain(CANARY);
    expect(row.contentEnc).not.toContain("Test1");
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(STAGED_IMPORT_TTL_MS, -4);
    const { staged, analysis } = await previewStagedImport(caseworkerA, id);
    expect(staged.content).toContain(CANARY);
    expect(analysis.counts).toEqual({ total: 3, toCreate: 3, withErrors: 0, alreadyImported: 0 });
  });

  it("another user of the same team, another team, or the uploader moved out of the team cannot load or commit it", async () => {
    const id = await stage(caseworkerA, teamA, csv(2, "S2"));
    const detainees = await db.prisma.detainee.count();
    const movedOut: Viewer = { ...caseworkerA, teamIds: [teamB] };
    for (const other of [lawyerA, lawyerB, movedOut]) {
      await expectNotFound(loadStagedImport(other, id));
      await expectNotFound(commitStagedImport(other, id));
      // Cancelling someone else's does nothing (the uploader moved out may still delete their own).
      if (other.id !== caseworkerA.id) await cancelStagedImport(other, id);
    }
    // Without the import permission at all: refused before anything is looked up.
    await expect(loadStagedImport(viewerA, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.prisma.detainee.count()).toBe(detainees);
    // Positive control: still there, and the uploader loads it.
    expect((await loadStagedImport(caseworkerA, id)).id).toBe(id);
    await expectNotFound(loadStagedImport(caseworkerA, "made-up-id-of-24-chars-x"));
    await expectNotFound(loadStagedImport(caseworkerA, "../../etc/passwd"));
  });

  it("expires after an hour: refused from then on, and the daily job deletes it", async () => {
    const id = await stage(caseworkerA, teamA, csv(2, "S3"));
    const soon = new Date(Date.now() + STAGED_IMPORT_TTL_MS - 60_000);
    const later = new Date(Date.now() + STAGED_IMPORT_TTL_MS + 60_000);
    expect((await loadStagedImport(caseworkerA, id, soon)).id).toBe(id);
    await expectNotFound(loadStagedImport(caseworkerA, id, later));
    await expectNotFound(commitStagedImport(caseworkerA, id, { now: later }));
    expect(await db.prisma.importStaging.count({ where: { id } })).toBe(1);
    expect(await purgeExpiredImports(soon)).toBe(0);
    // Positive control: one staged later (still valid at that time) is left alone.
    const fresh = await stage(caseworkerA, teamA, csv(1, "S3b"));
    await db.prisma.importStaging.update({ where: { id: fresh }, data: { expiresAt: new Date(later.getTime() + 60_000) } });
    const result = await runDailyJobsIfDue(later);
    expect(result.expiredImports).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.importStaging.count({ where: { id } })).toBe(0);
    expect(await db.prisma.importStaging.count({ where: { id: fresh } })).toBe(1);
  });

  it("commit imports the staged file once and deletes it; cancel deletes it; a refused commit keeps it", async () => {
    const id = await stage(caseworkerA, teamA, csv(3, "S4"));
    const out = await commitStagedImport(caseworkerA, id);
    expect(out.created).toBe(3);
    expect(await db.prisma.importStaging.count({ where: { id } })).toBe(0);
    await expectNotFound(commitStagedImport(caseworkerA, id));
    expect(await db.prisma.detainee.count({ where: { teamId: teamA, importKey: { startsWith: "ref:S4-" } } })).toBe(3);

    const bad = await stage(caseworkerA, teamA, csv(1, "S5") + "S5-bad,박영남,,,X,2023-13,,,CN-99,,\n");
    await expect(commitStagedImport(caseworkerA, bad)).rejects.toMatchObject({ code: "INVALID" });
    expect(await db.prisma.importStaging.count({ where: { id: bad } })).toBe(1);
    await cancelStagedImport(caseworkerA, bad);
    expect(await db.prisma.importStaging.count({ where: { id: bad } })).toBe(0);
  });

  it("the commit route: someone else's id is a 404 saying only 'expired or not yours'; the uploader commits and cancels", async () => {
    const id = await stage(caseworkerA, teamA, csv(2, "S9"));
    for (const other of [lawyerA, lawyerB, viewerA]) {
      for (const intent of ["commit", "cancel"]) {
        const res = await decide(other, id, intent);
        expect(res.status).toBe(intent === "cancel" && other !== viewerA ? 303 : 404);
        if (res.status === 404) expect(await res.text()).toMatch(/expired .* or was already imported or cancelled/);
      }
    }
    expect((await decide(null, id, "commit")).status).toBe(404);
    expect((await decide(caseworkerA, id, "commit", { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect(await db.prisma.importStaging.count({ where: { id } })).toBe(1);
    expect(await db.prisma.detainee.count({ where: { importKey: { startsWith: "ref:S9-" } } })).toBe(0);
    const ok = await decide(caseworkerA, id, "commit");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toMatch(/^\/detainees\/import\?imported=2&skipped=0&first=HV-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}&last=HV-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await db.prisma.importStaging.count({ where: { id } })).toBe(0);
    expect((await decide(caseworkerA, id, "commit")).status).toBe(404);
    // A file with problems: back to its preview with the reason; cancel then forgets it.
    const bad = await stage(caseworkerA, teamA, csv(1, "S10") + "S10-bad,박영남,,,X,2023-13,,,CN-99,,\n");
    expect((await decide(caseworkerA, bad, "commit")).headers.get("location")).toBe(`/detainees/import?staged=${bad}&upload=importHasErrors#preview-h`);
    expect((await decide(caseworkerA, bad, "cancel")).headers.get("location")).toBe("/detainees/import");
    expect(await db.prisma.importStaging.count({ where: { id: bad } })).toBe(0);
  });

  it("the preview never names an archived case (it only says the row was imported before)", async () => {
    const id = await stage(caseworkerA, teamA, csv(2, "S6"));
    await commitStagedImport(caseworkerA, id);
    const archived = await db.prisma.detainee.findFirstOrThrow({ where: { teamId: teamA, importKey: "ref:S6-0" } });
    await db.prisma.detainee.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const again = await stage(caseworkerA, teamA, csv(2, "S6"));
    const { analysis } = await previewStagedImport(caseworkerA, again);
    expect(analysis.counts).toMatchObject({ alreadyImported: 2, toCreate: 0 });
    expect(analysis.rows.map((r) => r.matchesExisting)).toEqual([true, true]);
    expect(analysis.rows[0]!.existingCaseNumber).toBeNull();
    expect(analysis.rows[1]!.existingCaseNumber).toMatch(CASE_NUMBER_PATTERN); // positive control
    expect(JSON.stringify(analysis)).not.toContain(archived.caseNumber);
  });

  it("refuses before reading the body without a session, without the permission, or cross-site; nothing is staged", async () => {
    const before = await stagedRows();
    for (const [who, status, headers] of [[null, 404, {}], [viewerA, 404, {}], [caseworkerA, 403, { "Sec-Fetch-Site": "cross-site" }]] as const) {
      const stats = { pulled: 0 };
      const res = await upload(who, { teamId: teamA }, { name: "cases.csv", bytes: csv(2, "S7") }, headers, stats);
      expect(res.status, who?.role ?? "no session").toBe(status);
      expect(stats.pulled, `${who?.role ?? "no session"}: bytes read`).toBe(0);
    }
    expect(await stagedRows()).toBe(before);
    // Positive control: the same post by the caseworker is read and staged.
    const stats = { pulled: 0 };
    expect((await upload(caseworkerA, { teamId: teamA }, { name: "cases.csv", bytes: csv(2, "S7") }, {}, stats)).status).toBe(303);
    expect(stats.pulled).toBeGreaterThan(0);
    expect(await stagedRows()).toBe(before + 1);
  });

  it("a file over 5 MB, a non-CSV file, no file or another team's id: a clear error, nothing staged", async () => {
    const before = await stagedRows();
    const stats = { pulled: 0 };
    const big = await upload(caseworkerA, { teamId: teamA }, { name: "big.csv", bytes: "a".repeat(MAX_IMPORT_BYTES + 2 * 1024 * 1024) }, {}, stats);
    expect(big.status).toBe(413);
    // Reading stopped at the cap (5 MB + 64 KiB), not at the end of the 7 MB body.
    expect(stats.pulled).toBeLessThan(MAX_IMPORT_BYTES + 512 * 1024);
    expect(await big.text()).toMatch(/larger than 5 MB.*at most 5 MB/);
    const justOver = await upload(caseworkerA, { teamId: teamA }, { name: "big.csv", bytes: "a".repeat(MAX_IMPORT_BYTES + 10) });
    expect(justOver.headers.get("location")).toBe("/detainees/import?upload=fileTooLarge#import-form");
    const xlsx = await upload(caseworkerA, { teamId: teamA }, { name: "cases.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 8, 0]) });
    expect(xlsx.headers.get("location")).toBe("/detainees/import?upload=notCsv#import-form");
    const binaryAsCsv = await upload(caseworkerA, { teamId: teamA }, { name: "cases.csv", bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]) });
    expect(binaryAsCsv.headers.get("location")).toBe("/detainees/import?upload=notCsv#import-form");
    const none = await upload(caseworkerA, { teamId: teamA }, null);
    expect(none.headers.get("location")).toBe("/detainees/import?upload=chooseFile#import-form");
    const foreign = await upload(caseworkerA, { teamId: teamB }, { name: "cases.csv", bytes: csv(1, "S8") });
    expect(foreign.headers.get("location")).toBe("/detainees/import?upload=unknownTeam#import-form");
    expect(await stagedRows()).toBe(before);
  });

  it("a 2 MB file of 10,000 rows imports end to end through the route handler", { timeout: 600_000 }, async () => {
    const content = csv(10_000, "BIG", "Arrested near the river crossing at night with two others; family in Hoeryong were told nothing; no further news since the transfer to the border station in the spring");
    const bytes = Buffer.byteLength(content, "utf8");
    expect(bytes).toBeGreaterThan(2 * 1024 * 1024);
    let started = Date.now();
    const id = await stage(lawyerA, teamA, content);
    const stagedSeconds = (Date.now() - started) / 1000;
    started = Date.now();
    const res = await decide(lawyerA, id, "commit");
    console.log(`[csv-import-staging] ${(bytes / 1024 / 1024).toFixed(2)} MB, 10,000 rows on ${engineName()}: staged in ${stagedSeconds.toFixed(2)} s, committed in ${((Date.now() - started) / 1000).toFixed(2)} s`);
    expect(res.headers.get("location")).toMatch(/^\/detainees\/import\?imported=10000&/);
    expect(await db.prisma.detainee.count({ where: { teamId: teamA, importKey: { startsWith: "ref:BIG-" } } })).toBe(10_000);
    expect(await db.prisma.importStaging.count({ where: { id } })).toBe(0);
  });
});
