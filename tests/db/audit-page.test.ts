// The administrators' audit log page at size (issue 11 item 6): keyset pages ("Newer"/"Older" by
// id), a count that stops at 10,001, a person filter through user ids, and — on PostgreSQL, after
// VACUUM ANALYZE on ~20k rows — no sequential scan of AuditLog for any page query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { AUDIT_COUNT_CAP, AUDIT_PAGE_SIZE, auditFiltersSchema, auditQueries, listAuditEntries } from "@/lib/domain/audit/queries";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: Viewer;
let heavy: Viewer; // ~30% of the rows
let light: Viewer; // a few dozen rows
const ROWS = 20_000;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  admin = await makeViewer("ADMIN", []);
  heavy = await makeViewer("LAWYER", []);
  light = await makeViewer("CASEWORKER", []);
  // A log of ROWS entries written straight in SQL (the hashes are placeholders: this file reads
  // the page, not the chain; seq starts far above anything the fixtures' rows could be sealed to).
  await db.prisma.$executeRaw`
    INSERT INTO "AuditLog" ("at", "actorId", "actorLabel", "action", "entityType", "entityId", "meta", "seq", "prevHash", "hash")
    SELECT timestamp '2026-01-01' + g * interval '1 minute',
      CASE WHEN g % 10 < 3 THEN ${heavy.id} WHEN g % 500 = 7 THEN ${light.id} WHEN g % 10 = 9 THEN NULL ELSE 'u' || (g % 97) END,
      CASE WHEN g % 10 < 3 THEN ${heavy.email} WHEN g % 500 = 7 THEN ${light.email} WHEN g % 10 = 9 THEN 'system:auth' ELSE 'u' || (g % 97) || '@x.example' END,
      CASE WHEN g % 50 = 0 THEN 'access.refused' WHEN g % 50 = 1 THEN 'auth.login.failure' WHEN g % 5 = 2 THEN 'auth.login.success'
           WHEN g % 5 = 3 THEN 'detainee.update' ELSE 'detainee.restricted.view' END,
      'Detainee', 'c' || (g % 150), '{"fields":["familyContacts"]}'::jsonb,
      1000000 + g, repeat('0', 64), repeat('1', 64)
    FROM generate_series(1, ${ROWS}) AS g`;
  await db.prisma.$executeRaw`VACUUM ANALYZE "AuditLog"`;
}, 180_000);
afterAll(async () => db?.close());

const filters = (raw: Record<string, unknown>) => auditFiltersSchema.parse(raw);

describe("keyset pages", () => {
  it("walks Older to the end and Newer back, every entry once, newest first, on the page size", async () => {
    const f = { entityId: "c42" }; // one entry in 150: a few pages
    const expected = (await db.prisma.auditLog.findMany({ where: { entityId: "c42" }, orderBy: { id: "desc" }, select: { id: true } })).map((r) => r.id.toString());
    expect(expected.length).toBeGreaterThan(2 * AUDIT_PAGE_SIZE);
    const seen: string[] = [];
    const pages: { before?: string; rows: string[] }[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await listAuditEntries(admin, filters({ ...f, before }));
      expect(page.total).toEqual({ count: expected.length, more: false });
      expect(page.rows.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
      if (before) expect(page.newer).toBe(page.rows[0]!.id);
      else expect(page.newer).toBeNull();
      pages.push({ before, rows: page.rows.map((r) => r.id) });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.older) break;
      expect(page.older).toBe(page.rows.at(-1)!.id);
      before = page.older;
    }
    expect(seen).toEqual(expected);
    // "Newer" from the last page gives the page before it, then the first page (newer: null).
    const last = pages.at(-1)!;
    const back = await listAuditEntries(admin, filters({ ...f, after: last.rows[0] }));
    expect(back.rows.map((r) => r.id)).toEqual(pages.at(-2)!.rows);
    const top = await listAuditEntries(admin, filters({ ...f, after: pages[1]!.rows[0] }));
    expect(top.rows.map((r) => r.id)).toEqual(pages[0]!.rows);
    expect(top.newer).toBeNull();
  });

  it("counts up to 10,000 and then says more", async () => {
    const all = await listAuditEntries(admin, filters({}));
    expect(all.total).toEqual({ count: AUDIT_COUNT_CAP, more: true });
    expect(all.rows).toHaveLength(AUDIT_PAGE_SIZE);
    const refusals = await listAuditEntries(admin, filters({ kind: "refusals" }));
    expect(refusals.total).toEqual({ count: await db.prisma.auditLog.count({ where: { OR: [{ action: "access.refused" }, { action: { endsWith: ".failure" } }] } }), more: false });
    expect(refusals.rows.every((r) => r.action === "access.refused" || r.action.endsWith(".failure"))).toBe(true);
    const changes = await listAuditEntries(admin, filters({ kind: "changes" }));
    expect(changes.rows.every((r) => !r.action.startsWith("auth.") && r.action !== "access.refused" && !r.action.endsWith(".view"))).toBe(true);
    const auth = await listAuditEntries(admin, filters({ kind: "auth" }));
    expect(auth.rows.every((r) => r.action.startsWith("auth."))).toBe(true);
  });

  it("finds a person by (part of) their account's email, case-insensitively; wildcards are literal", async () => {
    const mine = await listAuditEntries(admin, filters({ actor: light.email.toUpperCase() }));
    const count = await db.prisma.auditLog.count({ where: { actorId: light.id } });
    expect(mine.total).toEqual({ count, more: false });
    expect(mine.rows.every((r) => r.actorLabel === light.email)).toBe(true);
    // Several people: all of their entries.
    const domain = await listAuditEntries(admin, filters({ actor: "@test.example" }));
    expect(domain.total).toEqual({ count: await db.prisma.auditLog.count({ where: { actorId: { in: [admin.id, heavy.id, light.id] } } }), more: false });
    expect(domain.rows.every((r) => [heavy.email, light.email, admin.email].includes(r.actorLabel!))).toBe(true);
    // A fragment matching more accounts than fit in a list is still answered in full.
    await db.prisma.$executeRaw`
      INSERT INTO "User" ("id", "email", "displayName", "role", "passwordHash", "updatedAt")
      SELECT 'bulk' || g, 'bulk' || g || '@many.example', 'Bulk ' || g, 'VIEWER', 'x', now() FROM generate_series(1, 205) AS g`;
    await db.prisma.$executeRaw`
      INSERT INTO "AuditLog" ("actorId", "actorLabel", "action") SELECT 'bulk' || g, 'bulk' || g || '@many.example', 'auth.login.success' FROM generate_series(1, 205, 2) AS g`;
    expect((await listAuditEntries(admin, filters({ actor: "@many.example" }))).total).toEqual({ count: 103, more: false });
    expect((await listAuditEntries(admin, filters({ actor: "%" }))).total.count).toBe(0);
    expect((await listAuditEntries(admin, filters({ actor: "nobody@nowhere" }))).rows).toEqual([]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)("query plans (PostgreSQL, ~20k rows, after ANALYZE)", () => {
  const plan = async (q: Prisma.Sql) =>
    (await db.prisma.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${q}`).map((r) => r["QUERY PLAN"]).join("\n");

  it("no page query reads AuditLog sequentially, whatever the filters and cursor", async () => {
    const kinds = ["all", "refusals", "auth", "changes"] as const;
    const people = [undefined, heavy.email, light.email, "@test.example"];
    const records = [undefined, "c42"];
    const cursors = [{}, { before: "15000" }, { after: "3000" }];
    let checked = 0;
    for (const kind of kinds) for (const actor of people) for (const entityId of records) for (const cursor of cursors) {
      const q = await auditQueries(filters({ kind, actor, entityId, ...cursor }));
      const text = await plan(q!.page);
      expect(text, JSON.stringify({ kind, actor, entityId, cursor })).not.toMatch(/Seq Scan on "AuditLog"/);
      checked++;
    }
    expect(checked).toBe(96);
  });

  it("a page of one filter picks its ids from that filter's index alone", async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, "AuditLog_pkey"], [{ kind: "refusals" }, "AuditLog_kind_refusals_idx"], [{ kind: "auth", before: "15000" }, "AuditLog_kind_auth_idx"],
      [{ kind: "changes" }, "AuditLog_kind_changes_idx"], [{ actor: light.email }, "AuditLog_actorId_id_idx"], [{ actor: heavy.email, kind: "refusals" }, "AuditLog_"],
      [{ entityId: "c42" }, "AuditLog_entityId_id_idx"],
    ];
    for (const [f, index] of cases) {
      const text = await plan((await auditQueries(filters(f)))!.page);
      expect(text, JSON.stringify(f)).toMatch(new RegExp(`Index Only Scan (Backward )?using "${index}`));
    }
  });

  // (A filter matching a third of this small table is counted faster by reading the table, and
  // the planner rightly does; at 1M rows every count below, the heavy person's included, is an
  // index-only scan of ≤ 10,001 entries.)
  it("the count of each single filter is read from its own index", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ kind: "refusals" }, "AuditLog_kind_refusals_idx"], [{ kind: "auth" }, "AuditLog_kind_auth_idx"], [{ kind: "changes" }, "AuditLog_kind_changes_idx"],
      [{ actor: light.email }, "AuditLog_actorId_id_idx"], [{ entityId: "c42" }, "AuditLog_entityId_id_idx"],
    ];
    for (const [f, index] of cases) {
      const text = await plan((await auditQueries(filters(f)))!.count);
      expect(text, JSON.stringify(f)).toMatch(new RegExp(`Index (Only )?Scan using "${index}"`));
      expect(text, JSON.stringify(f)).not.toMatch(/Seq Scan on "AuditLog"/);
    }
  });
});
