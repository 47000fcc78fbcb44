// The audit log appended unsealed and sealed in order afterwards (S19, issue 11 item 7), on both
// engines: writers take no lock (on PostgreSQL one with an open transaction does not hold up
// another), the sealer chains rows by seq in the order they became visible, the trigger allows
// sealing and nothing else, and the verifier still catches tampering.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { auditHash, GENESIS_HASH, legacyAuditHash } from "@/lib/audit/chain";
import { adoptLegacyAuditChain } from "@/lib/audit/maintain";
import { recordAudit } from "@/lib/audit/record";
import { sealAuditLog, stopBackgroundAuditSealer } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createEmptyDatabase, createTestDatabase } from "./helpers";
import { ensureTestKeys, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => db?.close());

const pg = () => db.engine === "postgresql";
const actor = { system: "test" };
const write = (action: string) => db.prisma.$transaction((tx) => recordAudit(tx, actor, { action, entityType: "Test", entityId: action.replace(/\W/g, "_") }));
const rowOf = (action: string) => db.prisma.auditLog.findFirstOrThrow({ where: { action } });
const sealAll = () => sealAuditLog(db.prisma, { wait: true });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("appending", () => {
  it("writes the row pending (no position, no hash) and takes no lock", async () => {
    await write("append.pending");
    expect(await rowOf("append.pending")).toMatchObject({ seq: null, prevHash: null, hash: null, actorLabel: "system:test" });
    // No advisory lock is left behind by a writer (the old writer lock is gone).
    await db.prisma.$transaction(async (tx) => {
      await recordAudit(tx, actor, { action: "append.lockless" });
      const locks = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`;
      expect(locks[0]!.n).toBe(0);
    });
  });

  it("seals pending rows in id order into a gapless chain that verifies", async () => {
    for (let i = 0; i < 7; i++) await write(`append.batch.${i}`);
    const before = await verifyAuditChain(db.prisma);
    expect(before.pending.count).toBeGreaterThanOrEqual(9);
    const result = await sealAuditLog(db.prisma, { wait: true, batchSize: 3 }); // several transactions
    expect(result).toMatchObject({ busy: false, more: false });
    expect(result.sealed).toBe(before.pending.count);
    const rows = await db.prisma.auditLog.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => BigInt(i + 1)));
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => (a < b ? -1 : 1)));
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(db.prisma, { pageSize: 2 })).toMatchObject({ rows: rows.length, broken: null, pending: { count: 0, stale: false } });
    expect(await sealAll()).toEqual({ sealed: 0, busy: false, more: false });
  });

  it("a row that commits late gets a later position than rows with higher ids, and the chain verifies", async () => {
    // What a transaction still open during a seal looks like: its id was taken first…
    const [{ id: reserved }] = await db.prisma.$queryRaw<[{ id: bigint }]>`SELECT nextval(pg_get_serial_sequence('"AuditLog"', 'id')) AS id`;
    await write("late.second");
    await sealAll();
    // …and its row becomes visible only after that seal.
    await db.prisma.$executeRaw`INSERT INTO "AuditLog" ("id", "action", "actorLabel") VALUES (${reserved}, 'late.first', 'system:test')`;
    await sealAll();
    const [first, second] = [await rowOf("late.first"), await rowOf("late.second")];
    expect(first.id).toBeLessThan(second.id);
    expect(first.seq).toBe(second.seq! + 1n);
    expect(first.prevHash).toBe(second.hash);
    expect((await verifyAuditChain(db.prisma)).broken).toBeNull();
  });

  it("stops at maxBatches and says there is more", async () => {
    for (let i = 0; i < 5; i++) await write(`append.more.${i}`);
    expect(await sealAuditLog(db.prisma, { batchSize: 2, maxBatches: 1 })).toEqual({ sealed: 2, busy: false, more: true });
    expect((await sealAll()).sealed).toBe(3);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("concurrent writers (PostgreSQL)", () => {
  it("a writer does not wait for another transaction that holds an audit row open", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const safety = setTimeout(() => release(), 3_000); // if B were blocked, A lets go after 3 s
    let written!: () => void;
    const aWrote = new Promise<void>((r) => (written = r));
    const a = db.prisma.$transaction(async (tx) => {
      await recordAudit(tx, actor, { action: "concurrent.a" });
      written();
      await gate;
    }, { timeout: 20_000 });
    await aWrote;
    const t0 = performance.now();
    await write("concurrent.b");
    const waited = performance.now() - t0;
    release();
    clearTimeout(safety);
    await a;
    expect(waited).toBeLessThan(500);
  });

  it("a transaction committing after a seal lands after it; parallel writers and sealers keep one chain", async () => {
    await sealAll();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const aWrote = new Promise<void>((r) => (written = r));
    const a = db.prisma.$transaction(async (tx) => {
      await recordAudit(tx, actor, { action: "inflight.low" });
      written();
      await gate;
    }, { timeout: 20_000 });
    await aWrote;
    await write("inflight.high");
    await sealAll(); // cannot see the open transaction's row
    expect((await rowOf("inflight.high")).seq).not.toBeNull();
    release();
    await a;
    await sealAll();
    const [low, high] = [await rowOf("inflight.low"), await rowOf("inflight.high")];
    expect(low.id).toBeLessThan(high.id);
    expect(low.seq).toBe(high.seq! + 1n);

    // Eight writers, each a transaction writing five rows with pauses between them, while three
    // sealers run in a loop: the writes overlap, nobody waits, and the result is one chain.
    let writing = true;
    const sealers = Array.from({ length: 3 }, async () => {
      let busy = 0;
      while (writing) {
        busy += (await sealAuditLog(db.prisma)).busy ? 1 : 0;
        await sleep(5);
      }
      return busy;
    });
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 8 }, (_, w) => db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await recordAudit(tx, actor, { action: `parallel.${w}.${i}` });
        await sleep(40);
      }
    }, { timeout: 20_000 })));
    const elapsed = performance.now() - t0;
    writing = false;
    const busy = (await Promise.all(sealers)).reduce((a, b) => a + b, 0);
    // Serialised, the eight transactions would take ≥ 8 × 200 ms.
    expect(elapsed).toBeLessThan(1_200);
    await sealAll();
    const v = await verifyAuditChain(db.prisma);
    expect(v).toMatchObject({ broken: null, pending: { count: 0 } });
    expect(v.rows).toBe(await db.prisma.auditLog.count());
    expect(busy).toBeGreaterThanOrEqual(0); // (sealers that found the lock taken simply stopped)
  });
});

describe("the database allows sealing and nothing else", () => {
  // (The PGlite adapter drops the database's message, so only PostgreSQL is checked for it.)
  const refusal = () => (pg() ? /append-only|AuditLog_sealed_together/ : /./);

  it("refuses editing a sealed row, re-sealing it, deleting, and sealing with changed content", async () => {
    await write("trigger.sealed");
    await sealAll();
    const sealed = await rowOf("trigger.sealed");
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET "entityId" = 'forged' WHERE id = ${sealed.id}`).rejects.toThrow(refusal());
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET "hash" = ${"f".repeat(64)} WHERE id = ${sealed.id}`).rejects.toThrow(refusal());
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET "seq" = "seq" + 1000 WHERE id = ${sealed.id}`).rejects.toThrow(refusal());
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET "seq" = NULL, "prevHash" = NULL, "hash" = NULL WHERE id = ${sealed.id}`).rejects.toThrow(refusal());
    await expect(db.prisma.$executeRaw`DELETE FROM "AuditLog" WHERE id = ${sealed.id}`).rejects.toThrow(refusal());

    await write("trigger.pending");
    const pending = await rowOf("trigger.pending");
    const h = "a".repeat(64);
    // Content changed while sealing; half a seal; any other column of a pending row; deleting it.
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET "seq" = 999999, "prevHash" = ${h}, "hash" = ${h}, "action" = 'forged' WHERE id = ${pending.id}`).rejects.toThrow(refusal());
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET "seq" = 999999, "prevHash" = ${h}, "hash" = ${h}, "at" = "at" - interval '1 day' WHERE id = ${pending.id}`).rejects.toThrow(refusal());
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET "seq" = 999999 WHERE id = ${pending.id}`).rejects.toThrow(refusal());
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET "meta" = '{"x":1}' WHERE id = ${pending.id}`).rejects.toThrow(refusal());
    await expect(db.prisma.$executeRaw`DELETE FROM "AuditLog" WHERE id = ${pending.id}`).rejects.toThrow(refusal());
    expect(await rowOf("trigger.pending")).toEqual(pending);
    expect(await db.prisma.auditLog.findUniqueOrThrow({ where: { id: sealed.id } })).toEqual(sealed);
    await sealAll();
    expect((await verifyAuditChain(db.prisma)).broken).toBeNull();
  });
});

describe("the verifier", () => {
  // A database owner can switch the trigger off; the chain still gives them away. Each case is
  // undone afterwards (trigger off again) so the next one starts from an intact chain.
  async function asOwner(sql: (p: PrismaClient) => Promise<unknown>): Promise<void> {
    await db.prisma.$executeRaw`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_update_delete"`;
    try {
      await sql(db.prisma);
    } finally {
      await db.prisma.$executeRaw`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_no_update_delete"`;
    }
  }
  const nth = async (n: number) => db.prisma.auditLog.findFirstOrThrow({ where: { seq: BigInt(n) } });

  it("finds an edited row, a deleted middle row and a renumbered row; flags old pending rows", async () => {
    for (let i = 0; i < 4; i++) await write(`verify.${i}`);
    await sealAll();
    expect((await verifyAuditChain(db.prisma)).broken).toBeNull();

    const victim = await nth(3);
    await asOwner((p) => p.$executeRaw`UPDATE "AuditLog" SET "entityId" = 'someone-else' WHERE id = ${victim.id}`);
    expect((await verifyAuditChain(db.prisma, { pageSize: 2 })).broken).toMatchObject({ id: victim.id, seq: 3n, reason: "content does not match its hash" });
    await asOwner((p) => p.$executeRaw`UPDATE "AuditLog" SET "entityId" = ${victim.entityId} WHERE id = ${victim.id}`);
    expect((await verifyAuditChain(db.prisma)).broken).toBeNull();

    // Deleting a middle row, even renumbering the rest to close the gap, breaks the next link.
    const next = await nth(4);
    await asOwner(async (p) => {
      await p.$executeRaw`DELETE FROM "AuditLog" WHERE id = ${victim.id}`;
      const maxSeq = (await p.auditLog.aggregate({ _max: { seq: true } }))._max.seq!;
      for (let s = 4n; s <= maxSeq; s++) await p.$executeRaw`UPDATE "AuditLog" SET "seq" = "seq" - 1 WHERE "seq" = ${s}`;
    });
    expect((await verifyAuditChain(db.prisma)).broken).toMatchObject({ id: next.id, reason: "prevHash does not match the previous row" });
    await asOwner(async (p) => {
      const maxSeq = (await p.auditLog.aggregate({ _max: { seq: true } }))._max.seq!;
      for (let s = maxSeq; s >= 3n; s--) await p.$executeRaw`UPDATE "AuditLog" SET "seq" = "seq" + 1 WHERE "seq" = ${s}`;
      await p.auditLog.create({ data: { ...victim, meta: victim.meta ?? undefined } });
    });
    expect((await verifyAuditChain(db.prisma)).broken).toBeNull();

    // A sealed row moved to another position (a gap where it was).
    const last = await db.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: "desc" } });
    await asOwner((p) => p.$executeRaw`UPDATE "AuditLog" SET "seq" = "seq" + 5 WHERE id = ${last.id}`);
    expect((await verifyAuditChain(db.prisma)).broken).toMatchObject({ id: last.id, reason: expect.stringMatching(/chain position/) });
    await asOwner((p) => p.$executeRaw`UPDATE "AuditLog" SET "seq" = ${last.seq} WHERE id = ${last.id}`);

    // Pending rows are counted, and flagged once older than five minutes.
    await write("verify.pending");
    const fresh = await verifyAuditChain(db.prisma);
    expect(fresh.pending).toMatchObject({ count: 1, stale: false });
    expect(fresh.pending.oldestAgeMs).toBeLessThan(60_000);
    const later = await verifyAuditChain(db.prisma, { now: new Date(Date.now() + 6 * 60_000) });
    expect(later.pending).toMatchObject({ count: 1, stale: true });
    expect(later.broken).toBeNull();
    await sealAll();
  });

  it("recomputes every hash from the stored content (what the sealer hashed is what is stored)", async () => {
    await sealAll();
    const rows = await db.prisma.auditLog.findMany({ orderBy: { seq: "asc" } });
    for (const r of rows) expect(auditHash(r.prevHash!, r)).toBe(r.hash);
  });
});

describe("background sealing in a server process", () => {
  it("seals rows shortly after their transaction commits, without the writer waiting", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    try {
      await sealAll();
      const viewer = await makeViewer("CASEWORKER", []); // (writes audit rows of its own)
      await db.prisma.$transaction(async (tx) => {
        await recordAudit(tx, viewer, { action: "background.view" });
        // The writer only appended it.
        expect(await tx.auditLog.findFirstOrThrow({ where: { action: "background.view" } })).toMatchObject({ seq: null });
      });
      const deadline = Date.now() + 5_000;
      while ((await rowOf("background.view")).seq === null && Date.now() < deadline) await sleep(50);
      expect((await rowOf("background.view")).seq).not.toBeNull();
      expect(await verifyAuditChain(db.prisma)).toMatchObject({ broken: null, pending: { count: 0 } });
    } finally {
      vi.unstubAllEnvs();
      stopBackgroundAuditSealer();
    }
  });
});

describe("upgrading a database written before sealing", () => {
  it("numbers the existing chain in id order, and new rows continue it", async () => {
    const folders = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const sealing = folders.findIndex((f) => f.endsWith("_audit_sealing"));
    const dir = await mkdtemp(path.join(tmpdir(), "haven-audit-upgrade-"));
    const empty = await createEmptyDatabase();
    try {
      for (const f of folders.slice(0, sealing)) await cp(path.join(DEFAULT_MIGRATIONS_DIR, f), path.join(dir, f), { recursive: true });
      await applyMigrations(empty.runner, { dir });
      // Rows as the old writer chained them (plain SHA-256: there was no HAVEN_AUDIT_KEY yet), ids
      // with a gap (a rolled-back transaction).
      let prev = GENESIS_HASH;
      for (const [id, action] of [[1, "old.one"], [2, "old.two"], [5, "old.three"]] as const) {
        const content = { at: new Date(Date.UTC(2026, 10, 30, 12, id)), actorId: null, actorLabel: "system:seed", action, entityType: null, entityId: null, requestId: null, ip: null, meta: { n: id } };
        const hash = legacyAuditHash(prev, content);
        await empty.runner.query(
          `INSERT INTO "AuditLog" (id, at, "actorLabel", action, meta, "prevHash", hash) VALUES ($1, $2::text::timestamp, $3, $4, $5::text::jsonb, $6, $7)`,
          [id, content.at.toISOString().replace("T", " ").replace("Z", ""), content.actorLabel, action, JSON.stringify(content.meta), prev, hash],
        );
        prev = hash;
      }
      await empty.runner.query(`SELECT setval(pg_get_serial_sequence('"AuditLog"', 'id'), 5)`);
      expect((await applyMigrations(empty.runner)).applied).toEqual(folders.slice(sealing));

      const client = new PrismaClient({ adapter: empty.pglite ? new PrismaPGlite(empty.pglite) : new PrismaPg({ connectionString: empty.url! }) });
      try {
        const rows = await client.auditLog.findMany({ orderBy: { id: "asc" }, select: { id: true, seq: true } });
        expect(rows).toEqual([{ id: 1n, seq: 1n }, { id: 2n, seq: 2n }, { id: 5n, seq: 3n }]);
        await client.$transaction((tx) => recordAudit(tx, actor, { action: "new.one" }));
        expect(await sealAuditLog(client, { wait: true })).toMatchObject({ sealed: 1 });
        expect(await client.auditLog.findFirstOrThrow({ where: { action: "new.one" } })).toMatchObject({ id: 6n, seq: 4n });
        // The new row is keyed; the legacy rows verify once adopted (issue 12, S19), not before.
        expect((await client.auditLog.findFirstOrThrow({ where: { action: "new.one" } })).hash).toBe(auditHash(prev, await client.auditLog.findFirstOrThrow({ where: { action: "new.one" } })));
        expect((await verifyAuditChain(client)).broken).toMatchObject({ seq: 1n, reason: expect.stringMatching(/audit:adopt-legacy/) });
        const checkpoints = path.join(dir, "no-checkpoints.jsonl");
        expect(await adoptLegacyAuditChain(client, { file: checkpoints })).toMatchObject({ legacyUntilSeq: 3n, verification: { broken: null } });
        expect(await verifyAuditChain(client)).toMatchObject({ rows: 5, broken: null, legacyUntilSeq: 3n });
        // The old rows are sealed like any other: the trigger refuses to touch them.
        await expect(client.$executeRaw`UPDATE "AuditLog" SET "action" = 'forged' WHERE id = 1`).rejects.toThrow();
      } finally {
        await client.$disconnect();
      }
    } finally {
      await empty.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
