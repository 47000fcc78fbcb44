import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { neutraliseCell, restoreCell, toCsv, UTF8_BOM } from "./cells";

describe("CSV cells", () => {
  it("neutralises every cell a spreadsheet would run as a formula", () => {
    for (const evil of ["=HYPERLINK(\"https://evil.example\")", "+82 10", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"]) {
      expect(neutraliseCell(evil)).toBe(`'${evil}`);
    }
    for (const fine of ["김옥화", "Kim Ok-hwa", "2023-10", "a=b", ""]) expect(neutraliseCell(fine)).toBe(fine);
  });

  it("restores neutralised cells on import, and leaves other leading quotes alone", () => {
    expect(restoreCell("'=1+1")).toBe("=1+1");
    expect(restoreCell("'+82 10 0000 0000")).toBe("+82 10 0000 0000");
    expect(restoreCell("'Kim")).toBe("'Kim");
  });

  it("writes CRLF rows with a BOM, quotes line breaks and delimiters, and round-trips through csv-parse", () => {
    const text = toCsv([["case_number", "narrative"], ["HV-2026-0001", "line one\nline two, with a comma"], ["HV-2026-0002", "=cmd|' /C calc'!A0"]], { bom: true });
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toContain("\r\n");
    expect(text).toContain('"line one\nline two, with a comma"');
    const rows = parse(text, { bom: true });
    expect(rows[1]).toEqual(["HV-2026-0001", "line one\nline two, with a comma"]);
    expect(rows[2]![1]).toBe("'=cmd|' /C calc'!A0");
  });
});
