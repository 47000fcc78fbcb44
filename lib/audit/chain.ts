// The audit hash chain: each row's hash covers the previous row's hash and its own content, so
// editing, deleting or reordering any row is detected by verifyAuditChain (S19).
import { createHash } from "node:crypto";
import { stableStringify } from "./stable-json";

export const GENESIS_HASH = "0".repeat(64);

export type AuditContent = {
  at: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  ip: string | null;
  meta: unknown;
};

export function auditHash(prevHash: string, row: AuditContent): string {
  // Only the content fields: callers may pass a whole stored row (id, hash...).
  const body = stableStringify({
    at: row.at.toISOString(), actorId: row.actorId, actorLabel: row.actorLabel, action: row.action,
    entityType: row.entityType, entityId: row.entityId, requestId: row.requestId, ip: row.ip, meta: row.meta ?? null,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

export type AuditRow = AuditContent & { id: bigint; prevHash: string; hash: string };

/** First broken row, or null when the chain is intact. */
export function findChainBreak(rows: Iterable<AuditRow>, startHash = GENESIS_HASH): { id: bigint; reason: string } | null {
  let prev = startHash;
  for (const row of rows) {
    if (row.prevHash !== prev) return { id: row.id, reason: "prevHash does not match the previous row" };
    if (auditHash(row.prevHash, row) !== row.hash) return { id: row.id, reason: "content does not match its hash" };
    prev = row.hash;
  }
  return null;
}
