// Authorization failures in the audit log (S19) and the administrators' reading of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { recordRefusal } from "@/lib/audit/refusal";
import { sealAuditLog } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { auditFiltersSchema, listAuditEntries } from "@/lib/domain/audit/queries";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => db?.close());

const filters = (raw: Record<string, unknown>) => auditFiltersSchema.parse(raw);

describe("recordRefusal", () => {
  it("records who was refused what, keeps only id-shaped record ids, and the chain still verifies", async () => {
    const lawyer = await makeViewer("LAWYER", []);
    await recordRefusal(lawyer, { target: "/detainees/[detaineeId]", code: "NOT_FOUND", entityType: "Detainee", entityId: "cnosuchrecord0000000000000", reason: "scope" });
    await recordRefusal(lawyer, { target: "action:addNote", code: "FORBIDDEN", entityId: "x'; DROP TABLE \"AuditLog\"; --\n" });
    const rows = await db.prisma.auditLog.findMany({ where: { action: "access.refused", actorId: lawyer.id }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actorLabel: lawyer.email, entityType: "Detainee", entityId: "cnosuchrecord0000000000000", meta: { target: "/detainees/[detaineeId]", code: "NOT_FOUND", reason: "scope" } });
    expect(rows[1]!.entityId).toBeNull();
    await sealAuditLog(db.prisma, { wait: true });
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ broken: null, pending: { count: 0 } });
  });
});

describe("listAuditEntries", () => {
  it("only administrators read it", async () => {
    for (const role of ["LAWYER", "CASEWORKER", "VIEWER"] as const) {
      await expect(listAuditEntries(await makeViewer(role, []), filters({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("filters refusals, people (wildcards literal) and records; bad query values fall back", async () => {
    const admin = await makeViewer("ADMIN", []);
    const prober = await makeViewer("CASEWORKER", []);
    await recordRefusal(prober, { target: "/admin", code: "NOT_FOUND", reason: "role" });
    const refusals = await listAuditEntries(admin, filters({ kind: "refusals", actor: prober.email }));
    expect(refusals.rows.map((r) => r.action)).toEqual(["access.refused"]);
    expect(refusals.rows[0]!.meta).toMatchObject({ target: "/admin" });
    expect((await listAuditEntries(admin, filters({ actor: "%" }))).total).toEqual({ count: 0, more: false });
    expect((await listAuditEntries(admin, filters({ actor: "_" }))).total).toEqual({ count: 0, more: false });
    const byRecord = await listAuditEntries(admin, filters({ entityId: "cnosuchrecord0000000000000" }));
    expect(byRecord.rows.every((r) => r.entityId === "cnosuchrecord0000000000000")).toBe(true);
    expect(byRecord.total.count).toBeGreaterThan(0);
    expect(filters({ kind: "everything'--", before: "-3", after: "1e3", entityId: "../x" })).toEqual({ kind: "all", actor: undefined, entityId: undefined, before: undefined, after: undefined });
    const all = await listAuditEntries(admin, filters({}));
    expect(all.total.count).toBeGreaterThanOrEqual(3);
    expect(all.rows.map((r) => Number(r.id))).toEqual([...all.rows.map((r) => Number(r.id))].sort((a, b) => b - a));
  });
});
