import { describe, expect, it } from "vitest";
import { loadMessages } from "@/i18n/messages";
import { IMPORT_COLUMNS } from "./columns";
import { parseImportCsv } from "./parse";
import { buildImportTemplate } from "./template";
import { validateImportRows } from "./validate";

describe("import template", () => {
  it("has a BOM, the header, an example that validate refuses, and notes in both languages that parse skips", async () => {
    const [en, ko] = await Promise.all([loadMessages("en"), loadMessages("ko")]);
    const csv = buildImportTemplate({ en, ko });
    expect(csv.startsWith("\uFEFFcase_ref,family_name_roman,")).toBe(true);
    expect(csv).toContain("# birth_date: YYYY, YYYY-MM or YYYY-MM-DD");
    expect(csv).toContain("한글 이름");
    const parsed = parseImportCsv(csv);
    expect(parsed.fileErrors).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
    expect(Object.keys(parsed.rows[0]!.cells).sort()).toEqual([...IMPORT_COLUMNS].sort());
    const [row] = validateImportRows(parsed.rows, { teamId: "t1", findFacility: () => ({ id: "f1" }) });
    expect(row!.errors.map((e) => e.messageKey)).toEqual(["exampleRow"]);
  });
});
