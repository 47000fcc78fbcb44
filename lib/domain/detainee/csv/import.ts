import { refreshRisk } from "../../risk/refresh";
import "server-only";
// CSV import of a detainee list: a preview that writes nothing, and an all-or-nothing commit that
// re-validates the file from scratch (the preview is never trusted) and creates every new case in
// one transaction with ONE audit row. Rows whose importKey already exists in the team are skipped,
// so importing the same file twice creates nothing the second time.
import { createHash } from "node:crypto";
import { z } from "zod";
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { encryptOptional } from "@/lib/crypto/field";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { parsePartialDate } from "@/lib/dates/partial-date";
import { AppError } from "@/lib/errors";
import { assertCan, writableTeamIds } from "../../authz";
import { buildSearchText } from "../../names/search-text";
import { newCaseNumbers } from "../case-number";
import { idSchema } from "../../schemas-common";
import { insertCustody, insertDetainees, insertOpeningActivities, newId, type DetaineeInsert } from "./bulk-insert";
import { localIsoDate } from "./local-date";
import { MAX_IMPORT_BYTES, parseImportCsv, type CsvMessage } from "./parse";
import { buildFacilityLookup, validateImportRows, type RowResult } from "./validate";

export const importInputSchema = z.strictObject({ teamId: idSchema, content: z.string().max(MAX_IMPORT_BYTES + 1) });
export type ImportInput = z.input<typeof importInputSchema>;

/**
 * `matchesExisting`: the row is already a case of the team (skipped on commit).
 * `existingCaseNumber`: that case's number, or null when the case is archived: archived cases
 * are out of every list and page, so the preview says only that the row is taken (issue 12).
 */
export type AnalysedRow = RowResult & { matchesExisting: boolean; existingCaseNumber: string | null };
export type ImportAnalysis = {
  sha256: string;
  fileErrors: CsvMessage[];
  rows: AnalysedRow[];
  counts: { total: number; toCreate: number; withErrors: number; alreadyImported: number };
};

// Rows per INSERT statement (one array parameter per column, so only statement time limits it).
const CHUNK = 2500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const unknownTeam = () => new AppError("INVALID", "Choose one of your teams.", { teamId: ["unknownTeam"] });

/** Same answer for another team's id as for one that does not exist: no probing of other teams. */
async function assertWritableTeam(db: Tx, actor: Actor, teamId: string): Promise<void> {
  const allowed = writableTeamIds(actor);
  if (allowed && !allowed.includes(teamId)) throw unknownTeam();
  if (!(await db.team.findFirst({ where: { id: teamId, archivedAt: null }, select: { id: true } }))) throw unknownTeam();
}

async function analyse(db: Tx, teamId: string, content: string): Promise<ImportAnalysis> {
  const sha256 = createHash("sha256").update(content, "utf8").digest("hex");
  const parsed = parseImportCsv(content);
  const needsFacilities = parsed.rows.some((r) => r.cells.facility?.trim());
  const facilities = needsFacilities
    ? await db.detentionFacility.findMany({ where: { archivedAt: null }, select: { id: true, refCode: true, nameEn: true, nameLocal: true } })
    : [];
  const results = validateImportRows(parsed.rows, { teamId, findFacility: buildFacilityLookup(facilities) });
  const keys = results.flatMap((r) => (r.record ? [r.record.importKey] : []));
  // One array parameter rather than Prisma's `in` list of 10,000 bound values.
  const found = keys.length === 0 ? [] : await db.$queryRaw<{ importKey: string; caseNumber: string; archived: boolean }[]>`
    SELECT "importKey", "caseNumber", "archivedAt" IS NOT NULL AS archived FROM "Detainee" WHERE "teamId" = ${teamId} AND "importKey" = ANY(${keys}::text[])`;
  const existing = new Map(found.map((f) => [f.importKey, f.archived ? null : f.caseNumber]));
  const rows = results.map((r) => {
    const matchesExisting = r.record !== null && existing.has(r.record.importKey);
    return { ...r, matchesExisting, existingCaseNumber: matchesExisting ? existing.get(r.record!.importKey)! : null };
  });
  const withErrors = rows.filter((r) => r.errors.length > 0).length;
  const alreadyImported = rows.filter((r) => r.matchesExisting).length;
  return {
    sha256, fileErrors: parsed.fileErrors, rows,
    counts: { total: rows.length, toCreate: rows.length - withErrors - alreadyImported, withErrors, alreadyImported },
  };
}

/** What a commit would do, with every row's problems. Reads only. */
export async function previewDetaineeImport(actor: Actor, input: ImportInput): Promise<ImportAnalysis> {
  assertCan(actor, "detainee.import");
  const { teamId, content } = importInputSchema.parse(input);
  await assertWritableTeam(prisma(), actor, teamId);
  return analyse(prisma(), teamId, content);
}

/** PostgreSQL's unique_violation, as Prisma reports it for model writes (P2002) or raw SQL (P2010 + 23505). */
function isUniqueViolation(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: unknown; meta?: { code?: unknown }; message?: unknown };
  return err.code === "P2002" || err.meta?.code === "23505" || (typeof err.message === "string" && /23505|unique constraint/i.test(err.message));
}

export type ImportOutcome = { created: number; alreadyImported: number; withCustody: number; firstCaseNumber: string | null; lastCaseNumber: string | null };

/**
 * All or nothing: refused if any row (or the file) has a problem; otherwise every new row becomes a case.
 * `inTransaction` runs first inside the same transaction (the staged import deletes itself there,
 * so a staged file is committed at most once).
 */
export async function commitDetaineeImport(
  actor: Actor, input: ImportInput, opts: { year?: number; inTransaction?: (tx: Tx) => Promise<void> } = {},
): Promise<ImportOutcome> {
  assertCan(actor, "detainee.import");
  const { teamId, content } = importInputSchema.parse(input);
  const actorId = isViewer(actor) ? actor.id : null;
  try {
    return await prisma().$transaction(async (tx) => {
      await opts.inTransaction?.(tx);
      await assertWritableTeam(tx, actor, teamId);
      const a = await analyse(tx, teamId, content);
      if (a.fileErrors.length > 0 || a.counts.withErrors > 0 || a.counts.total === 0) {
        throw new AppError("INVALID", "The file has problems. Fix them and check the file again; nothing was imported.", { file: ["importHasErrors"] });
      }
      const fresh = a.rows.filter((r) => r.record && !r.matchesExisting).map((r) => r.record!);
      const numbers = fresh.length > 0 ? await newCaseNumbers(tx, opts.year ?? new Date().getUTCFullYear(), fresh.length) : [];
      const inserts: DetaineeInsert[] = fresh.map((r, i) => {
        const id = newId();
        return {
          id, caseNumber: numbers[i]!, importKey: r.importKey, d: r.detainee,
          searchText: buildSearchText({ ...r.detainee, caseNumber: numbers[i]! }),
          familyContactsEnc: encryptOptional(r.detainee.familyContacts, { table: "Detainee", id, field: "familyContactsEnc" }),
        };
      });
      for (const part of chunks(inserts)) await insertDetainees(tx, teamId, actorId, part);
      // Custody opens at the arrest date, or today when the file gives none.
      const today = parsePartialDate(localIsoDate())!;
      const custody = fresh.flatMap((r, i) => (r.facilityId ? [{ detaineeId: inserts[i]!.id, facilityId: r.facilityId, from: r.detainee.arrestDate ?? today }] : []));
      for (const part of chunks(custody)) await insertCustody(tx, part);
      const activities = fresh.map((r, i) => ({
        detaineeId: inserts[i]!.id,
        meta: { to: r.detainee.status, created: true, imported: true, ...(r.facilityId ? { facilityId: r.facilityId } : {}) },
      }));
      for (const part of chunks(activities)) await insertOpeningActivities(tx, actorId, part);
      // Imported cases get their scores now; no notices (a bulk load is not news about one case).
      await refreshRisk(tx, { detaineeIds: inserts.map((r) => r.id) }, new Date(), { notify: false });
      const outcome: ImportOutcome = {
        created: fresh.length, alreadyImported: a.counts.alreadyImported, withCustody: custody.length,
        firstCaseNumber: numbers[0] ?? null, lastCaseNumber: numbers.at(-1) ?? null,
      };
      // One row for the whole file; counts and the file's hash, never its contents (S19).
      await recordAudit(tx, actor, { action: "detainee.import", entityType: "Team", entityId: teamId, meta: { teamId, rows: a.counts.total, ...outcome, sha256: a.sha256 } });
      return outcome;
    }, { timeout: 300_000, maxWait: 20_000 });
  } catch (e) {
    // Two people committing the same file at once: the second hits the (teamId, importKey) unique index.
    if (isUniqueViolation(e)) {
      throw new AppError("CONFLICT", "Some of these rows were imported meanwhile. Check the file again.", { file: ["importedMeanwhile"] });
    }
    throw e;
  }
}
