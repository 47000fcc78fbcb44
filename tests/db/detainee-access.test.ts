// Scoping, field-level access and encryption at rest, on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { reindexNames } from "@/lib/domain/names/reindex";
import { getDetainee, getDetaineeForEdit, listDetainees } from "@/lib/domain/detainee/queries";
import { listDetaineesSchema } from "@/lib/domain/detainee/schemas";
import { recordConsent } from "@/lib/domain/consent/mutations";
import { listConsents } from "@/lib/domain/consent/queries";
import { nextCaseNumber } from "@/lib/domain/detainee/case-number";
import type { Viewer } from "@/lib/auth/viewer";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeTeam, makeViewer, system } from "./fixtures";

const CANARY_PHONE = "010-0000-7391-CANARY";
// The relative who gave consent, and the consent notes: restricted like family contacts.
const CANARY_CONSENT_NAME = "Kim Sun-ok CANARY-CONSENT-NAME";
const CANARY_CONSENT_NOTE = "Called from Yanji CANARY-CONSENT-NOTE";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let teamA: string, teamB: string;
let lawyerA: Viewer, lawyerB: Viewer, caseworkerA: Viewer, viewerA: Viewer, admin: Viewer;
let caseA: { id: string; caseNumber: string }, caseB: { id: string; caseNumber: string };

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  teamA = await makeTeam();
  teamB = await makeTeam();
  [lawyerA, lawyerB, caseworkerA, viewerA, admin] = await Promise.all([
    makeViewer("LAWYER", [teamA]), makeViewer("LAWYER", [teamB]), makeViewer("CASEWORKER", [teamA]),
    makeViewer("VIEWER", [teamA]), makeViewer("ADMIN", []),
  ]);
  caseA = await createDetainee(system, { teamId: teamA, nameHangul: "김옥화", familyNameRoman: "Kim", givenNameRoman: "Ok-hwa", familyContacts: `Sister — ${CANARY_PHONE}` });
  caseB = await createDetainee(system, { teamId: teamB, nameHangul: "박영남", familyNameRoman: "Pak", givenNameRoman: "Yong-nam" });
  await recordConsent(lawyerA, {
    detaineeId: caseA.id, channel: "WGAD", naming: "INITIALS", givenBy: "RELATIVE", givenByName: CANARY_CONSENT_NAME, method: "PHONE", givenOn: "2026-11-02", notes: CANARY_CONSENT_NOTE,
  });
});

afterAll(async () => db?.close());

const all = listDetaineesSchema.parse({});

describe(`detainee access (${process.env.TEST_DATABASE_URL ? "postgresql" : "pglite"})`, () => {
  it("lists only the viewer's teams' cases; admins see all", async () => {
    expect((await listDetainees(lawyerA, all)).rows.map((r) => r.id)).toEqual([caseA.id]);
    expect((await listDetainees(lawyerB, all)).rows.map((r) => r.id)).toEqual([caseB.id]);
    expect((await listDetainees(admin, all)).total).toBe(2);
  });

  it("returns null (→ 404) for another team's case", async () => {
    expect(await getDetainee(lawyerB, caseA.id)).toBeNull();
    expect(await getDetainee(lawyerA, caseB.id)).toBeNull();
    expect(await getDetainee(lawyerA, "doesnotexist")).toBeNull();
  });

  it("finds a case by search only within scope", async () => {
    const q = (query: string) => listDetaineesSchema.parse({ q: query });
    expect((await listDetainees(lawyerA, q("김 옥화"))).total).toBe(1);
    expect((await listDetainees(lawyerA, q("Gim Ok Hwa"))).total).toBe(1);
    expect((await listDetainees(lawyerA, q(caseA.caseNumber))).total).toBe(1);
    expect((await listDetainees(lawyerB, q("김옥화"))).total).toBe(0);
    expect((await listDetainees(lawyerA, q("'; DROP TABLE \"Detainee\"; --"))).total).toBe(0);
  });

  it("stores family contacts encrypted: no plaintext in the raw row", async () => {
    const rows = await db.prisma.$queryRaw<{ familyContactsEnc: string; row: string }[]>`
      SELECT "familyContactsEnc", row_to_json(d)::text AS row FROM "Detainee" d WHERE id = ${caseA.id}`;
    expect(rows[0]!.familyContactsEnc).toMatch(/^v2\.k1\./);
    expect(rows[0]!.row).not.toContain("CANARY");
  });

  it("stores the consent giver's name and notes encrypted: no plaintext in the raw row", async () => {
    const rows = await db.prisma.$queryRaw<{ givenByNameEnc: string; notesEnc: string; row: string }[]>`
      SELECT "givenByNameEnc", "notesEnc", row_to_json(c)::text AS row FROM "Consent" c WHERE "detaineeId" = ${caseA.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.givenByNameEnc).toMatch(/^v2\.k1\./);
    expect(rows[0]!.notesEnc).toMatch(/^v2\.k1\./);
    expect(rows[0]!.row).not.toContain("CANARY");
  });

  it("gives the consent giver's name and notes to the team's lawyer (audited), never to caseworkers or viewers", async () => {
    const asLawyer = await listConsents(lawyerA, caseA.id);
    expect(asLawyer.history[0]!.restricted).toEqual({ visible: true, givenByName: CANARY_CONSENT_NAME, notes: CANARY_CONSENT_NOTE });
    const audit = await db.prisma.auditLog.findMany({ where: { action: "consent.restricted.view", entityId: caseA.id, actorId: lawyerA.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.meta).toEqual({ fields: ["givenByName", "notes"] });
    for (const v of [caseworkerA, viewerA]) {
      const dto = await listConsents(v, caseA.id);
      expect(dto.history).toHaveLength(1);
      expect(dto.history[0]!.restricted).toEqual({ visible: false, withheld: true });
      expect(JSON.stringify(dto)).not.toContain("CANARY");
    }
    expect(await db.prisma.auditLog.count({ where: { action: "consent.restricted.view", actorId: { in: [caseworkerA.id, viewerA.id] } } })).toBe(0);
    expect((await listConsents(lawyerB, caseA.id)).history).toEqual([]);
  });

  it("gives restricted fields to the team's lawyer (audited), never to caseworkers or viewers", async () => {
    const asLawyer = await getDetainee(lawyerA, caseA.id);
    expect(asLawyer?.familyContacts).toEqual({ visible: true, value: `Sister — ${CANARY_PHONE}` });
    const audit = await db.prisma.auditLog.findMany({ where: { action: "detainee.restricted.view", entityId: caseA.id, actorId: lawyerA.id } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("CANARY");
    for (const v of [caseworkerA, viewerA]) {
      const dto = await getDetainee(v, caseA.id);
      expect(dto?.familyContacts).toEqual({ visible: false });
      expect(JSON.stringify(dto)).not.toContain("CANARY");
    }
  });

  it("puts family contacts into the edit form only for those who may read them", async () => {
    expect((await getDetaineeForEdit(lawyerA, caseA.id))?.familyContacts).toEqual({ show: true, value: `Sister — ${CANARY_PHONE}` });
    for (const v of [caseworkerA, viewerA]) {
      const form = await getDetaineeForEdit(v, caseA.id);
      expect(form?.familyContacts).toEqual({ show: false });
      expect(JSON.stringify(form)).not.toContain("CANARY");
    }
    expect(await getDetaineeForEdit(lawyerB, caseA.id)).toBeNull();
  });

  it("refuses to create a case in another team, and writes nothing", async () => {
    const before = await db.prisma.detainee.count();
    await expect(createDetainee(lawyerA, { teamId: teamB, nameHangul: "침입자" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(createDetainee(viewerA, { teamId: teamA, nameHangul: "열람자" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.prisma.detainee.count()).toBe(before);
  });

  it("rejects unknown keys (no mass assignment) and a case without any name", async () => {
    await expect(createDetainee(lawyerA, { teamId: teamA, nameHangul: "이름", version: 99, caseNumber: "HV-1-1" } as never)).rejects.toThrow();
    await expect(createDetainee(lawyerA, { teamId: teamA })).rejects.toThrow(/nameRequired/);
  });

  it("re-indexes stale search text without touching anything else", async () => {
    await db.prisma.detainee.update({ where: { id: caseA.id }, data: { searchText: "stale" } });
    const before = await db.prisma.detainee.findUniqueOrThrow({ where: { id: caseA.id } });
    const result = await reindexNames(db.prisma, 1);
    expect(result.updated).toBe(1);
    const after = await db.prisma.detainee.findUniqueOrThrow({ where: { id: caseA.id } });
    expect(after.searchText).toContain("gimokhwa");
    expect(after.version).toBe(before.version);
    expect((await reindexNames(db.prisma)).updated).toBe(0);
  });

  it("numbers cases HV-YYYY-XXXX-XXXX at random: unique even when created concurrently, revealing no count", async () => {
    const made = await Promise.all(Array.from({ length: 5 }, (_, i) => createDetainee(lawyerA, { teamId: teamA, nameHangul: `동시${i}` }, { year: 2031 })));
    const numbers = made.map((m) => m.caseNumber);
    expect(new Set(numbers).size).toBe(5);
    for (const n of numbers) expect(n).toMatch(/^HV-2031-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    // People find a case by its number, typed in any case.
    for (const q of [numbers[0]!, numbers[0]!.toLowerCase()]) expect((await listDetainees(lawyerA, listDetaineesSchema.parse({ q }))).rows.map((r) => r.id), q).toContain(made[0]!.id);
    // Another team opening cases does not move team A's numbers along a shared counter.
    const before = await createDetainee(lawyerA, { teamId: teamA, nameHangul: "앞" }, { year: 2032 });
    for (let i = 0; i < 3; i++) await createDetainee(lawyerB, { teamId: teamB, nameHangul: `다른팀${i}` }, { year: 2032 });
    const after = await createDetainee(lawyerA, { teamId: teamA, nameHangul: "뒤" }, { year: 2032 });
    expect([before.caseNumber, after.caseNumber].every((n) => !/^HV-2032-\d+$/.test(n))).toBe(true);
    expect(await db.prisma.caseNumberCounter.count()).toBe(0);
  });

  it("draws again when a case number is taken", async () => {
    const taken = (await db.prisma.detainee.findFirstOrThrow({ where: { caseNumber: { startsWith: "HV-2031-" } } })).caseNumber;
    const draws = [taken, taken, "HV-2031-2222-3333"];
    const number = await db.prisma.$transaction((tx) => nextCaseNumber(tx, 2031, () => draws.shift()!));
    expect(number).toBe("HV-2031-2222-3333");
    await expect(db.prisma.$transaction((tx) => nextCaseNumber(tx, 2031, () => taken))).rejects.toThrow(/unused case number/);
  });
});
