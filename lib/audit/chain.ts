// The audit hash chain (S19): each sealed row's hash covers the previous row's hash and its own
// content, so editing, deleting or reordering any row breaks the chain. Since issue 12 the link is
// an HMAC-SHA-256 keyed by HAVEN_AUDIT_KEY, a secret that is not in the database: someone who
// controls the database (a table owner, a superuser) can switch the append-only trigger off and
// edit rows, but cannot recompute a chain that still verifies.
//
// Rows sealed before the key existed were chained with plain SHA-256 ("legacy"). They stay valid
// only up to a chain position recorded in a keyed row (LEGACY_ADOPTION_ACTION, written once by
// `npm run audit:adopt-legacy`); every row after it, and every row of a fresh install, must carry
// an HMAC. See lib/audit/verify.ts and docs/operations.md ("Audit log").
import { createHash, createHmac } from "node:crypto";
import { stableStringify } from "./stable-json";

export const GENESIS_HASH = "0".repeat(64);

/** The keyed audit row that records up to which chain position plain SHA-256 rows are accepted. */
export const LEGACY_ADOPTION_ACTION = "audit.legacy-adopted";

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

const KEY_HELP = "HAVEN_AUDIT_KEY must be at least 32 random bytes in base64 (e.g. `openssl rand -base64 32`)";

/** The audit key from its environment form; throws a clear message when missing or weak. */
export function parseAuditKey(value: string | undefined): Buffer {
  if (!value?.trim()) throw new Error(`HAVEN_AUDIT_KEY is not set: Haven will not seal or verify the audit log without it. ${KEY_HELP}`);
  const v = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(v)) throw new Error(`HAVEN_AUDIT_KEY is not base64. ${KEY_HELP}`);
  const key = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length < 32) throw new Error(`HAVEN_AUDIT_KEY is only ${key.length} bytes. ${KEY_HELP}`);
  return key;
}

let cached: { spec: string; key: Buffer } | null = null;

/** process.env.HAVEN_AUDIT_KEY, parsed (throws when missing or malformed). */
export function auditKey(): Buffer {
  const spec = process.env.HAVEN_AUDIT_KEY ?? "";
  if (!cached || cached.spec !== spec) cached = { spec, key: parseAuditKey(spec) };
  return cached.key;
}

function contentBody(row: AuditContent): string {
  // Only the content fields: callers may pass a whole stored row (id, hash...).
  return stableStringify({
    at: row.at.toISOString(), actorId: row.actorId, actorLabel: row.actorLabel, action: row.action,
    entityType: row.entityType, entityId: row.entityId, requestId: row.requestId, ip: row.ip, meta: row.meta ?? null,
  });
}

/** The chain link every row sealed from now on gets: HMAC-SHA-256(key, prevHash "\n" content). */
export function auditHash(prevHash: string, row: AuditContent, key: Buffer = auditKey()): string {
  return createHmac("sha256", key).update(prevHash).update("\n").update(contentBody(row)).digest("hex");
}

/** The link of rows sealed before HAVEN_AUDIT_KEY existed: plain SHA-256, which anyone can recompute. */
export function legacyAuditHash(prevHash: string, row: AuditContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(contentBody(row)).digest("hex");
}

export type AuditRow = AuditContent & { id: bigint; seq: bigint; prevHash: string; hash: string };

export type ChainCheck = {
  key: Buffer;
  /** Rows at or below this chain position may carry a plain SHA-256 link (0: none may). */
  legacyUntilSeq?: bigint;
};

/** Why `row` does not link onto `prev`, or null when it does. */
export function chainRowProblem(row: AuditRow, prev: string, c: ChainCheck): string | null {
  if (row.prevHash !== prev) return "prevHash does not match the previous row";
  const legacy = row.seq <= (c.legacyUntilSeq ?? 0n);
  if (legacy) return legacyAuditHash(row.prevHash, row) === row.hash ? null : "content does not match its hash (a legacy SHA-256 row)";
  if (auditHash(row.prevHash, row, c.key) === row.hash) return null;
  if (legacyAuditHash(row.prevHash, row) === row.hash) {
    return "hash is plain SHA-256, not keyed with HAVEN_AUDIT_KEY (recomputed by someone without the key, or sealed before the key and not adopted: see `npm run audit:adopt-legacy`)";
  }
  return "content does not match its hash";
}

/** First broken row, or null when the chain is intact. */
export function findChainBreak(rows: Iterable<AuditRow>, c: ChainCheck, startHash = GENESIS_HASH): { id: bigint; seq: bigint; reason: string } | null {
  let prev = startHash;
  for (const row of rows) {
    const reason = chainRowProblem(row, prev, c);
    if (reason) return { id: row.id, seq: row.seq, reason };
    prev = row.hash;
  }
  return null;
}
