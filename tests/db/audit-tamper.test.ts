// What someone who controls the database — a table owner or superuser, who can switch the
// append-only trigger off — can do to the audit log, and how `audit:verify`'s verification catches
// each (S19, issue 12): edited rows, deleted middle rows and whole chains recomputed with plain
// SHA-256 or another key fail the keyed chain; dropping the newest rows leaves a chain that still
// links up and is caught by the signed checkpoints outside the database. Both engines.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditHash, GENESIS_HASH, LEGACY_ADOPTION_ACTION, legacyAuditHash, type AuditContent } from "@/lib/audit/chain";
import { readAuditCheckpoints, signAuditCheckpoint } from "@/lib/audit/checkpoint";
import { adoptLegacyAuditChain, writeAuditCheckpoint } from "@/lib/audit/maintain";
import { recordAudit } from "@/lib/audit/record";
import { sealAuditLog } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createTestDatabase, type TestDatabase } from "./helpers";
import { ensureTestKeys } from "./fixtures";

const dir = mkdtempSync(path.join(tmpdir(), "haven-audit-tamper-"));
let file: string;
let db: TestDatabase;
let n = 0;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});
// Each case starts from an empty log (emptied as the owner can) and a checkpoint file of its own.
beforeEach(async () => {
  await asOwner((p) => p.$executeRaw`DELETE FROM "AuditLog"`);
  file = path.join(dir, `checkpoints-${++n}.jsonl`);
});

const actor = { system: "test" };
async function writeSealed(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await db.prisma.$transaction((tx) => recordAudit(tx, actor, { action: "tamper.row", entityType: "Test", entityId: `e${i}` }));
  await sealAuditLog(db.prisma, { wait: true });
}
const verify = () => verifyAuditChain(db.prisma, { checkpoints: readAuditCheckpoints(file).lines, pageSize: 3 });
const nth = (seq: number) => db.prisma.auditLog.findFirstOrThrow({ where: { seq: BigInt(seq) } });

/** As the table owner: trigger off for the statements, on again afterwards. */
async function asOwner(sql: (p: PrismaClient) => Promise<unknown>): Promise<void> {
  await db.prisma.$executeRaw`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_update_delete"`;
  try {
    await sql(db.prisma);
  } finally {
    await db.prisma.$executeRaw`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_no_update_delete"`;
  }
}

/** The owner's cover-up: recompute prevHash and hash of every row from `fromSeq` on with `link`. */
async function rehash(p: PrismaClient, link: (prev: string, c: AuditContent) => string, fromSeq = 1): Promise<void> {
  const rows = await p.auditLog.findMany({ where: { seq: { not: null } }, orderBy: { seq: "asc" } });
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.seq! >= BigInt(fromSeq)) {
      const hash = link(prev, r);
      await p.$executeRaw`UPDATE "AuditLog" SET "prevHash" = ${prev}, "hash" = ${hash} WHERE id = ${r.id}`;
      prev = hash;
    } else prev = r.hash!;
  }
}
const plainSha256 = legacyAuditHash;
const otherKey = randomBytes(32);
const withOtherKey = (prev: string, c: AuditContent) => auditHash(prev, c, otherKey);

describe("the keyed chain", () => {
  it("verifies untouched, and a checkpoint of it matches", async () => {
    await writeSealed(6);
    await writeAuditCheckpoint(db.prisma, { file });
    expect(await verify()).toMatchObject({ rows: 6, broken: null, checkpoints: 1, legacyUntilSeq: 0n, head: { seq: 6n } });
  });

  it("an edited row, the chain recomputed after it with plain SHA-256: broken at that row", async () => {
    await writeSealed(6);
    const victim = await nth(3);
    await asOwner(async (p) => {
      await p.$executeRaw`UPDATE "AuditLog" SET "entityId" = 'someone-else' WHERE id = ${victim.id}`;
      await rehash(p, plainSha256, 3);
    });
    expect((await verify()).broken).toEqual({ id: victim.id, seq: 3n, reason: expect.stringMatching(/plain SHA-256, not keyed with HAVEN_AUDIT_KEY/) });
  });

  it("an edited row, every hash recomputed with plain SHA-256 or with a wrong key: broken at the first row", async () => {
    await writeSealed(5);
    const first = await nth(1);
    await asOwner(async (p) => {
      await p.$executeRaw`UPDATE "AuditLog" SET "action" = 'harmless' WHERE "seq" = 4`;
      await rehash(p, plainSha256);
    });
    expect((await verify()).broken).toMatchObject({ id: first.id, seq: 1n, reason: expect.stringMatching(/plain SHA-256/) });
    await asOwner((p) => rehash(p, withOtherKey));
    expect((await verify()).broken).toEqual({ id: first.id, seq: 1n, reason: "content does not match its hash" });
  });

  it("a deleted middle row, the rest renumbered and recomputed without the key: broken where the gap was", async () => {
    await writeSealed(6);
    const victim = await nth(3);
    const next = await nth(4);
    await asOwner(async (p) => {
      await p.$executeRaw`DELETE FROM "AuditLog" WHERE id = ${victim.id}`;
      for (let s = 4; s <= 6; s++) await p.$executeRaw`UPDATE "AuditLog" SET "seq" = "seq" - 1 WHERE "seq" = ${s}`;
      await rehash(p, withOtherKey, 3);
    });
    expect((await verify()).broken).toEqual({ id: next.id, seq: 3n, reason: "content does not match its hash" });
  });
});

describe("checkpoints", () => {
  it("deleting the newest rows passes the chain alone, and fails against a checkpoint (first missing position)", async () => {
    await writeSealed(6);
    await writeAuditCheckpoint(db.prisma, { file });
    await asOwner((p) => p.$executeRaw`DELETE FROM "AuditLog" WHERE "seq" > 4`);
    // The positive control: what is left still links up, so without checkpoints nothing shows.
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ rows: 4, broken: null });
    expect((await verify()).broken).toEqual({ id: null, seq: 5n, reason: expect.stringMatching(/records chain position 6, but the chain ends at 4: sealed rows were removed/) });
    // …and a new checkpoint is refused rather than vouching for the shorter chain.
    await expect(writeAuditCheckpoint(db.prisma, { file })).rejects.toThrow(/chain position 6 is missing/);
    expect(readAuditCheckpoints(file).lines).toHaveLength(1);
  });

  it("the newest rows dropped and replaced by new sealed ones: the checkpointed position has another hash", async () => {
    await writeSealed(4);
    await writeAuditCheckpoint(db.prisma, { file });
    const checkpointed = await nth(4);
    await asOwner((p) => p.$executeRaw`DELETE FROM "AuditLog" WHERE "seq" >= 3`);
    await writeSealed(3); // positions 3, 4, 5 again, properly keyed by the app
    const replaced = await nth(4);
    expect(replaced.id).not.toBe(checkpointed.id);
    expect((await verify()).broken).toEqual({ id: replaced.id, seq: 4n, reason: expect.stringMatching(/differs from the checkpoint of/) });
  });

  it("a checkpoint line altered, or written with another key, fails", async () => {
    await writeSealed(3);
    await writeAuditCheckpoint(db.prisma, { file });
    const [line] = readFileSync(file, "utf8").trim().split("\n");
    writeFileSync(file, `${line!.replace(/"seq":"3"/, '"seq":"2"')}\n`);
    expect((await verify()).broken).toEqual({ id: null, seq: null, reason: expect.stringMatching(/checkpoint line 1 .*wrong signature/) });
    // A checkpoint of the real head signed with another key, as someone without HAVEN_AUDIT_KEY would.
    const head = await nth(3);
    writeFileSync(file, `${JSON.stringify(signAuditCheckpoint(otherKey, { seq: 3n, hash: head.hash! }, new Date()))}\n`);
    expect((await verify()).broken).toMatchObject({ id: null, reason: expect.stringMatching(/wrong signature/) });
  });

  it("the checkpoint is verified from the last one on; --full verifies from the first row", async () => {
    await writeSealed(3);
    await writeAuditCheckpoint(db.prisma, { file });
    await asOwner((p) => p.$executeRaw`UPDATE "AuditLog" SET "entityId" = 'edited' WHERE "seq" = 2`);
    await writeSealed(2);
    // (The edited row is before the last checkpoint: the daily incremental check does not re-read it…)
    await writeAuditCheckpoint(db.prisma, { file });
    // …a full one, and audit:verify, do.
    await expect(writeAuditCheckpoint(db.prisma, { file, full: true })).rejects.toThrow(/chain position 2/);
    expect((await verify()).broken).toMatchObject({ seq: 2n });
  });
});

describe("the daily job", () => {
  it("writes one checkpoint a day (HAVEN_AUDIT_CHECKPOINTS), and reports a broken chain instead of vouching for it", async () => {
    const { runDailyJobsIfDue } = await import("@/lib/jobs/daily");
    const saved = process.env.HAVEN_AUDIT_CHECKPOINTS;
    process.env.HAVEN_AUDIT_CHECKPOINTS = file;
    try {
      await writeSealed(2);
      const day = new Date(Date.UTC(2031, 0, 10, 6));
      const first = await runDailyJobsIfDue(day);
      expect(first.checkpoint).toEqual({ seq: expect.stringMatching(/^\d+$/), file });
      expect(readAuditCheckpoints(file).lines).toHaveLength(1);
      expect((await runDailyJobsIfDue(new Date(day.getTime() + 3_600_000))).checkpoint).toBeNull(); // same day: not again
      await asOwner((p) => p.$executeRaw`UPDATE "AuditLog" SET "entityId" = 'edited' WHERE "seq" = (SELECT max("seq") FROM "AuditLog")`);
      const next = await runDailyJobsIfDue(new Date(day.getTime() + 86_400_000));
      expect(next.checkpoint).toEqual({ error: expect.stringMatching(/audit log broken at row/) });
      expect(readAuditCheckpoints(file).lines).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.HAVEN_AUDIT_CHECKPOINTS;
      else process.env.HAVEN_AUDIT_CHECKPOINTS = saved;
    }
  });
});

describe("chains sealed before HAVEN_AUDIT_KEY (legacy SHA-256)", () => {
  /** Makes the first `count` rows legacy: what an installation upgraded to this version has. */
  async function legacyRows(count: number): Promise<void> {
    await writeSealed(count);
    await asOwner((p) => rehash(p, plainSha256));
  }

  it("fail until adopted; after adoption the legacy rows and the keyed ones after them verify", async () => {
    await legacyRows(3);
    await writeSealed(2); // sealed by the new version: keyed, linked onto the legacy head
    expect((await verify()).broken).toMatchObject({ seq: 1n, reason: expect.stringMatching(/audit:adopt-legacy/) });
    const { legacyUntilSeq } = await adoptLegacyAuditChain(db.prisma, { file });
    expect(legacyUntilSeq).toBe(3n);
    expect(await verify()).toMatchObject({ broken: null, legacyUntilSeq: 3n, rows: 6 });
    await expect(adoptLegacyAuditChain(db.prisma, { file })).rejects.toThrow(/adopted before/);
    await writeAuditCheckpoint(db.prisma, { file });

    // Rewriting everything as legacy does not extend the adopted range: the adoption row is keyed.
    const adoption = await db.prisma.auditLog.findFirstOrThrow({ where: { action: LEGACY_ADOPTION_ACTION } });
    await asOwner((p) => rehash(p, plainSha256));
    expect((await verify()).broken).toMatchObject({ id: adoption.id, reason: expect.stringMatching(/adoption row is not keyed/) });
  });

  it("a legacy row edited after adoption is caught at the first keyed row", async () => {
    await legacyRows(3);
    await adoptLegacyAuditChain(db.prisma, { file });
    await asOwner(async (p) => {
      await p.$executeRaw`UPDATE "AuditLog" SET "entityId" = 'edited' WHERE "seq" = 2`;
      await rehash(p, plainSha256, 2);
    });
    const broken = (await verify()).broken;
    expect(broken?.seq).toBeGreaterThanOrEqual(3n);
    expect(broken?.seq).toBeLessThanOrEqual(4n);
  });

  it("a forged adoption row (inserted without the key) and adoption after checkpoints are refused", async () => {
    await legacyRows(3);
    await db.prisma.$transaction((tx) => recordAudit(tx, actor, { action: LEGACY_ADOPTION_ACTION, meta: { legacyUntilSeq: "3", legacyHeadHash: "0".repeat(64) } }));
    await sealAuditLog(db.prisma, { wait: true });
    const forged = await nth(4);
    await asOwner(async (p) => {
      const prev = (await nth(3)).hash!;
      await p.$executeRaw`UPDATE "AuditLog" SET "hash" = ${plainSha256(prev, forged)} WHERE id = ${forged.id}`;
    });
    expect((await verify()).broken).toMatchObject({ id: forged.id, reason: expect.stringMatching(/adoption row is not keyed/) });

    await asOwner((p) => p.$executeRaw`DELETE FROM "AuditLog"`);
    await writeSealed(2);
    await writeAuditCheckpoint(db.prisma, { file: path.join(dir, "fresh.jsonl") });
    await asOwner((p) => rehash(p, plainSha256));
    await expect(adoptLegacyAuditChain(db.prisma, { file: path.join(dir, "fresh.jsonl") })).rejects.toThrow(/checkpoints exist/);
  });

  it("a fresh install is keyed from row 1 (nothing to adopt)", async () => {
    await writeSealed(2);
    expect((await nth(1)).hash).toBe(auditHash(GENESIS_HASH, await nth(1)));
    await expect(adoptLegacyAuditChain(db.prisma, { file })).rejects.toThrow(/no legacy rows/);
  });
});
