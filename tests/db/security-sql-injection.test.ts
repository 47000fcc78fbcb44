// S13 on both engines: hostile search strings (SQL metacharacters, LIKE wildcards, quotes,
// comments, control characters) go through the search paths as data — they return normally,
// match only what really contains them, and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePrisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { listDetainees } from "@/lib/domain/detainee/queries";
import { listDetaineesSchema } from "@/lib/domain/detainee/schemas";
import { searchNeedle } from "@/lib/domain/names/search-text";
import { stripControlChars } from "@/lib/security/input";
import { listFacilities } from "@/lib/domain/facility/queries";
import { listFacilitiesSchema } from "@/lib/domain/facility/schemas";
import { createTestDatabase } from "./helpers";
import { ensureTestKeys, makeFacility, makeTeam, makeViewer, system } from "./fixtures";

const HOSTILE = [
  `'; DROP TABLE "Detainee"; --`,
  `' OR '1'='1`,
  `" OR ""="`,
  `') OR 1=1 --`,
  "%",
  "_",
  "%%__%%",
  "\\",
  "\\%",
  "'",
  "$1",
  "$$; SELECT pg_sleep(5); $$",
  "1; UPDATE \"User\" SET role='ADMIN'",
  "/* comment */",
  "김'; --",
  "ㄱ%",
  "\u0000",
  "a\u0000b",
  "\r\n\t",
  "\u202e",
  "x".repeat(100),
];

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let lawyer: Viewer;

beforeAll(async () => {
  ensureTestKeys();
  db = await createTestDatabase();
  usePrisma(db.prisma);
  const team = await makeTeam();
  lawyer = await makeViewer("LAWYER", [team]);
  await makeFacility({ nameEn: "Tumen Border Detention Centre" });
  for (const [family, given, hangul] of [["Kim", "Sun-hyang", "김선향"], ["Ri", "Chol", "리철"], ["Pak", "Yong-hui", "박영희"]]) {
    await createDetainee(system, { teamId: team, familyNameRoman: family, givenNameRoman: given, nameHangul: hangul });
  }
});
afterAll(async () => db?.close());

async function snapshot() {
  const [detainees, users, facilities] = await Promise.all([
    db.prisma.detainee.findMany({ orderBy: { id: "asc" }, select: { id: true, version: true, searchText: true } }),
    db.prisma.user.findMany({ orderBy: { id: "asc" }, select: { id: true, role: true } }),
    db.prisma.detentionFacility.count(),
  ]);
  return JSON.stringify({ detainees, users, facilities });
}

// What a literal substring search returns: the oracle each result is compared with. Control
// characters (NUL above all, which PostgreSQL text cannot hold) are dropped from the query first.
async function literalDetaineeMatches(q: string): Promise<string[]> {
  const needle = searchNeedle(stripControlChars(q).trim());
  const all = await db.prisma.detainee.findMany({ select: { id: true, searchText: true } });
  return all.filter((d) => !needle || d.searchText.includes(needle)).map((d) => d.id).sort();
}

async function literalFacilityMatches(q: string): Promise<string[]> {
  const t = stripControlChars(q).trim().toLowerCase();
  const all = await db.prisma.detentionFacility.findMany({ select: { id: true, nameEn: true, nameLocal: true, city: true } });
  return all.filter((f) => !t || [f.nameEn, f.nameLocal, f.city].some((v) => v?.toLowerCase().includes(t))).map((f) => f.id).sort();
}

const cases = HOSTILE.map((q) => [JSON.stringify(q), q]);

describe("hostile search strings", () => {
  it.each(cases)("detainee search %s returns normally, changes nothing, and matches the text literally", async (_label, q) => {
    const before = await snapshot();
    for (const sort of ["relevance", "name"]) {
      const result = await listDetainees(lawyer, listDetaineesSchema.parse({ q, sort }));
      expect(result.rows.map((r) => r.id).sort()).toEqual(await literalDetaineeMatches(q));
    }
    expect(await snapshot()).toBe(before);
  });

  it.each(cases)("facility search %s returns normally and matches the text literally", async (_label, q) => {
    const result = await listFacilities(lawyer, listFacilitiesSchema.parse({ q }));
    expect(result.rows.map((r) => r.id).sort()).toEqual(await literalFacilityMatches(q));
  });

  it("a real search still finds the person (the searches above were live)", async () => {
    const result = await listDetainees(lawyer, listDetaineesSchema.parse({ q: "김선향" }));
    expect(result.rows.map((r) => r.nameHangul)).toEqual(["김선향"]);
    expect((await listFacilities(lawyer, listFacilitiesSchema.parse({ q: "Tumen" }))).rows).toHaveLength(1);
  });
});
