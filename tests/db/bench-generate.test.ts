// Smoke run of the benchmark's generator (scripts/bench/generate.ts, `npm run bench`) at N=200 on
// both engines: the proportions hold, every DETAINED person has exactly one open custody period,
// search finds a generated name, restricted fields and TOTP secrets decrypt, risk is filled in
// and the audit chain verifies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify";
import { decryptField } from "@/lib/crypto/field";
import { demoTotpSecret } from "@/lib/auth/demo-totp";
import { listDetainees } from "@/lib/domain/detainee/queries";
import { listDetaineesSchema } from "@/lib/domain/detainee/schemas";
import type { Viewer } from "@/lib/auth/viewer";
import { generateBenchData, type GenerateResult } from "@/scripts/bench/generate";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createEmptyDatabase, engineName, type EmptyDatabase } from "./helpers";
import { ensureTestKeys } from "./fixtures";

const N = 200;
const NOW = new Date();
let db: EmptyDatabase & { prisma: PrismaClient };
let result: GenerateResult;

beforeAll(async () => {
  ensureTestKeys();
  // An empty database: the generator applies the migrations itself, as `npm run bench` does.
  const empty = await createEmptyDatabase();
  const prisma = new PrismaClient({ adapter: empty.pglite ? new PrismaPGlite(empty.pglite) : new PrismaPg({ connectionString: empty.url! }) });
  db = { ...empty, prisma };
  usePrisma(prisma);
  // On PostgreSQL the audit log is written on a second connection, as in the benchmark.
  // Scores from the model only here; the test below checks them against the project's rescoring.
  result = await generateBenchData(db.runner, { n: N, now: NOW, prisma, risk: "model", connect: db.pglite ? undefined : db.connect });
});
afterAll(async () => {
  await db?.prisma.$disconnect().catch(() => {});
  await db?.close();
});

const count = async (sql: string) => Number((await db.runner.query<{ n: number }>(sql))[0]!.n);

describe(`benchmark generator (${engineName()})`, () => {
  it("creates the population in proportion", async () => {
    expect(await count(`SELECT count(*)::int AS n FROM "Detainee"`)).toBe(N);
    expect(await count(`SELECT count(*)::int AS n FROM "Team"`)).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM "User" WHERE role = 'ADMIN'`)).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM "User" WHERE role = 'LAWYER'`)).toBe(3);
    // 2% of N, but never fewer than the real facilities of the demo data.
    expect(await count(`SELECT count(*)::int AS n FROM "DetentionFacility"`)).toBe(Math.max(24, N * 0.02));
    expect(await count(`SELECT count(*)::int AS n FROM "RepatriationEvent"`)).toBe(N * 0.2);
    expect(await count(`SELECT count(*)::int AS n FROM "AuditLog"`)).toBe(N * 10);
    const custody = await count(`SELECT count(*)::int AS n FROM "CustodyPeriod"`);
    expect(custody / N).toBeGreaterThan(1.2);
    expect(custody / N).toBeLessThan(1.8);
    expect(result.counts.detainees).toBe(N);
    expect(await count(`SELECT count(*)::int AS n FROM "Petition"`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*)::int AS n FROM "Activity" WHERE kind = 'NOTE' OR kind = 'CALL'`)).toBeGreaterThan(0);
  });

  it("gives everyone DETAINED exactly one open custody period, and nobody else any", async () => {
    const bad = await db.runner.query(`
      SELECT d.id FROM "Detainee" d LEFT JOIN "CustodyPeriod" c ON c."detaineeId" = d.id AND c."toDate" IS NULL
      GROUP BY d.id, d.status HAVING count(c.id) <> CASE WHEN d.status = 'DETAINED' THEN 1 ELSE 0 END`);
    expect(bad).toEqual([]);
    const inverted = await count(`SELECT count(*)::int AS n FROM "CustodyPeriod" WHERE "toDate" < "fromDate"`);
    expect(inverted).toBe(0);
  });

  it("puts every invented facility inside the map box (real ones keep their coordinates)", async () => {
    const outside = await count(`SELECT count(*)::int AS n FROM "DetentionFacility"
      WHERE "refCode" IS NULL AND (latitude NOT BETWEEN 37 AND 46 OR longitude NOT BETWEEN 121 AND 133)`);
    expect(outside).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "DetentionFacility" WHERE "refCode" IS NULL AND latitude IS NULL`)).toBe(0);
  });

  it("makes names searchable through the app's own search", async () => {
    const [person] = await db.runner.query<{ id: string; nameHangul: string; familyNameRoman: string | null; givenNameRoman: string | null }>(
      `SELECT id, "nameHangul", "familyNameRoman", "givenNameRoman" FROM "Detainee" WHERE "familyNameRoman" IS NOT NULL ORDER BY "caseNumber" LIMIT 1`);
    const admin = result.users.find((u) => u.role === "ADMIN")!;
    const viewer: Viewer = { id: admin.id, email: admin.email, displayName: admin.displayName, role: "ADMIN", locale: "en", teamIds: [], requestId: null, ip: null };
    for (const q of [person!.nameHangul, `${person!.familyNameRoman} ${person!.givenNameRoman}`]) {
      const found = await listDetainees(viewer, listDetaineesSchema.parse({ q }));
      expect(found.rows.map((r) => r.id), q).toContain(person!.id);
    }
  });

  it("encrypts restricted fields and TOTP secrets with the app's keys", async () => {
    const [row] = await db.runner.query<{ id: string; familyContactsEnc: string }>(`SELECT id, "familyContactsEnc" FROM "Detainee" WHERE "familyContactsEnc" IS NOT NULL LIMIT 1`);
    expect(decryptField(row!.familyContactsEnc, { table: "Detainee", id: row!.id, field: "familyContactsEnc" })).toMatch(/^Sister: 010-/);
    const users = await db.runner.query<{ id: string; email: string; totpSecretEnc: string }>(`SELECT id, email, "totpSecretEnc" FROM "User"`);
    for (const u of users) expect(decryptField(u.totpSecretEnc, { table: "User", id: u.id, field: "totpSecretEnc" })).toBe(demoTotpSecret(u.email));
  });

  it("fills in risk for every facility and detainee, exactly as the project's rescoring computes it", async () => {
    expect(await count(`SELECT count(*)::int AS n FROM "Detainee" WHERE "riskScore" IS NULL OR "riskLevel" IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "DetentionFacility" WHERE "riskComputedAt" IS NULL`)).toBe(0);
    expect(result.risk.method).toBe("model");
    const scores = async () => db.runner.query<{ id: string; riskScore: number; riskLevel: string }>(
      `SELECT id, "riskScore", "riskLevel" FROM "Detainee" UNION ALL SELECT id, "riskScore", "riskLevel" FROM "DetentionFacility" ORDER BY id`);
    const generated = await scores();
    const { refreshRisk } = await import("@/lib/domain/risk/refresh");
    await db.prisma.$transaction((tx) => refreshRisk(tx, { all: true }, NOW, { notify: false }), { timeout: 60_000 });
    expect(await scores()).toEqual(generated);
    expect(new Set(generated.map((g) => g.riskLevel)).size).toBeGreaterThan(1);
  });

  it("writes an audit chain that verifies, and the app's next row continues it", async () => {
    const { recordAudit } = await import("@/lib/audit/record");
    const { sealAuditLog } = await import("@/lib/audit/seal");
    await db.prisma.$transaction((tx) => recordAudit(tx, { system: "test" }, { action: "bench.smoke" }));
    // The app appends its row pending; sealing puts it after the generated chain.
    expect((await verifyAuditChain(db.prisma)).pending.count).toBe(1);
    expect(await sealAuditLog(db.prisma, { wait: true })).toMatchObject({ sealed: 1 });
    const verdict = await verifyAuditChain(db.prisma);
    expect(verdict.broken).toBeNull();
    expect(verdict.rows).toBe(N * 10 + 1);
    expect(verdict.pending.count).toBe(0);
  });
});
