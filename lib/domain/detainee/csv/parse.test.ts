import { describe, expect, it } from "vitest";
import { decodeCsvBytes, detectDelimiter, MAX_IMPORT_ROWS, parseImportCsv } from "./parse";

const keys = (r: ReturnType<typeof parseImportCsv>) => r.fileErrors.map((e) => e.messageKey);

describe("parseImportCsv", () => {
  it("reads a UTF-8 file with a BOM and CRLF line ends", () => {
    const r = parseImportCsv("\uFEFFname_hangul,sex\r\n김옥화,여\r\n박영남,남\r\n");
    expect(r.fileErrors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, cells: { name_hangul: "김옥화", sex: "여" }, extraCells: 0 },
      { line: 3, cells: { name_hangul: "박영남", sex: "남" }, extraCells: 0 },
    ]);
  });

  it("detects semicolons, keeping commas inside cells", () => {
    expect(detectDelimiter("a;b;c\n1,5;2;3")).toBe(";");
    expect(detectDelimiter('"a;b",c,d')).toBe(",");
    const r = parseImportCsv("Name_Hangul;Narrative\n김옥화;Arrested in Yanji, moved to Tumen\n");
    expect(r.rows[0]!.cells).toEqual({ name_hangul: "김옥화", narrative: "Arrested in Yanji, moved to Tumen" });
  });

  it("matches headers case-insensitively and ignores the columns only an export writes", () => {
    const r = parseImportCsv("CASE_NUMBER,Name_Hangul,TEAM,facility_name\nHV-2026-0001,김옥화,Team A,Tumen\n");
    expect(r.fileErrors).toEqual([]);
    expect(r.rows[0]!.cells).toEqual({ name_hangul: "김옥화" });
  });

  it("numbers rows as a spreadsheet does, skipping blank rows and # notes without renumbering", () => {
    const r = parseImportCsv('name_hangul,narrative\n김옥화,"two\nlines"\n,\n"# a note, with a comma",\n박영남,\n');
    expect(r.rows.map((x) => [x.line, x.cells.name_hangul])).toEqual([[2, "김옥화"], [5, "박영남"]]);
  });

  it("keeps a real row whose first cell starts with #", () => {
    const r = parseImportCsv("case_ref,name_hangul\n#12,김옥화\n");
    expect(r.rows[0]!.cells).toEqual({ case_ref: "#12", name_hangul: "김옥화" });
  });

  it("counts non-empty cells beyond the header", () => {
    const r = parseImportCsv("name_hangul,sex\n김옥화,F,extra,\n박영남,M,,\n");
    expect(r.rows.map((x) => x.extraCells)).toEqual([1, 0]);
  });

  it("reports file-level problems as message keys", () => {
    expect(keys(parseImportCsv(""))).toEqual(["emptyFile"]);
    expect(keys(parseImportCsv("\uFEFF  \r\n"))).toEqual(["emptyFile"]);
    expect(keys(parseImportCsv("name_hangul\n"))).toEqual(["noRows"]);
    expect(keys(parseImportCsv("name_hangul,birthdate\n김옥화,1990\n"))).toEqual(["unknownColumn"]);
    expect(keys(parseImportCsv("name_hangul,Name_Hangul\n김,박\n"))).toEqual(["duplicateColumn"]);
    expect(keys(parseImportCsv("sex,status\nF,DETAINED\n"))).toEqual(["noNameColumn"]);
    const broken = parseImportCsv('name_hangul,narrative\n김옥화,"never closed\n');
    expect(broken.fileErrors).toEqual([{ messageKey: "malformed", params: { line: expect.any(Number) } }]);
  });

  it("refuses more than 10,000 rows and more than 5 MB", () => {
    const many = parseImportCsv(`name_hangul\n${"김\n".repeat(MAX_IMPORT_ROWS + 1)}`);
    expect(many.fileErrors).toEqual([{ messageKey: "tooManyRows", params: { max: 10_000, count: 10_001 } }]);
    expect(parseImportCsv(`name_hangul\n${"김".repeat(2_000_000)}\n`).fileErrors[0]).toEqual({ messageKey: "fileTooLarge", params: { maxMb: 5 } });
    expect(parseImportCsv(`name_hangul\n${"김\n".repeat(MAX_IMPORT_ROWS)}`).fileErrors).toEqual([]);
  });
});

describe("decodeCsvBytes", () => {
  it("drops a UTF-8 BOM", () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("김,a")]))).toBe("김,a");
  });

  it("reads Excel's Korean CP949 save when the bytes are not UTF-8", () => {
    // "김옥화,여" in CP949
    const cp949 = new Uint8Array([0xb1, 0xe8, 0xbf, 0xc1, 0xc8, 0xad, 0x2c, 0xbf, 0xa9]);
    expect(decodeCsvBytes(cp949)).toBe("김옥화,여");
  });
});
