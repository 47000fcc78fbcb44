// The database roles (S19, issue 12; `npm run db:roles`, lib/db/roles.ts): the app's role owns no
// table, so it cannot switch the audit log's trigger off, and has no DELETE, TRUNCATE or UPDATE of
// what a row says on "AuditLog"; it can still append, read and seal. The owner (migrations) can
// do what the app cannot — the positive control that the same statements work where allowed.
//
// PostgreSQL only. On PGlite there is one embedded user with every right, in the app's own
// process: roles protect nothing there (see docs/operations.md), so this file is skipped.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, pgRunner } from "@/lib/db/migrate";
import { applyDatabaseRoles } from "@/lib/db/roles";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { sealAuditLog } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createEmptyDatabase, type EmptyDatabase } from "./helpers";
import { ensureTestKeys } from "./fixtures";

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("database roles (PostgreSQL only: PGlite has a single all-powerful user, so roles protect nothing there)", () => {
  const suffix = randomBytes(4).toString("hex");
  const owner = `haven_t_owner_${suffix}`;
  const app = `haven_t_app_${suffix}`;
  let db: EmptyDatabase;
  let first: Awaited<ReturnType<typeof applyDatabaseRoles>>;
  let appPrisma: PrismaClient;
  let appClient: pg.Client;
  let ownerClient: pg.Client;
  const as = (url: string, role: string, password: string) => {
    const u = new URL(url);
    u.username = role;
    u.password = password;
    return u.toString();
  };

  beforeAll(async () => {
    ensureTestKeys();
    db = await createEmptyDatabase();
    await applyMigrations(db.runner); // as the test server's superuser, as an existing installation did
    first = await applyDatabaseRoles(db.runner, { owner, app });
    const pw = (r: string) => first.generated.find((g) => g.role === r)!.password;
    appPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: as(db.url!, app, pw(app)) }) });
    appClient = new pg.Client({ connectionString: as(db.url!, app, pw(app)) });
    await appClient.connect();
    ownerClient = new pg.Client({ connectionString: as(db.url!, owner, pw(owner)) });
    await ownerClient.connect();
  });
  afterAll(async () => {
    await appPrisma?.$disconnect().catch(() => {});
    await appClient?.end().catch(() => {});
    await ownerClient?.end().catch(() => {});
    await db?.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${app}`).catch(() => {});
    await admin.query(`DROP ROLE IF EXISTS ${owner}`).catch(() => {});
    await admin.end();
  });

  it("creates both roles with generated passwords, moves ownership to the owner, and is idempotent", async () => {
    expect(first.generated.map((g) => g.role).sort()).toEqual([app, owner].sort());
    expect(first.actions.join("\n")).toMatch(new RegExp(`${app} on "AuditLog": SELECT, INSERT and UPDATE \\(seq, prevHash, hash\\) only`));
    const [{ n }] = (await db.runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind = 'r' AND pg_get_userbyid(c.relowner) <> $1`, [owner])) as [{ n: number }];
    expect(n).toBe(0);
    const again = await applyDatabaseRoles(db.runner, { owner, app });
    expect(again.generated).toEqual([]);
    expect(again.actions).toContain(`kept ${app}'s password`);
    expect(again.actions.join("\n")).toMatch(/owns all \d+ objects/);
  });

  it("the app appends, reads and seals the audit log; the chain verifies", async () => {
    await appPrisma.$transaction((tx) => recordAudit(tx, { system: "test" }, { action: "roles.append" }));
    expect(await sealAuditLog(appPrisma, { wait: true })).toMatchObject({ sealed: 1 });
    expect(await verifyAuditChain(appPrisma)).toMatchObject({ broken: null, rows: 1 });
    // …and works with the other tables as usual (positive control for the grants).
    const team = await appPrisma.team.create({ data: { name: `Roles ${suffix}` } });
    await appPrisma.team.delete({ where: { id: team.id } });
  });

  it("the app cannot disable the trigger, change a sealed row, delete, truncate, or create tables", async () => {
    const denied = /permission denied|must be owner/;
    await expect(appClient.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_update_delete"`)).rejects.toThrow(/must be owner/);
    await expect(appClient.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(appClient.query(`UPDATE "AuditLog" SET "entityId" = 'forged' WHERE "seq" = 1`)).rejects.toThrow(denied);
    await expect(appClient.query(`UPDATE "AuditLog" SET "hash" = repeat('f', 64) WHERE "seq" = 1`)).rejects.toThrow(/append-only/); // its column grant, stopped by the trigger
    await expect(appClient.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(denied);
    await expect(appClient.query(`TRUNCATE "AuditLog"`)).rejects.toThrow(denied);
    await expect(appClient.query(`DROP TABLE "AuditLog"`)).rejects.toThrow(/must be owner/);
    await expect(appClient.query(`CREATE TABLE "Sneaky" (id int)`)).rejects.toThrow(denied);
    await expect(appClient.query(`SELECT * FROM _prisma_migrations`)).rejects.toThrow(denied);
  });

  it("the owner can (what the separation is about), and runs the migrations", async () => {
    await ownerClient.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_no_update_delete"`);
    await ownerClient.query(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_no_update_delete"`);
    expect((await applyMigrations(pgRunner(ownerClient))).applied).toEqual([]);
  });
});

