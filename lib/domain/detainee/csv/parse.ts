// CSV text → header-mapped rows, with file-level problems as message keys (csv.errors.*). Pure:
// csv-parse does the CSV grammar; this file only decodes, picks the delimiter, maps the header
// and enforces the limits.
import { CsvError, parse } from "csv-parse/sync";
import { EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS, NAME_COLUMNS, normaliseHeader, type ImportColumn } from "./columns";

/** Limits per file (PRODUCT.md §7: 10,000 rows must import within 10 s). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

export type CsvMessage = { messageKey: string; params?: Record<string, string | number> };
/** One data row; `line` is its row number as a spreadsheet shows it (the header is row 1). */
export type RawRow = { line: number; cells: Partial<Record<ImportColumn, string>>; extraCells: number };
export type ParsedCsv = { fileErrors: CsvMessage[]; rows: RawRow[] };

/**
 * Bytes of an uploaded file → text. UTF-8 (a BOM is dropped) when the bytes are valid UTF-8;
 * otherwise the file is read as CP949/EUC-KR, which is what Excel in Korea writes for a plain
 * "CSV (쉼표로 분리)" save — so a Korean user's file works whichever way it was saved.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("euc-kr").decode(bytes);
  }
}

/** "," or ";" — whichever the header line uses more (Excel writes ";" where "," is the decimal mark). */
export function detectDelimiter(text: string): "," | ";" {
  const end = text.search(/\r|\n/);
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, "");
  const count = (ch: string) => header.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === "");
/** A note line ("# …" alone in the first cell, like the template's column guide) is not data. */
const isNote = (cells: readonly string[]) => (cells[0] ?? "").trim().startsWith("#") && cells.slice(1).every((c) => c.trim() === "");

export function parseImportCsv(text: string): ParsedCsv {
  const fail = (messageKey: string, params?: CsvMessage["params"]): ParsedCsv => ({ fileErrors: [{ messageKey, params }], rows: [] });
  if (Buffer.byteLength(text, "utf8") > MAX_IMPORT_BYTES) return fail("fileTooLarge", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  if (!text.replace(/^\uFEFF/, "").trim()) return fail("emptyFile");

  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
      relax_column_count: true,
      // A stray quote inside an unquoted cell (5'3") is kept as text rather than failing the file.
      relax_quotes: true,
      max_record_size: 100_000,
    });
  } catch (e) {
    if (e instanceof CsvError) return fail("malformed", { line: Number((e as CsvError & { lines?: number }).lines) || 1 });
    throw e;
  }

  const [header = [], ...body] = records;
  const fileErrors: CsvMessage[] = [];
  const columns: (ImportColumn | null)[] = [];
  const seen = new Set<string>();
  for (const raw of header) {
    const name = normaliseHeader(raw);
    if (name === "") {
      columns.push(null); // Excel keeps empty trailing header cells; they hold nothing.
      continue;
    }
    if (seen.has(name)) fileErrors.push({ messageKey: "duplicateColumn", params: { column: name } });
    seen.add(name);
    if ((IMPORT_COLUMNS as readonly string[]).includes(name)) columns.push(name as ImportColumn);
    else if ((EXPORT_ONLY_COLUMNS as readonly string[]).includes(name)) columns.push(null);
    else {
      columns.push(null);
      fileErrors.push({ messageKey: "unknownColumn", params: { column: raw.trim().slice(0, 40) } });
    }
  }
  if (!NAME_COLUMNS.some((c) => seen.has(c))) fileErrors.push({ messageKey: "noNameColumn" });

  const rows: RawRow[] = [];
  body.forEach((cells, i) => {
    if (isBlank(cells) || isNote(cells)) return;
    const row: RawRow = { line: i + 2, cells: {}, extraCells: 0 };
    cells.forEach((value, c) => {
      const column = columns[c];
      if (column) row.cells[column] = value;
      else if (c >= header.length && value.trim() !== "") row.extraCells++;
    });
    rows.push(row);
  });
  if (rows.length > MAX_IMPORT_ROWS) return fail("tooManyRows", { max: MAX_IMPORT_ROWS, count: rows.length });
  if (rows.length === 0 && fileErrors.length === 0) fileErrors.push({ messageKey: "noRows" });
  return { fileErrors, rows };
}
