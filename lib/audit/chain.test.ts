// The audit chain's links (S19): an HMAC under HAVEN_AUDIT_KEY, so a chain recomputed by someone
// who controls the database but not the key — with plain SHA-256, or with another key — fails;
// plain SHA-256 rows pass only up to an adopted legacy position.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditHash, findChainBreak, GENESIS_HASH, legacyAuditHash, parseAuditKey, type AuditContent, type AuditRow } from "./chain";

const key = randomBytes(32);

function content(i: number): AuditContent {
  return {
    at: new Date(Date.UTC(2026, 10, 1, 0, i)),
    actorId: "u1", actorLabel: null, action: "detainee.update", entityType: "Detainee",
    entityId: `d${i}`, requestId: `r${i}`, ip: null, meta: { fields: ["status"], b: 1, a: 2 },
  };
}

/** n rows; the first `legacy` linked with plain SHA-256, the rest with `k`. */
function chain(n: number, k: Buffer = key, legacy = 0): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const c = content(i);
    const hash = i < legacy ? legacyAuditHash(prev, c) : auditHash(prev, c, k);
    rows.push({ ...c, id: BigInt(i + 1), seq: BigInt(i + 1), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

/** What someone with the database but not the key can do: recompute every link after an edit. */
function rehash(rows: AuditRow[], link: (prev: string, c: AuditContent) => string): AuditRow[] {
  let prev = GENESIS_HASH;
  return rows.map((r) => {
    const hash = link(prev, r);
    const out = { ...r, prevHash: prev, hash };
    prev = hash;
    return out;
  });
}

describe("audit hash chain", () => {
  it("accepts an intact keyed chain", () => {
    expect(findChainBreak(chain(5), { key })).toBeNull();
  });

  it("links are keyed: the same content under another key gives another hash", () => {
    const c = content(0);
    expect(auditHash(GENESIS_HASH, c, key)).not.toBe(auditHash(GENESIS_HASH, c, randomBytes(32)));
    expect(auditHash(GENESIS_HASH, c, key)).not.toBe(legacyAuditHash(GENESIS_HASH, c));
  });

  it("does not depend on JSON key order (jsonb reorders keys)", () => {
    const rows = chain(2);
    rows[1]!.meta = { a: 2, b: 1, fields: ["status"] };
    expect(findChainBreak(rows, { key })).toBeNull();
  });

  it("detects an edited row", () => {
    const rows = chain(5);
    rows[2]!.entityId = "tampered";
    expect(findChainBreak(rows, { key })).toEqual({ id: 3n, seq: 3n, reason: "content does not match its hash" });
  });

  it("detects a deleted row", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findChainBreak(rows, { key })?.id).toBe(3n);
  });

  it("detects a chain edited and recomputed with plain SHA-256, from the first row", () => {
    const rows = chain(5);
    rows[3]!.entityId = "tampered";
    const forged = rehash(rows, legacyAuditHash);
    expect(findChainBreak(forged, { key })).toEqual({ id: 1n, seq: 1n, reason: expect.stringMatching(/plain SHA-256, not keyed with HAVEN_AUDIT_KEY/) });
  });

  it("detects a chain recomputed with another key", () => {
    const forged = rehash(chain(5), (p, c) => auditHash(p, c, randomBytes(32)));
    expect(findChainBreak(forged, { key })).toEqual({ id: 1n, seq: 1n, reason: "content does not match its hash" });
  });

  it("accepts plain SHA-256 rows only up to the adopted legacy position", () => {
    const rows = chain(6, key, 3);
    expect(findChainBreak(rows, { key })).toMatchObject({ seq: 1n }); // not adopted: rejected
    expect(findChainBreak(rows, { key, legacyUntilSeq: 3n })).toBeNull();
    // A legacy row edited (and its successors recomputed as legacy) breaks at the first keyed row,
    // whose prevHash is covered by the key.
    const edited = rows.map((r) => ({ ...r }));
    edited[1]!.entityId = "tampered";
    const relinked = [...rehash(edited.slice(0, 3), legacyAuditHash), ...edited.slice(3)];
    expect(findChainBreak(relinked, { key, legacyUntilSeq: 3n })).toEqual({ id: 4n, seq: 4n, reason: "prevHash does not match the previous row" });
    // Claiming more rows as legacy does not help a row that is keyed.
    const allPlain = rehash(rows, legacyAuditHash);
    expect(findChainBreak(allPlain, { key, legacyUntilSeq: 3n })).toMatchObject({ seq: 4n, reason: expect.stringMatching(/plain SHA-256/) });
  });
});

describe("HAVEN_AUDIT_KEY", () => {
  it("takes 32 or more bytes of base64 or base64url, and says what is wrong otherwise", () => {
    const k = randomBytes(32);
    expect(parseAuditKey(k.toString("base64"))).toEqual(k);
    expect(parseAuditKey(k.toString("base64url"))).toEqual(k);
    expect(() => parseAuditKey(undefined)).toThrow(/HAVEN_AUDIT_KEY is not set/);
    expect(() => parseAuditKey("  ")).toThrow(/HAVEN_AUDIT_KEY is not set/);
    expect(() => parseAuditKey(randomBytes(16).toString("base64"))).toThrow(/only 16 bytes/);
    expect(() => parseAuditKey("not base64 at all!")).toThrow(/not base64/);
  });
});
