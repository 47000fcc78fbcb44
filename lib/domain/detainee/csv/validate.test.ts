import { describe, expect, it } from "vitest";
import { parseImportCsv } from "./parse";
import { buildFacilityLookup, validateImportRows, type RowResult } from "./validate";

const facilities = buildFacilityLookup([
  { id: "fac1", refCode: "CN-01", nameEn: "Tumen Border Detention Center", nameLocal: "투먼변방구류소" },
  { id: "fac2", refCode: null, nameEn: "Same Name Centre", nameLocal: null },
  { id: "fac3", refCode: null, nameEn: "Same Name Centre", nameLocal: null },
]);

function validate(csv: string): RowResult[] {
  const parsed = parseImportCsv(csv);
  expect(parsed.fileErrors).toEqual([]);
  return validateImportRows(parsed.rows, { teamId: "team1", findFacility: facilities });
}
const errorsOf = (r: RowResult) => r.errors.map((e) => [e.column, e.messageKey, e.params ?? {}]);

describe("validateImportRows", () => {
  it("turns a good row, with Korean values, into a record", () => {
    const [row] = validate("name_hangul,family_name_roman,given_name_roman,sex,status,south_korea_links,birth_date,aliases,facility,estimated_age\n김옥화,Kim,Ok-hwa,여,구금 중,예,1991.04,Jin Yuhua; 옥이 ;,cn-01,35\n");
    expect(row!.errors).toEqual([]);
    const d = row!.record!.detainee;
    expect(d).toMatchObject({ nameHangul: "김옥화", sex: "FEMALE", status: "DETAINED", hasSouthKoreaLinks: true, aliases: ["Jin Yuhua", "옥이"], estimatedAge: 35 });
    expect(d.birthDate).toEqual({ date: new Date(Date.UTC(1991, 3, 1)), precision: "MONTH" });
    expect(row!.record!.facilityId).toBe("fac1");
    expect(row!.record!.importKey).toMatch(/^h:[0-9a-f]{64}$/);
  });

  it("finds facilities by code (any case) or exact English or local name", () => {
    const rows = validate("name_hangul,facility\n가,CN-01\n나,Tumen Border Detention Center\n다,투먼변방구류소\n");
    expect(rows.map((r) => r.record?.facilityId)).toEqual(["fac1", "fac1", "fac1"]);
  });

  it("names each problem, its column and the bad value", () => {
    const rows = validate([
      "case_ref,name_hangul,birth_date,arrest_date,sex,status,south_korea_links,estimated_age,facility,aliases",
      "A1,김옥화,2023-13,2023-02-30,X,REPATRIATED,maybe,200,CN-99,",
      "A2,박영남,,,,,,,Same Name Centre,",
      "A3,,,,,,,,,",
      `A4,${"가".repeat(41)},,,,,,,,${Array.from({ length: 21 }, (_, i) => `a${i}`).join(";")}`,
      "EXAMPLE-1,홍길순,,,,,,,,",
    ].join("\n"));
    expect(errorsOf(rows[0]!)).toEqual([
      ["sex", "invalidSex", { value: "X" }],
      ["status", "invalidStatus", { value: "REPATRIATED" }],
      ["south_korea_links", "invalidYesNo", { value: "maybe" }],
      ["birth_date", "invalidDate", { value: "2023-13" }],
      ["arrest_date", "invalidDate", { value: "2023-02-30" }],
      ["estimated_age", "invalidAge", { value: "200" }],
      ["facility", "unknownFacility", { value: "CN-99" }],
    ]);
    expect(errorsOf(rows[1]!)).toEqual([["facility", "ambiguousFacility", { value: "Same Name Centre" }]]);
    expect(errorsOf(rows[2]!)).toEqual([[null, "missingName", {}]]);
    expect(errorsOf(rows[3]!)).toEqual([["aliases", "tooManyAliases", { max: 20 }], ["name_hangul", "tooLong", { max: 40 }]]);
    expect(errorsOf(rows[4]!)).toEqual([["case_ref", "exampleRow", {}]]);
    expect(rows.every((r) => r.record === null)).toBe(true);
  });

  it("flags extra cells beyond the header", () => {
    const [row] = validate("name_hangul,sex\n김옥화,F,oops\n");
    expect(errorsOf(row!)).toEqual([[null, "extraCells", { count: 1 }]]);
  });

  // (A lone surrogate never reaches a cell: csv-parse reads the text as UTF-8 bytes, so it arrives as U+FFFD.)
  it("refuses cells holding NUL or another control character, naming the column", () => {
    const rows = validate("case_ref,name_hangul,narrative,family_contacts\nR\u0000,김옥화,,\n,박영남,a\u001bb,\n,최,,x\u0085\n,정,line 1\tand\r\nline 2,\n");
    expect(errorsOf(rows[0]!)).toEqual([["case_ref", "invalidCharacters", {}]]);
    expect(errorsOf(rows[1]!)).toEqual([["narrative", "invalidCharacters", {}]]);
    expect(errorsOf(rows[2]!)).toEqual([["family_contacts", "invalidCharacters", {}]]);
    expect(rows.slice(0, 3).every((r) => r.record === null)).toBe(true);
    expect(rows[3]!.errors).toEqual([]); // tab and line breaks are text
  });

  it("flags a repeated case_ref and a repeated person within the file, pointing at the first row", () => {
    const rows = validate("case_ref,name_hangul,family_name_roman,given_name_roman,birth_date\nR1,김옥화,,,\nR1,박영남,,,\n,김 옥화,Kim,Ok-hwa,1991-04\n,김옥화,KIM,okhwa,1991-04\n,김옥화,Kim,Ok-hwa,1992\n");
    expect(errorsOf(rows[1]!)).toEqual([["case_ref", "duplicateCaseRef", { value: "R1", line: 2 }]]);
    expect(errorsOf(rows[3]!)).toEqual([[null, "duplicateRow", { line: 4 }]]);
    expect(rows[4]!.errors).toEqual([]); // another birth year: another person
  });

  it("keys a row by its case_ref when given, else by its normalised names and birth date", () => {
    const rows = validate("case_ref,name_hangul,family_name_roman,given_name_roman,birth_date\nNK-7,김옥화,,,\n,김옥화,Kim,Ok-hwa,1991\n");
    expect(rows[0]!.record!.importKey).toBe("ref:NK-7");
    const again = validate("name_hangul,family_name_roman,given_name_roman,birth_date\n김 옥화,kim,okhwa,1991\n");
    expect(again[0]!.record!.importKey).toBe(rows[1]!.record!.importKey);
  });

  it("reads back neutralised cells from an export exactly", () => {
    const [row] = validate("name_hangul,family_contacts\n김옥화,'+82 10 0000 0000\n");
    expect(row!.record!.detainee.familyContacts).toBe("+82 10 0000 0000");
  });
});
