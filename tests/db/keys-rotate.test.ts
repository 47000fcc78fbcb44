// Key rotation (S18, `npm run keys:rotate`) on PGlite and PostgreSQL: values under an old key,
// in format v1 or as legacy plaintext, all end up under the new key in format v2 and decrypt to
// the same text; an interrupted run resumes; a ciphertext moved to another row does not decrypt.
import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { decryptField, encryptField, generateKeySpec, parseKeyring } from "@/lib/crypto/field";
import { ENCRYPTED_COLUMNS, rotateEncryptedFields } from "@/lib/crypto/rotate";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { getDetainee, listActivities } from "@/lib/domain/detainee/queries";
import { addSource } from "@/lib/domain/source/mutations";
import { listSources } from "@/lib/domain/source/queries";
import { addNote } from "@/lib/domain/note/mutations";
import { recordConsent } from "@/lib/domain/consent/mutations";
import { listConsents } from "@/lib/domain/consent/queries";
import { createTestDatabase } from "./helpers";
import { makeTeam, makeViewer, system } from "./fixtures";

const OLD = generateKeySpec("k1");
const NEW = generateKeySpec("k2");
const oldKey = parseKeyring(OLD).keys.get("k1")!;

/** A value as Haven wrote it before issue 12: format v1 (associated data = key id only). */
function v1(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", oldKey, iv);
  cipher.setAAD(Buffer.from("k1"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", "k1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(".");
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let lawyer: Viewer;
let caseA: string, caseB: string;
const notes: { id: string; body: string }[] = [];
let legacyConsent: string;

/** Every stored encrypted value: table, field, row id, ciphertext. */
async function allEncrypted() {
  const out: { table: string; field: string; id: string; value: string }[] = [];
  for (const t of ENCRYPTED_COLUMNS) {
    const rows = await (db.prisma as unknown as Record<string, { findMany(a: object): Promise<Record<string, string | null>[]> }>)[t.model]!.findMany({});
    for (const r of rows) for (const f of t.fields) if (r[f]) out.push({ table: t.table, field: f, id: r.id!, value: r[f]! });
  }
  return out;
}

beforeAll(async () => {
  process.env.HAVEN_ENCRYPTION_KEYS = OLD;
  db = await createTestDatabase();
  usePrisma(db.prisma);
  const team = await makeTeam();
  lawyer = await makeViewer("LAWYER", [team]);
  // Written by the app under the old key (v2.k1) …
  caseA = (await createDetainee(system, { teamId: team, nameHangul: "김옥화", familyContacts: "Sister — 010-0000-1111" })).id;
  caseB = (await createDetainee(system, { teamId: team, nameHangul: "박영남", familyContacts: "Brother — 010-0000-2222" })).id;
  await addSource(lawyer, { detaineeId: caseA, kind: "FAMILY_MEMBER", label: "Family member #1", identity: "Kim Sun-ok", contact: "+82-10-0000-4417" });
  await recordConsent(lawyer, { detaineeId: caseA, channel: "WGAD", naming: "INITIALS", givenBy: "RELATIVE", givenByName: "Kim Sun-ok (sister)", method: "PHONE", givenOn: "2026-11-02", notes: "Agreed by phone" });
  // … and as older Havens wrote it: v1 values, and consent details in plaintext.
  await db.prisma.user.update({ where: { id: lawyer.id }, data: { totpSecretEnc: v1("JBSWY3DPEHPK3PXP") } });
  await db.prisma.detainee.update({ where: { id: caseB }, data: { narrativeConfidentialEnc: v1("Interrogation ended") } });
  for (let i = 0; i < 7; i++) {
    const { id } = await addNote(lawyer, { detaineeId: caseA, kind: "NOTE", body: `placeholder ${i}`, isConfidential: true });
    notes.push({ id, body: `Confidential note ${i}` });
    await db.prisma.activity.update({ where: { id }, data: { bodyEnc: v1(`Confidential note ${i}`) } });
  }
  legacyConsent = (await db.prisma.consent.create({
    data: { detaineeId: caseB, channel: "UNHCR", naming: "FULL_NAME", givenBy: "RELATIVE", givenByName: "Pak Mi-ran (mother)", notes: "Legacy plaintext note", method: "IN_PERSON", givenOn: new Date("2026-10-01") },
  })).id;
});

afterAll(async () => db?.close());

describe(`keys:rotate (${process.env.TEST_DATABASE_URL ? "postgresql" : "pglite"})`, () => {
  it("re-encrypts every value under the new key in format v2, resuming after an interruption", async () => {
    const before = await allEncrypted();
    expect(before.length).toBeGreaterThanOrEqual(14);
    expect(before.every((v) => !v.value.startsWith("v2.k2."))).toBe(true);
    const plainBefore = new Map(before.map((v) => [`${v.table}.${v.field}.${v.id}`, decryptField(v.value, v, parseKeyring(OLD))]));
    const updatedAtBefore = (await db.prisma.detainee.findUniqueOrThrow({ where: { id: caseA } })).updatedAt;

    // The new key goes first; the old one stays for decryption.
    process.env.HAVEN_ENCRYPTION_KEYS = `${NEW},${OLD}`;
    // Interrupted after the first chunk of notes (chunks of 3).
    await expect(rotateEncryptedFields({ chunk: 3, afterChunk: (table, n) => { if (table === "Activity" && n === 1) throw new Error("killed"); } })).rejects.toThrow("killed");
    const mid = await allEncrypted();
    const midNotes = mid.filter((v) => v.table === "Activity");
    expect(midNotes.filter((v) => v.value.startsWith("v2.k2."))).toHaveLength(3);
    expect(midNotes.filter((v) => v.value.startsWith("v1.k1."))).toHaveLength(4);
    expect(await db.prisma.auditLog.count({ where: { action: "keys.rotate.chunk" } })).toBeGreaterThan(0);

    // The re-run finishes, skipping what the first run did.
    const report = await rotateEncryptedFields({ chunk: 3 });
    expect(report).toMatchObject({ keyId: "k2", failed: 0, plaintextMoved: 2 });
    expect(report.alreadyCurrent).toBeGreaterThanOrEqual(3);

    const after = await allEncrypted();
    const newOnly = parseKeyring(NEW);
    for (const v of after) {
      expect(v.value, `${v.table}.${v.field}`).toMatch(/^v2\.k2\./);
      const key = `${v.table}.${v.field}.${v.id}`;
      if (plainBefore.has(key)) expect(decryptField(v.value, v, newOnly)).toBe(plainBefore.get(key));
    }
    // Legacy plaintext consent details are encrypted and cleared.
    const legacy = await db.prisma.consent.findUniqueOrThrow({ where: { id: legacyConsent } });
    expect(legacy).toMatchObject({ givenByName: null, notes: null });
    expect(decryptField(legacy.givenByNameEnc!, { table: "Consent", id: legacyConsent, field: "givenByNameEnc" }, newOnly)).toBe("Pak Mi-ran (mother)");
    const raw = await db.prisma.$queryRaw<{ t: string }[]>`SELECT string_agg(row_to_json(c)::text, ' ') AS t FROM "Consent" c`;
    expect(raw[0]!.t).not.toMatch(/Pak Mi-ran|Kim Sun-ok|Legacy plaintext/);
    // Editing timestamps are not touched by a rotation.
    expect((await db.prisma.detainee.findUniqueOrThrow({ where: { id: caseA } })).updatedAt).toEqual(updatedAtBefore);

    // With the old key removed, the app reads everything.
    process.env.HAVEN_ENCRYPTION_KEYS = NEW;
    expect((await getDetainee(lawyer, caseA))!.familyContacts).toEqual({ visible: true, value: "Sister — 010-0000-1111" });
    expect((await listSources(lawyer, caseA))[0]!.restricted).toEqual({ visible: true, identity: "Kim Sun-ok", contact: "+82-10-0000-4417" });
    const bodies = (await listActivities(lawyer, caseA)).flatMap((a) => (a.content.visible ? [a.content.body] : []));
    for (const n of notes) expect(bodies).toContain(n.body);
    const ledger = await listConsents(lawyer, caseB);
    expect(ledger.history[0]!.restricted).toEqual({ visible: true, givenByName: "Pak Mi-ran (mother)", notes: "Legacy plaintext note" });

    // A third run has nothing left to do; each run leaves an audit row with counts only.
    const again = await rotateEncryptedFields({ chunk: 3 });
    expect(again).toMatchObject({ rewritten: 0, plaintextMoved: 0, failed: 0, alreadyCurrent: after.length });
    const runs = await db.prisma.auditLog.findMany({ where: { action: "keys.rotate.run" } });
    expect(runs).toHaveLength(2);
    expect(JSON.stringify(runs.map((r) => r.meta))).not.toMatch(/Kim|Pak|Sister|010-/);
  });

  it("a ciphertext moved to another row or field does not decrypt, and rotation reports it", async () => {
    process.env.HAVEN_ENCRYPTION_KEYS = `${NEW},${OLD}`;
    const a = await db.prisma.detainee.findUniqueOrThrow({ where: { id: caseA } });
    // Positive control: in place it decrypts.
    expect(decryptField(a.familyContactsEnc!, { table: "Detainee", id: caseA, field: "familyContactsEnc" })).toBe("Sister — 010-0000-1111");
    await db.prisma.detainee.update({ where: { id: caseB }, data: { familyContactsEnc: a.familyContactsEnc } });
    await expect(getDetainee(lawyer, caseB)).rejects.toThrow(/does not decrypt/);
    await db.prisma.detainee.update({ where: { id: caseA }, data: { narrativeConfidentialEnc: a.familyContactsEnc } });
    expect(() => decryptField(a.familyContactsEnc!, { table: "Detainee", id: caseA, field: "narrativeConfidentialEnc" })).toThrow(/does not decrypt/);
    // A moved value still under the old key: rotation cannot decrypt it, reports its row, and
    // leaves it as it is (the old key must stay until someone looks at it).
    await db.prisma.detainee.update({ where: { id: caseA }, data: { narrativeConfidentialEnc: null } });
    const underOld = encryptField("Sister — 010-0000-1111", { table: "Detainee", id: caseA, field: "familyContactsEnc" }, parseKeyring(OLD));
    await db.prisma.detainee.update({ where: { id: caseB }, data: { familyContactsEnc: underOld } });
    const report = await rotateEncryptedFields();
    expect(report.failures).toEqual([{ table: "Detainee", field: "familyContactsEnc", id: caseB }]);
    expect(report.failed).toBe(1);
    expect((await db.prisma.detainee.findUniqueOrThrow({ where: { id: caseB } })).familyContactsEnc).toBe(underOld);
  });
});
