// Audit log integrity (append-only trigger, hash chain) and session revocation, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { sealAuditLog } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createFirstAdmin, setUserDisabled, updateUserAccess } from "@/lib/domain/user/mutations";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFreshAdmin, makeTeam, makeViewer } from "./fixtures";

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
});
afterAll(async () => db?.close());

describe("audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE at the database level", async () => {
    await makeTeam();
    expect(await db.prisma.auditLog.count()).toBeGreaterThan(0);
    const before = await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    // (The PGlite adapter drops the database's message, so only PostgreSQL is checked for it.)
    const refusal = db.engine === "postgresql" ? /append-only/ : /./;
    await expect(db.prisma.$executeRaw`UPDATE "AuditLog" SET action = 'forged'`).rejects.toThrow(refusal);
    await expect(db.prisma.$executeRaw`DELETE FROM "AuditLog"`).rejects.toThrow(refusal);
    await expect(db.prisma.$executeRaw`TRUNCATE "AuditLog"`).rejects.toThrow(refusal);
    expect(await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("keeps an intact hash chain across many writes, and the verifier detects tampering", async () => {
    const teamId = await makeTeam();
    await Promise.all(Array.from({ length: 6 }, () => makeViewer("CASEWORKER", [teamId])));
    // Rows are appended pending; the sealer chains them (lib/audit/seal.ts).
    expect((await verifyAuditChain(db.prisma)).pending.count).toBeGreaterThan(0);
    expect((await sealAuditLog(db.prisma, { wait: true, batchSize: 3 })).sealed).toBeGreaterThan(0);
    const ok = await verifyAuditChain(db.prisma, { pageSize: 4 }); // small pages: crosses page boundaries
    expect(ok.broken).toBeNull();
    expect(ok.pending.count).toBe(0);
    expect(ok.rows).toBe(await db.prisma.auditLog.count());

    // A database superuser could switch the trigger off; the chain still gives them away.
    await db.prisma.$executeRaw`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_update_delete"`;
    const victim = await db.prisma.auditLog.findFirstOrThrow({ orderBy: { seq: "asc" }, skip: 2 });
    await db.prisma.$executeRaw`UPDATE "AuditLog" SET "entityId" = 'someone-else' WHERE id = ${victim.id}`;
    await db.prisma.$executeRaw`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_no_update_delete"`;
    const bad = await verifyAuditChain(db.prisma);
    expect(bad.broken?.id).toBe(victim.id);
  });
});

describe("users and sessions", () => {
  it("role/team changes and disabling bump sessionVersion, so old tokens die", async () => {
    const teamId = await makeTeam();
    const admin = await makeFreshAdmin([teamId]);
    const user = await makeViewer("CASEWORKER", [teamId]);
    const sv = async () => (await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    const v0 = await sv();
    await updateUserAccess(admin, { userId: user.id, role: "VIEWER", teamIds: [teamId] });
    expect(await sv()).toBe(v0 + 1);
    await setUserDisabled(admin, { userId: user.id, disabled: true });
    expect(await sv()).toBe(v0 + 2);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
  });

  it("only admins manage users, and an admin cannot demote or disable themself", async () => {
    const teamId = await makeTeam();
    const admin = await makeFreshAdmin([teamId]);
    const lawyer = await makeViewer("LAWYER", [teamId]);
    await expect(updateUserAccess(lawyer, { userId: lawyer.id, role: "ADMIN", teamIds: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateUserAccess(admin, { userId: admin.id, role: "LAWYER", teamIds: [] })).rejects.toMatchObject({ code: "INVALID" });
    await expect(setUserDisabled(admin, { userId: admin.id, disabled: true })).rejects.toMatchObject({ code: "INVALID" });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: lawyer.id } })).role).toBe("LAWYER");
  });

  it("creates the first admin only while none exists", async () => {
    const fresh = await createTestDatabase();
    usePrisma(fresh.prisma);
    try {
      const { id } = await createFirstAdmin({ email: "first@test.example", displayName: "First", password: "a good long password", teamName: "Founders" });
      const row = await fresh.prisma.user.findUniqueOrThrow({ where: { id }, include: { memberships: true } });
      expect(row.role).toBe("ADMIN");
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.memberships).toHaveLength(1);
      await expect(createFirstAdmin({ email: "second@test.example", displayName: "Second", password: "another long password" })).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      usePrisma(db.prisma);
      await fresh.close();
    }
  });
});
