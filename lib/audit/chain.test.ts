import { describe, expect, it } from "vitest";
import { auditHash, findChainBreak, GENESIS_HASH, type AuditRow } from "./chain";

function chain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const content = {
      at: new Date(Date.UTC(2026, 10, 1, 0, i)),
      actorId: "u1", actorLabel: null, action: "detainee.update", entityType: "Detainee",
      entityId: `d${i}`, requestId: `r${i}`, ip: null, meta: { fields: ["status"], b: 1, a: 2 },
    };
    const hash = auditHash(prev, content);
    rows.push({ ...content, id: BigInt(i + 1), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("audit hash chain", () => {
  it("accepts an intact chain", () => {
    expect(findChainBreak(chain(5))).toBeNull();
  });

  it("does not depend on JSON key order (jsonb reorders keys)", () => {
    const rows = chain(2);
    rows[1]!.meta = { a: 2, b: 1, fields: ["status"] };
    expect(findChainBreak(rows)).toBeNull();
  });

  it("detects an edited row", () => {
    const rows = chain(5);
    rows[2]!.entityId = "tampered";
    expect(findChainBreak(rows)).toEqual({ id: 3n, reason: "content does not match its hash" });
  });

  it("detects a deleted row", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findChainBreak(rows)?.id).toBe(3n);
  });
});
