// One-time tokens for invites, password resets and export links (S23). The token is 256 bits
// from the CSPRNG and is shown once; the database keeps only its SHA-256, so a leaked backup or
// a read-only SQL injection yields nothing usable. Consuming is one UPDATE … WHERE usedAt IS NULL
// AND expiresAt > now: two concurrent uses cannot both succeed, and an expired token never works.
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

const TOKEN_BYTES = 32;
// base64url of 32 bytes; anything else is refused before it reaches the database.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** No token lives longer than a week, whatever the caller asks. */
export const MAX_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type IssueTokenInput = {
  /** What the token is for, e.g. "invite", "password-reset", "export"; checked again on use. */
  kind: string;
  ttlMs: number;
  userId?: string | null;
  payload?: Prisma.InputJsonValue;
  createdById?: string | null;
  now?: Date;
};

export type ConsumedToken = { id: string; kind: string; userId: string | null; payload: Prisma.JsonValue | null };

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Stores the token's hash and returns the token itself — the only time it exists in clear. */
export async function issueToken(db: Tx, input: IssueTokenInput): Promise<{ id: string; token: string; expiresAt: Date }> {
  if (!input.kind || input.kind.length > 64) throw new Error("token kind must be 1-64 characters");
  if (!(input.ttlMs > 0 && input.ttlMs <= MAX_TOKEN_TTL_MS)) throw new Error("token lifetime must be between 0 and 7 days");
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date((input.now ?? new Date()).getTime() + input.ttlMs);
  const row = await db.oneTimeToken.create({
    data: { kind: input.kind, tokenHash: hashToken(token), userId: input.userId ?? null, payload: input.payload, createdById: input.createdById ?? null, expiresAt },
    select: { id: true },
  });
  return { id: row.id, token, expiresAt };
}

/**
 * Marks the token used and returns what it was issued with; null when it is unknown, of another
 * kind, already used or expired (the caller cannot tell which: nothing to probe). Pass the
 * transaction of the work the token authorises, so a failed action leaves the token unused.
 */
export async function consumeToken(db: Tx, kind: string, token: string, now: Date = new Date()): Promise<ConsumedToken | null> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return null;
  const tokenHash = hashToken(token);
  const claimed = await db.oneTimeToken.updateMany({
    where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return null;
  const row = await db.oneTimeToken.findUniqueOrThrow({ where: { tokenHash }, select: { id: true, kind: true, userId: true, payload: true } });
  return row;
}

/** Ends every unused token of a kind for a user (e.g. a new invite replaces the old one). */
export async function revokeTokens(db: Tx, kind: string, userId: string, now: Date = new Date()): Promise<number> {
  const r = await db.oneTimeToken.updateMany({ where: { kind, userId, usedAt: null }, data: { usedAt: now } });
  return r.count;
}

/** Deletes tokens that can no longer be used (expired or used more than a day ago). */
export async function deleteStaleTokens(db: Tx, now: Date = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const r = await db.oneTimeToken.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { usedAt: { lt: dayAgo } }] } });
  return r.count;
}
