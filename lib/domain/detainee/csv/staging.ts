import "server-only";
// Staged CSV imports (issue 12 item 9). The file is uploaded once, to a route handler
// (app/api/uploads/csv-import/route.ts), checked there and kept server-side, encrypted, for the
// one user and team it was checked for; the preview page and the commit then refer to it by id
// only, so no server action ever carries the file (server actions keep Next's 1 MB limit).
// Anyone else's id, an expired id and a made-up id all get the same NOT_FOUND. A staged import
// is deleted when it is committed (in the commit's transaction), cancelled, or by the daily job
// once it has expired.
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { decryptField, encryptField } from "@/lib/crypto/field";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan, writableTeamIds } from "../../authz";
import { idSchema } from "../../schemas-common";
import { commitDetaineeImport, previewDetaineeImport, type ImportAnalysis, type ImportOutcome } from "./import";
import { decodeCsvBytes, MAX_IMPORT_BYTES } from "./parse";

/** How long a checked file waits for its commit. */
export const STAGED_IMPORT_TTL_MS = 60 * 60 * 1000;

const STAGED_ID = /^[A-Za-z0-9_-]{24}$/;
export const isStagedImportId = (raw: unknown): raw is string => typeof raw === "string" && STAGED_ID.test(raw);

const stagedNotFound = () => new AppError("NOT_FOUND", "This checked file has expired or is not yours. Upload it again.", { file: ["stagedGone"] });
const fileError = (key: string, message: string) => new AppError("INVALID", message, { file: [key] });

// The content is encrypted with the staging row's id bound to it (associated data, S18): a
// ciphertext copied to another staged import does not decrypt.
const seal = (id: string, content: string) => encryptField(content, { table: "ImportStaging", id, field: "contentEnc" });
const unseal = (id: string, stored: string) => decryptField(stored, { table: "ImportStaging", id, field: "contentEnc" });

/** What an upload route hands over: the form's file part (a File/Blob) or nothing. */
export type StagedFile = { name?: string; type?: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

const CSV_EXTENSIONS = new Set(["csv", "txt"]);

/** A spreadsheet, PDF or picture saved as .csv is not a CSV: binary files contain NUL bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  return !bytes.subarray(0, 64 * 1024).includes(0);
}

/**
 * Checks an uploaded CSV for the viewer and team and keeps it for the commit. Returns the staged
 * id. Refuses (INVALID, with a `file` or `teamId` key) a missing, empty, too large or non-CSV
 * file and a team the viewer cannot import into; nothing is stored then.
 */
export async function stageDetaineeImport(viewer: Viewer, input: { teamId: string; file: StagedFile | null }, now = new Date()): Promise<{ id: string; analysis: ImportAnalysis }> {
  assertCan(viewer, "detainee.import");
  const { file } = input;
  if (!file || file.size === 0) throw fileError("chooseFile", "Choose a CSV file.");
  if (file.size > MAX_IMPORT_BYTES) throw fileError("fileTooLarge", "The file is larger than 5 MB.");
  const name = (file.name ?? "").slice(0, 120);
  const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  const bytes = new Uint8Array(await file.arrayBuffer());
  if ((ext && !CSV_EXTENSIONS.has(ext)) || !looksLikeText(bytes)) throw fileError("notCsv", "This is not a CSV file.");
  const content = decodeCsvBytes(bytes);
  const teamId = idSchema.safeParse(input.teamId).success ? input.teamId : "";
  if (!teamId) throw new AppError("INVALID", "Choose one of your teams.", { teamId: ["unknownTeam"] });
  // The domain's own check (permission, team, every row); throws for a team that is not the viewer's.
  const analysis = await previewDetaineeImport(viewer, { teamId, content });
  const id = randomBytes(18).toString("base64url");
  await prisma().importStaging.create({
    data: {
      id, userId: viewer.id, teamId, fileName: name, contentEnc: seal(id, content), sha256: analysis.sha256,
      expiresAt: new Date(now.getTime() + STAGED_IMPORT_TTL_MS),
    },
  });
  return { id, analysis };
}

export type StagedImport = { id: string; teamId: string; fileName: string; content: string; expiresAt: Date };

/** The viewer's own unexpired staged import, or NOT_FOUND (for anyone else's, too). */
export async function loadStagedImport(viewer: Viewer, rawId: unknown, now = new Date()): Promise<StagedImport> {
  assertCan(viewer, "detainee.import");
  if (!isStagedImportId(rawId)) throw stagedNotFound();
  const row = await prisma().importStaging.findFirst({ where: { id: rawId, userId: viewer.id, expiresAt: { gt: now } } });
  if (!row) throw stagedNotFound();
  // Scoped to the team too: someone moved out of the team no longer sees what they staged for it.
  const teams = writableTeamIds(viewer);
  if (teams && !teams.includes(row.teamId)) throw stagedNotFound();
  const content = unseal(row.id, row.contentEnc);
  // The stored hash must match what decrypts: a row swapped or edited in the database is refused.
  if (createHash("sha256").update(content, "utf8").digest("hex") !== row.sha256) throw stagedNotFound();
  return { id: row.id, teamId: row.teamId, fileName: row.fileName, content, expiresAt: row.expiresAt };
}

/** The preview of a staged import, analysed again now (the team's cases may have changed). */
export async function previewStagedImport(viewer: Viewer, rawId: unknown, now = new Date()): Promise<{ staged: StagedImport; analysis: ImportAnalysis }> {
  const staged = await loadStagedImport(viewer, rawId, now);
  const analysis = await previewDetaineeImport(viewer, { teamId: staged.teamId, content: staged.content });
  return { staged, analysis };
}

/**
 * Commits the viewer's staged import: the existing all-or-nothing commit, with the staging row
 * deleted in the same transaction (a second commit of the same id finds nothing). On any refusal
 * the transaction rolls back and the staged import stays, so the viewer can try again.
 */
export async function commitStagedImport(viewer: Viewer, rawId: unknown, opts: { now?: Date; year?: number } = {}): Promise<ImportOutcome> {
  const staged = await loadStagedImport(viewer, rawId, opts.now);
  return commitDetaineeImport(viewer, { teamId: staged.teamId, content: staged.content }, {
    year: opts.year,
    inTransaction: async (tx) => {
      const { count } = await tx.importStaging.deleteMany({ where: { id: staged.id, userId: viewer.id } });
      if (count !== 1) throw stagedNotFound();
    },
  });
}

/** Deletes the viewer's staged import; nothing happens for anyone else's id. */
export async function cancelStagedImport(viewer: Viewer, rawId: unknown): Promise<void> {
  if (!isStagedImportId(rawId)) return;
  await prisma().importStaging.deleteMany({ where: { id: rawId, userId: viewer.id } });
}

/** The daily job: every staged import past its expiry goes. Returns how many. */
export async function purgeExpiredImports(now = new Date()): Promise<number> {
  const { count } = await prisma().importStaging.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
