import { randomBytes } from "node:crypto";

/**
 * A cuid-shaped id (c + 24 hex = 96 random bits) made in code, for rows whose id must be known
 * before the insert (bulk inserts; encrypted fields bound to their row id, lib/crypto/field.ts).
 */
export function newId(): string {
  return `c${randomBytes(12).toString("hex")}`;
}
