// The import template: header, one invented example row, then "#" note rows documenting every
// column in English and Korean (the importer skips note rows). Pure, given the two message sets.
import { toCsv, UTF8_BOM } from "./cells";
import { IMPORT_COLUMNS, TEMPLATE_EXAMPLE } from "./columns";

type Messages = Record<string, unknown>;

/** A plain message (no ICU arguments) by its dotted path under "csv". */
function text(messages: Messages, path: string): string {
  const value = `csv.${path}`.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);
  return typeof value === "string" ? value : "";
}

export function buildImportTemplate(messages: { en: Messages; ko: Messages }): string {
  const { en, ko } = messages;
  const notes = [
    [text(en, "template.note")],
    [text(ko, "template.note")],
    ...IMPORT_COLUMNS.map((c) => [`# ${c}: ${text(en, `columns.${c}`)} / ${text(ko, `columns.${c}`)}`]),
  ];
  // The BOM makes Excel in Korea read the file as UTF-8 rather than CP949.
  return UTF8_BOM + toCsv([[...IMPORT_COLUMNS], IMPORT_COLUMNS.map((c) => TEMPLATE_EXAMPLE[c]), ...notes]);
}
