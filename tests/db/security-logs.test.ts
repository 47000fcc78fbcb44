// S21 on both engines: drive real flows that log (refusals, failures, database errors, a file
// missing on disk) with canary values in every input, capture everything the logger writes,
// and find no canary — and one JSON object per line.
import { Writable } from "node:stream";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { png } from "./fixtures";

const captured: string[] = [];
vi.mock("@/lib/logger", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/logger")>();
  const sink = new Writable({
    write(chunk, _enc, done) {
      captured.push(String(chunk));
      done();
    },
  });
  return { ...real, logger: real.createLogger(sink, "trace") };
});

const { usePrisma } = await import("@/lib/db/client");
const { runAction } = await import("@/lib/actions");
const { createDetainee } = await import("@/lib/domain/detainee/mutations");
const { updateDetainee } = await import("@/lib/domain/detainee/update");
const { createTeam } = await import("@/lib/domain/team/mutations");
const { uploadAttachment } = await import("@/lib/domain/attachment/mutations");
const { openAttachmentForDownload } = await import("@/lib/domain/attachment/download");
const { removeStoredFile } = await import("@/lib/domain/attachment/storage");
const { createTestDatabase } = await import("./helpers");
const { ensureTestKeys, makeTeam, makeViewer, system } = await import("./fixtures");

const CANARY = "LOGCANARY";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let uploads: string;


beforeAll(async () => {
  ensureTestKeys();
  uploads = await mkdtemp(path.join(tmpdir(), "haven-logs-"));
  process.env.HAVEN_UPLOAD_DIR = uploads;
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => {
  delete process.env.HAVEN_UPLOAD_DIR;
  await db?.close();
  await rm(uploads, { recursive: true, force: true });
});

describe("server logs during real flows", () => {
  it("contain no canary from names, contacts, notes, file names or error messages", async () => {
    const team = await makeTeam();
    const lawyer = await makeViewer("LAWYER", [team]);
    const outsider = await makeViewer("LAWYER", [await makeTeam()]);
    const created = await runAction("detainee.create", () =>
      createDetainee(lawyer, { teamId: team, nameHangul: `김${CANARY}`, familyNameRoman: `${CANARY}fam`, narrative: `${CANARY} narrative`, familyContacts: `${CANARY} +82-10-1234-5678` }),
    );
    expect(created.ok).toBe(true);
    const id = created.ok && created.data ? created.data.id : "";

    // Refused: outside the outsider's scope (logged as a warning with the code only).
    const refused = await runAction("detainee.update", () => updateDetainee(outsider, { detaineeId: id, version: 1, nameHangul: `${CANARY} edit`, familyContacts: `${CANARY} phone` }));
    expect(refused).toMatchObject({ ok: false });
    // Unexpected failure whose message quotes input.
    const failed = await runAction("note.add", async () => {
      throw new Error(`could not save note "${CANARY} confidential call"`);
    });
    expect(failed).toEqual({ ok: false, message: "generic" });
    // A raw database error that quotes the duplicate value (unique team name).
    await createTeam(system, { name: `${CANARY} team` });
    const dup = await runAction("team.create", () => db.prisma.team.create({ data: { name: `${CANARY} team` } }));
    expect(dup).toEqual({ ok: false, message: "generic" });
    // An evidence file missing on disk.
    const up = await uploadAttachment(lawyer, { detaineeId: id, description: `${CANARY} description` }, new File([Buffer.from(png())], `${CANARY}.png`));
    const row = await db.prisma.attachment.findUniqueOrThrow({ where: { id: up.id } });
    await removeStoredFile(row.storageKey);
    expect(await openAttachmentForDownload(lawyer, up.id)).toBeNull();

    const lines = captured.join("").split("\n").filter(Boolean);
    // The capture works: each flow above wrote its line.
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string });
    expect(parsed.filter((p) => p.msg === "action failed")).toHaveLength(2);
    expect(parsed.map((p) => p.msg)).toEqual(expect.arrayContaining(["action refused", "action failed", "attachment file missing on disk"]));
    expect(captured.join("")).not.toContain(CANARY);
    expect(captured.join("")).not.toContain("+82-10-1234-5678");
    expect(captured.join("")).not.toContain(lawyer.email);
  });
});
