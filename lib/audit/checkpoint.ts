// Audit checkpoints (S19): the chain's head — its position (seq), hash and the time — signed with
// HMAC-SHA-256 under HAVEN_AUDIT_KEY and appended as one JSON line to a file outside the database
// (HAVEN_AUDIT_CHECKPOINTS, default ./data/audit-checkpoints.jsonl, mode 0600, opened append-only).
// The chain alone cannot show that its newest rows were dropped (what is left still links up);
// a checkpoint can: lib/audit/verify.ts fails when a checkpoint's position is beyond the table's
// last row, or the row there has another hash, or the checkpoint's signature is wrong.
//
// Written by `npm run audit:checkpoint` and the daily job (lib/jobs/daily.ts), each time only after
// verifying the chain from the previous checkpoint, so a checkpoint never vouches for tampering.
import { createHmac, timingSafeEqual } from "node:crypto";
import { closeSync, constants, existsSync, fchmodSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { stableStringify } from "./stable-json";

export type AuditCheckpoint = { v: 1; seq: string; hash: string; at: string; sig: string };

/** One line of the file: its number (1-based) and what it holds (checked by checkAuditCheckpoint). */
export type CheckpointLine = { line: number; value: unknown };

export function auditCheckpointsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.HAVEN_AUDIT_CHECKPOINTS || path.join(process.cwd(), "data", "audit-checkpoints.jsonl"));
}

function signature(key: Buffer, c: { seq: string; hash: string; at: string }): string {
  // Domain-separated from the chain's own HMAC: a checkpoint can never pass for a row link.
  return createHmac("sha256", key).update("haven-audit-checkpoint\n").update(stableStringify({ v: 1, seq: c.seq, hash: c.hash, at: c.at })).digest("hex");
}

export function signAuditCheckpoint(key: Buffer, head: { seq: bigint; hash: string }, at: Date): AuditCheckpoint {
  const body = { seq: head.seq.toString(), hash: head.hash, at: at.toISOString() };
  return { v: 1, ...body, sig: signature(key, body) };
}

/** A valid checkpoint, or why this line is not one. */
export function checkAuditCheckpoint(key: Buffer, l: CheckpointLine): { ok: true; seq: bigint; hash: string; at: string } | { ok: false; reason: string } {
  const c = l.value as Partial<AuditCheckpoint> | null;
  if (!c || typeof c !== "object" || c.v !== 1 || typeof c.seq !== "string" || !/^\d{1,19}$/.test(c.seq)
    || typeof c.hash !== "string" || !/^[0-9a-f]{64}$/.test(c.hash) || typeof c.at !== "string" || typeof c.sig !== "string" || !/^[0-9a-f]{64}$/.test(c.sig)) {
    return { ok: false, reason: `checkpoint line ${l.line} is not a checkpoint` };
  }
  const expected = Buffer.from(signature(key, { seq: c.seq, hash: c.hash, at: c.at }), "hex");
  if (!timingSafeEqual(expected, Buffer.from(c.sig, "hex"))) {
    return { ok: false, reason: `checkpoint line ${l.line} (chain position ${c.seq}, ${c.at}) has a wrong signature: written without HAVEN_AUDIT_KEY or altered` };
  }
  return { ok: true, seq: BigInt(c.seq), hash: c.hash, at: c.at };
}

/** The file's lines (none when it does not exist yet). */
export function readAuditCheckpoints(file: string): { exists: boolean; lines: CheckpointLine[] } {
  if (!existsSync(file)) return { exists: false, lines: [] };
  const lines: CheckpointLine[] = [];
  readFileSync(file, "utf8").split("\n").forEach((text, i) => {
    if (!text.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = null;
    }
    lines.push({ line: i + 1, value });
  });
  return { exists: true, lines };
}

/** Appends one line: O_APPEND (never rewrites what is there), created 0600, directory 0700. */
export function appendAuditCheckpoint(file: string, checkpoint: AuditCheckpoint): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
  try {
    if ((fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, 0o600); // (a file someone created more open)
    writeSync(fd, `${JSON.stringify(checkpoint)}\n`);
  } finally {
    closeSync(fd);
  }
}
