// S17 at the route handlers that send case data out of Haven: the case-list CSV export takes only
// a same-origin POST (GET is not a handler at all), and evidence and petition-file downloads
// refuse a request another site started (Sec-Fetch-Site cross-site or same-site). getViewer is
// replaced by the signed-in viewer under test; everything below it is real. On both engines.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { Viewer } from "@/lib/auth/viewer";
import { usePrisma } from "@/lib/db/client";
import { createUserSession, markReauth } from "@/lib/auth/user-session";
import { uploadAttachment } from "@/lib/domain/attachment/mutations";
import * as exportRoute from "@/app/api/detainees/export/route";
import { GET as downloadAttachment } from "@/app/api/attachments/[attachmentId]/route";
import { GET as downloadPetitionFile } from "@/app/api/petitions/files/[fileId]/route";
import { createPetition } from "@/lib/domain/petitions/mutations";
import { PDF_MIME, storePetitionFile } from "@/lib/domain/petitions/files";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeViewer, png } from "./fixtures";
import { makeCompleteCase, makePetitionTeam } from "./petitions-fixtures";

const signedIn = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({
  getViewer: async () => signedIn.viewer,
  requireActionViewer: async () => {
    if (!signedIn.viewer) throw new Error("test: no viewer");
    return signedIn.viewer;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let uploads: string;
let lawyer: Viewer;
let caseNumber: string;
let caseId: string;


beforeAll(async () => {
  ensureTestKeys();
  uploads = await mkdtemp(path.join(tmpdir(), "haven-uploads-"));
  process.env.HAVEN_UPLOAD_DIR = uploads;
  db = await createTestDatabase();
  usePrisma(db.prisma);
  const teamId = await makePetitionTeam();
  const v = await makeViewer("LAWYER", [teamId]);
  const sessionId = await db.prisma.$transaction((tx) => createUserSession(tx, { userId: v.id, ip: null, userAgent: null, secondFactorDone: true, now: new Date() }));
  lawyer = { ...v, sessionId };
  signedIn.viewer = lawyer;
  const made = await makeCompleteCase(lawyer, lawyer, teamId, await makeFacility());
  caseNumber = made.caseNumber;
  caseId = made.id;
  // Past the re-authentication gate (S7), so only the origin decides below.
  await db.prisma.$transaction((tx) => markReauth(tx, sessionId, new Date()));
});
afterAll(async () => {
  await db?.close();
  await rm(uploads, { recursive: true, force: true });
});

const exportsLogged = () => db.prisma.auditLog.count({ where: { action: { contains: "export" } } });

function exportPost(headers: Record<string, string>, fields: Record<string, string> = { status: "DETAINED" }) {
  const body = new URLSearchParams(fields);
  return (exportRoute as { POST: (r: NextRequest) => Promise<Response> }).POST(
    new NextRequest("http://localhost/api/detainees/export", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", host: "localhost", ...headers }, body }),
  );
}

describe("case-list CSV export (S17)", () => {
  it("has no GET handler: Next answers a GET (a link, a redirect, a navigation) with 405", () => {
    expect(Object.keys(exportRoute)).not.toContain("GET");
    expect(Object.keys(exportRoute)).toContain("POST");
  });

  it("refuses a post another site started, or one that says nothing of where it comes from; nothing is exported", async () => {
    const before = await exportsLogged();
    for (const headers of [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" }, // a sibling subdomain
      { "sec-fetch-site": "none" }, // typed into the address bar: no form of Haven's sent it
      { "sec-fetch-site": "cross-site", origin: "http://localhost" }, // Origin cannot override Fetch Metadata
      { origin: "https://evil.example" },
      {},
    ] as Record<string, string>[]) {
      const res = await exportPost(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).not.toContain(caseNumber);
    }
    expect(await exportsLogged()).toBe(before);
  });

  it("sends the CSV to a same-origin post, with the list's filters from the form", async () => {
    for (const headers of [{ "sec-fetch-site": "same-origin" }, { origin: "http://localhost" }] as Record<string, string>[]) {
      const res = await exportPost(headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(await res.text()).toContain(caseNumber);
    }
    const filtered = await exportPost({ "sec-fetch-site": "same-origin" }, { status: "RELEASED" });
    expect(await filtered.text()).not.toContain(caseNumber);
  });
});

describe("evidence downloads (S17)", () => {
  it("refuse a download another site started; the lawyer's own page gets the file", async () => {
    const { id } = await uploadAttachment(lawyer, { detaineeId: caseId, description: "scan", isConfidential: "on" }, new File([Buffer.from(png())], "scan.png"));
    const get = (headers: Record<string, string>) => downloadAttachment(new Request(`http://localhost/api/attachments/${id}`, { headers }), { params: Promise.resolve({ attachmentId: id }) });
    const downloads = () => db.prisma.auditLog.count({ where: { action: "attachment.download" } });
    const before = await downloads();
    for (const site of ["cross-site", "same-site"]) expect((await get({ "sec-fetch-site": site })).status, site).toBe(403);
    expect(await downloads()).toBe(before);
    for (const headers of [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}] as Record<string, string>[]) {
      const res = await get(headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      await res.arrayBuffer();
    }
    expect(await downloads()).toBe(before + 3);
  });
});

describe("petition file downloads (S17)", () => {
  it("refuse a download another site started; the lawyer's own page gets the file", async () => {
    const { id: petitionId } = await createPetition(lawyer, { kind: "WGAD_URGENT_APPEAL", detaineeIds: [caseId] });
    await storePetitionFile(lawyer, { petitionId, kind: "EXPORT_PDF", fileName: "appeal.pdf", mimeType: PDF_MIME, bytes: new TextEncoder().encode("%PDF-1.7 test") });
    const { id } = await db.prisma.petitionFile.findFirstOrThrow({ where: { petitionId } });
    const get = (headers: Record<string, string>) => downloadPetitionFile(new Request(`http://localhost/api/petitions/files/${id}`, { headers }), { params: Promise.resolve({ fileId: id }) });
    for (const site of ["cross-site", "same-site"]) expect((await get({ "sec-fetch-site": site })).status, site).toBe(403);
    for (const headers of [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}] as Record<string, string>[]) {
      const res = await get(headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).toString()).toContain("%PDF");
    }
  });
});
