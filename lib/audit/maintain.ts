// Operator-side audit chain work (S19): writing a checkpoint (`npm run audit:checkpoint`, the daily
// job) and, once per installation that predates HAVEN_AUDIT_KEY, adopting the legacy SHA-256
// rows (`npm run audit:adopt-legacy`). Both seal what is pending first and verify before they
// vouch for anything.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db/client";
import { auditHash, auditKey, GENESIS_HASH, LEGACY_ADOPTION_ACTION, legacyAuditHash } from "./chain";
import { appendAuditCheckpoint, auditCheckpointsPath, checkAuditCheckpoint, readAuditCheckpoints, signAuditCheckpoint, type AuditCheckpoint } from "./checkpoint";
import { recordAudit } from "./record";
import { sealAuditLog } from "./seal";
import { verifyAuditChain, type AuditVerification } from "./verify";

type Db = Pick<PrismaClient, "$transaction" | "auditLog" | "$queryRaw">;

export class AuditChainBrokenError extends Error {
  constructor(readonly verification: AuditVerification) {
    const b = verification.broken!;
    super(`audit log broken${b.id !== null ? ` at row ${b.id}` : ""}${b.seq !== null ? ` (chain position ${b.seq})` : ""}: ${b.reason}`);
    this.name = "AuditChainBrokenError";
  }
}

/**
 * Seals, verifies (from the last checkpoint, or with `full` from the first row against every
 * checkpoint) and appends a signed checkpoint of the head. Throws, writing nothing, when the chain
 * or the file is broken.
 */
export async function writeAuditCheckpoint(
  db: Db = prisma(),
  opts: { file?: string; key?: Buffer; now?: Date; full?: boolean } = {},
): Promise<{ checkpoint: AuditCheckpoint; file: string; verification: AuditVerification }> {
  const key = opts.key ?? auditKey();
  const file = opts.file ?? auditCheckpointsPath();
  await sealAuditLog(db, { wait: true });
  const { lines } = readAuditCheckpoints(file);
  let from: { seq: bigint; hash: string } | undefined;
  if (!opts.full) {
    for (const l of lines) {
      const c = checkAuditCheckpoint(key, l);
      if (c.ok && (!from || c.seq > from.seq)) from = { seq: c.seq, hash: c.hash };
    }
  }
  const verification = await verifyAuditChain(db, { key, checkpoints: lines, from });
  if (verification.broken) throw new AuditChainBrokenError(verification);
  const checkpoint = signAuditCheckpoint(key, verification.head, opts.now ?? new Date());
  appendAuditCheckpoint(file, checkpoint);
  return { checkpoint, file, verification };
}

/**
 * For an installation whose chain was sealed with plain SHA-256 before HAVEN_AUDIT_KEY existed:
 * checks that the rows from the first are an intact SHA-256 chain up to some position N and every
 * row after N an intact keyed chain, then records N in a keyed audit row, which is what lets
 * verification accept those N rows. Refuses when it was done before, or when checkpoints exist
 * (they are only written once the chain is keyed, so legacy rows now mean tampering).
 */
export async function adoptLegacyAuditChain(db: Db = prisma(), opts: { key?: Buffer; file?: string } = {}): Promise<{ legacyUntilSeq: bigint; verification: AuditVerification }> {
  const key = opts.key ?? auditKey();
  const file = opts.file ?? auditCheckpointsPath();
  if (await db.auditLog.findFirst({ where: { action: LEGACY_ADOPTION_ACTION }, select: { id: true } })) {
    throw new Error("the legacy rows were adopted before: there is nothing to do (if audit:verify fails, the log was tampered with)");
  }
  if (readAuditCheckpoints(file).lines.length > 0) {
    throw new Error(`checkpoints exist in ${file}, so this chain was keyed already: plain SHA-256 rows now mean tampering, not an old installation. Not adopting.`);
  }
  await sealAuditLog(db, { wait: true });
  let prev = GENESIS_HASH;
  let seq = 0n;
  let legacyUntil: bigint | null = null; // null while still in the legacy part
  for (;;) {
    const page = await db.auditLog.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: "asc" }, take: 5000 });
    for (const r of page) {
      if (r.seq !== seq + 1n || r.prevHash !== prev || r.hash === null) throw new Error(`audit log broken at row ${r.id} (chain position ${r.seq}): not adopting`);
      if (legacyUntil === null && legacyAuditHash(r.prevHash, r) !== r.hash) legacyUntil = seq;
      if (legacyUntil !== null && auditHash(r.prevHash, r, key) !== r.hash) {
        throw new Error(`audit log broken at row ${r.id} (chain position ${r.seq}): neither a legacy SHA-256 row nor keyed with HAVEN_AUDIT_KEY; not adopting`);
      }
      prev = r.hash;
      seq = r.seq;
    }
    if (page.length < 5000) break;
  }
  const n = legacyUntil ?? seq;
  if (n === 0n) throw new Error("no legacy rows: every sealed row is keyed with HAVEN_AUDIT_KEY already");
  const last = await db.auditLog.findUniqueOrThrow({ where: { seq: n }, select: { hash: true } });
  await db.$transaction((tx) => recordAudit(tx, { system: "audit" }, {
    action: LEGACY_ADOPTION_ACTION,
    meta: { legacyUntilSeq: n.toString(), legacyHeadHash: last.hash! },
  }));
  await sealAuditLog(db, { wait: true });
  const verification = await verifyAuditChain(db, { key });
  if (verification.broken) throw new AuditChainBrokenError(verification);
  return { legacyUntilSeq: n, verification };
}
