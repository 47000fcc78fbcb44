// The benchmark's audit rows, in one place. The app appends rows pending and seals them in order
// afterwards (lib/audit/seal.ts: chain position `seq`, prevHash, hash); these rows are written
// already sealed, chained with lib/audit/chain.ts exactly as the sealer chains them, with
// explicit ids and positions in the same order, and the id sequence is moved past them at the end.
import { auditHash, GENESIS_HASH, type AuditContent } from "@/lib/audit/chain";
import type { SqlRunner } from "@/lib/db/migrate";
import { bulkInsert } from "./sql";

export type ChainHead = { prevHash: string; nextId: bigint; nextSeq: bigint };

export async function auditChainHead(runner: SqlRunner): Promise<ChainHead> {
  const [last] = await runner.query<{ seq: string; hash: string }>(`SELECT a.seq::text AS seq, a.hash FROM "AuditLog" AS a WHERE a.seq IS NOT NULL ORDER BY a.seq DESC LIMIT 1`);
  const [maxId] = await runner.query<{ id: string | null }>(`SELECT max(a.id)::text AS id FROM "AuditLog" AS a`);
  const nextId = maxId?.id ? BigInt(maxId.id) + 1n : 1n;
  return last ? { prevHash: last.hash, nextId, nextSeq: BigInt(last.seq) + 1n } : { prevHash: GENESIS_HASH, nextId, nextSeq: 1n };
}

export type ChainedRows = { rows: Record<string, unknown>[]; head: ChainHead };

/** Chains `rows` (in chain order) after `head`: ids and hashes, ready for insertAuditRows. */
export function chainAuditRows(head: ChainHead, rows: readonly AuditContent[]): ChainedRows {
  let prev = head.prevHash;
  let id = head.nextId;
  let seq = head.nextSeq;
  const out = rows.map((r) => {
    const hash = auditHash(prev, r);
    const row = {
      id: String(id++), seq: String(seq++), at: r.at.toISOString(), actorId: r.actorId, actorLabel: r.actorLabel, action: r.action, entityType: r.entityType,
      entityId: r.entityId, requestId: r.requestId, ip: r.ip, meta: r.meta == null ? null : JSON.stringify(r.meta), prevHash: prev, hash,
    };
    prev = hash;
    return row;
  });
  return { rows: out, head: { prevHash: prev, nextId: id, nextSeq: seq } };
}

export async function insertAuditRows(runner: SqlRunner, chained: ChainedRows): Promise<void> {
  await bulkInsert(runner, "AuditLog", [
    { name: "id", type: "int8" }, { name: "seq", type: "int8" }, { name: "at", type: "text", cast: "timestamp(3)" }, { name: "actorId", type: "text" },
    { name: "actorLabel", type: "text" }, { name: "action", type: "text" }, { name: "entityType", type: "text" },
    { name: "entityId", type: "text" }, { name: "requestId", type: "text" }, { name: "ip", type: "text" },
    { name: "meta", type: "text", cast: "jsonb" }, { name: "prevHash", type: "text" }, { name: "hash", type: "text" },
  ], chained.rows);
}

/** Appends `rows` (in chain order) after `head`; returns the new head. */
export async function appendAuditRows(runner: SqlRunner, head: ChainHead, rows: readonly AuditContent[]): Promise<ChainHead> {
  const chained = chainAuditRows(head, rows);
  await insertAuditRows(runner, chained);
  return chained.head;
}

/** After explicit ids: the next row written by the app continues the sequence. */
export async function syncAuditSequence(runner: SqlRunner): Promise<void> {
  await runner.query(`SELECT setval(pg_get_serial_sequence('"AuditLog"', 'id'), GREATEST((SELECT max(id) FROM "AuditLog"), 1))`);
}
