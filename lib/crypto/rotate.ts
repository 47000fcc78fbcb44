// Key rotation for restricted data (S18, `npm run keys:rotate`): rewrites every encrypted value
// that is not yet under the current key (the first in HAVEN_ENCRYPTION_KEYS) in format v2 (bound
// to its table, row and field), and moves legacy plaintext consent givers' names and notes into
// their encrypted columns. Rows are read by keyset on id, CHUNK per transaction; each changed
// value is written only if it is still the value that was read (a concurrent edit wins), and the
// Detainee/Source/User `updatedAt` is kept. Resumable: an interrupted run leaves finished chunks
// committed, and a re-run skips every value already current. One audit row per chunk that
// changed something, and one for the run, with counts only (never values).
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { SystemActor } from "@/lib/auth/viewer";
import { decryptField, encryptField, isCurrentFormat, keyring, type Keyring } from "./field";

export const ROTATION_CHUNK = 500;

type Target = {
  table: string;
  model: "user" | "detainee" | "source" | "activity" | "consent" | "importStaging";
  fields: readonly string[];
  /** Encrypted column → its legacy plaintext column (moved into the encrypted one, then cleared). */
  legacyPlain?: Readonly<Record<string, string>>;
  hasUpdatedAt: boolean;
  /** The column is NOT NULL: every row holds a value. */
  required?: boolean;
};

/** Every encrypted column in prisma/schema.prisma (the *Enc columns). */
export const ENCRYPTED_COLUMNS: readonly Target[] = [
  { table: "User", model: "user", fields: ["totpSecretEnc"], hasUpdatedAt: true },
  { table: "Detainee", model: "detainee", fields: ["narrativeConfidentialEnc", "familyContactsEnc"], hasUpdatedAt: true },
  { table: "Source", model: "source", fields: ["identityEnc", "contactEnc"], hasUpdatedAt: true },
  { table: "Activity", model: "activity", fields: ["bodyEnc"], hasUpdatedAt: false },
  { table: "Consent", model: "consent", fields: ["givenByNameEnc", "notesEnc"], legacyPlain: { givenByNameEnc: "givenByName", notesEnc: "notes" }, hasUpdatedAt: false },
  // Staged CSV imports live an hour, but one staged just before the old key is removed must still open.
  { table: "ImportStaging", model: "importStaging", fields: ["contentEnc"], hasUpdatedAt: false, required: true },
];

export type RotationCounts = { rewritten: number; alreadyCurrent: number; plaintextMoved: number; changedMeanwhile: number; failed: number };
export type RotationReport = RotationCounts & {
  keyId: string;
  chunks: number;
  /** Values that did not decrypt (altered, moved, or under a key no longer configured): table, field, row id. */
  failures: { table: string; field: string; id: string }[];
};

type Row = Record<string, unknown> & { id: string };
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  updateMany(args: object): Promise<{ count: number }>;
};

export async function rotateEncryptedFields(
  opts: { ring?: Keyring; chunk?: number; actor?: SystemActor; afterChunk?: (table: string, chunkNo: number) => void | Promise<void>; log?: (line: string) => void } = {},
): Promise<RotationReport> {
  const ring = opts.ring ?? keyring();
  const chunk = opts.chunk ?? ROTATION_CHUNK;
  const actor = opts.actor ?? { system: "keys-rotate" };
  const report: RotationReport = { keyId: ring.currentId, chunks: 0, rewritten: 0, alreadyCurrent: 0, plaintextMoved: 0, changedMeanwhile: 0, failed: 0, failures: [] };
  const db = prisma();
  for (const t of ENCRYPTED_COLUMNS) {
    const plainCols = Object.values(t.legacyPlain ?? {});
    const select: Record<string, true> = { id: true };
    for (const c of [...t.fields, ...plainCols, ...(t.hasUpdatedAt ? ["updatedAt"] : [])]) select[c] = true;
    const anyValue = t.required ? [{}] : [...t.fields, ...plainCols].map((c) => ({ [c]: { not: null } }));
    let after: string | null = null;
    let chunkNo = 0;
    for (;;) {
      const from: string | null = after;
      const { rows, counts } = await db.$transaction(async (tx) => {
        const d = (tx as unknown as Record<string, Delegate>)[t.model]!;
        const rows = await d.findMany({
          where: { AND: [from ? { id: { gt: from } } : {}, { OR: anyValue }] },
          orderBy: { id: "asc" }, take: chunk, select,
        });
        const counts: RotationCounts = { rewritten: 0, alreadyCurrent: 0, plaintextMoved: 0, changedMeanwhile: 0, failed: 0 };
        for (const row of rows) {
          const data: Record<string, unknown> = {};
          const where: Record<string, unknown> = { id: row.id };
          for (const field of t.fields) {
            const site = { table: t.table, id: row.id, field };
            const stored = row[field] as string | null;
            const plainCol = t.legacyPlain?.[field];
            const plain = plainCol ? (row[plainCol] as string | null) : null;
            if (plainCol && plain !== null) {
              // Legacy plaintext: encrypt it unless an encrypted value was already written (that one is newer).
              if (stored === null && plain.trim()) data[field] = encryptField(plain, site, ring);
              where[field] = stored;
              data[plainCol] = null;
              where[plainCol] = plain;
              counts.plaintextMoved++;
              if (stored === null) continue;
            }
            if (stored === null) continue;
            if (isCurrentFormat(stored, ring)) {
              counts.alreadyCurrent++;
              continue;
            }
            try {
              data[field] = encryptField(decryptField(stored, site, ring), site, ring);
              where[field] = stored;
              counts.rewritten++;
            } catch {
              counts.failed++;
              report.failures.push({ table: t.table, field, id: row.id });
            }
          }
          if (Object.keys(data).length === 0) continue;
          if (t.hasUpdatedAt) data.updatedAt = row.updatedAt;
          const updated = await d.updateMany({ where, data });
          if (updated.count === 0) counts.changedMeanwhile++;
        }
        if (counts.rewritten + counts.plaintextMoved + counts.failed > 0) {
          await recordAudit(tx, actor, {
            action: "keys.rotate.chunk", entityType: t.table,
            meta: { keyId: ring.currentId, format: "v2", rows: rows.length, ...counts },
          });
        }
        return { rows, counts };
      }, { timeout: 120_000 });
      if (rows.length === 0) break;
      chunkNo++;
      report.chunks++;
      for (const k of Object.keys(counts) as (keyof RotationCounts)[]) report[k] += counts[k];
      opts.log?.(`${t.table}: chunk ${chunkNo}, ${rows.length} row(s): ${counts.rewritten} rewritten, ${counts.plaintextMoved} plaintext moved, ${counts.alreadyCurrent} already current, ${counts.failed} failed`);
      after = rows.at(-1)!.id;
      await opts.afterChunk?.(t.table, chunkNo);
      if (rows.length < chunk) break;
    }
  }
  const { failures: _f, ...summary } = report;
  await db.$transaction((tx) => recordAudit(tx, actor, { action: "keys.rotate.run", meta: summary }));
  return report;
}
