// Row validation for a detainee CSV: vocabulary cells (sex, status, yes/no, dates, age, facility)
// get specific, plain-language errors naming the bad value; everything else goes through the same
// createDetaineeSchema as the new-case form, so an imported case obeys exactly the form's rules.
// Pure: facilities are looked up through a function the caller builds from the database.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { parsePartialDate, partialDateToInput } from "@/lib/dates/partial-date";
import { compact } from "../../names/search-text";
import { isStorableText } from "../../schemas-common";
import { createDetaineeSchema } from "../schemas";
import { ALIAS_SEPARATOR, EXAMPLE_CASE_REF, parseImportStatus, parseSex, parseYesNo, type ImportColumn } from "./columns";
import { restoreCell } from "./cells";
import type { RawRow } from "./parse";

export type RowError = { column: ImportColumn | null; messageKey: string; params?: Record<string, string | number> };
export type DetaineeData = z.output<typeof createDetaineeSchema>;
export type ImportRecord = { importKey: string; caseRef: string | null; facilityId: string | null; detainee: DetaineeData };
export type RowResult = { line: number; input: Partial<Record<ImportColumn, string>>; errors: RowError[]; record: ImportRecord | null };
export type FacilityMatch = { id: string } | "ambiguous" | null;
export type FacilityRow = { id: string; refCode: string | null; nameEn: string; nameLocal: string | null };

const FIELD_COLUMN: Record<string, ImportColumn> = {
  familyNameRoman: "family_name_roman", givenNameRoman: "given_name_roman", nameHangul: "name_hangul", nameChinese: "name_chinese",
  aliases: "aliases", sex: "sex", birthDate: "birth_date", estimatedAge: "estimated_age", homeProvince: "home_province",
  status: "status", arrestDate: "arrest_date", arrestPlace: "arrest_place", arrestAuthority: "arrest_authority",
  narrative: "narrative", healthConcerns: "health_concerns", hasSouthKoreaLinks: "south_korea_links", familyContacts: "family_contacts",
};
const MAX_CASE_REF = 80;
// A control character in a spreadsheet cell is debris (a binary paste, a wrongly decoded file),
// never data; NUL and lone surrogates could not be stored at all. Tab and line breaks are text.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const hasBadCharacters = (value: string) => CONTROL_CHARS.test(value) || !isStorableText(value);
const MAX_ALIASES = 20;

/** A facility by refCode (any case: cn-01), or by its exact English or local name. */
export function buildFacilityLookup(facilities: readonly FacilityRow[]): (value: string) => FacilityMatch {
  const byKey = new Map<string, string[]>();
  const add = (key: string, id: string) => byKey.set(key, [...new Set([...(byKey.get(key) ?? []), id])]);
  for (const f of facilities) {
    if (f.refCode) add(`ref:${f.refCode.trim().toUpperCase()}`, f.id);
    add(`name:${f.nameEn.normalize("NFC").trim()}`, f.id);
    if (f.nameLocal) add(`name:${f.nameLocal.normalize("NFC").trim()}`, f.id);
  }
  return (value) => {
    const v = value.normalize("NFC").trim();
    const ids = byKey.get(`ref:${v.toUpperCase()}`) ?? byKey.get(`name:${v}`) ?? [];
    return ids.length === 1 ? { id: ids[0]! } : ids.length > 1 ? "ambiguous" : null;
  };
}

/** "2023.10.9" and "2023/10" as Excel may show them → "2023-10-9", "2023-10". */
const dateText = (v: string) => v.replace(/[./]/g, "-").replace(/-$/, "");

/**
 * The identity of a row across imports: the submitter's case_ref when given, else a hash of the
 * normalised name forms and birth date (so "Kim Ok-hwa" and "kim okhwa" are the same person).
 */
export function importKeyFor(d: Pick<DetaineeData, "familyNameRoman" | "givenNameRoman" | "nameHangul" | "nameChinese" | "birthDate">, caseRef: string | null): string {
  if (caseRef) return `ref:${caseRef}`;
  const parts = [compact([d.familyNameRoman, d.givenNameRoman].filter(Boolean).join(" ")), compact(d.nameHangul ?? ""), compact(d.nameChinese ?? ""), partialDateToInput(d.birthDate)];
  return `h:${createHash("sha256").update(JSON.stringify(parts)).digest("hex")}`;
}

function validateRow(row: RawRow, teamId: string, findFacility: (value: string) => FacilityMatch): RowResult {
  const errors: RowError[] = [];
  const cell = (c: ImportColumn) => restoreCell(row.cells[c] ?? "").trim();
  const fail = (column: ImportColumn | null, messageKey: string, params?: RowError["params"]) => errors.push({ column, messageKey, params });
  if (row.extraCells > 0) fail(null, "extraCells", { count: row.extraCells });
  for (const [column, value] of Object.entries(row.cells)) {
    if (value && hasBadCharacters(value)) fail(column as ImportColumn, "invalidCharacters");
  }

  const caseRef = cell("case_ref").normalize("NFC") || null;
  if (caseRef === EXAMPLE_CASE_REF) fail("case_ref", "exampleRow");
  else if (caseRef && caseRef.length > MAX_CASE_REF) fail("case_ref", "tooLong", { max: MAX_CASE_REF });

  const sex = parseSex(cell("sex"));
  if (!sex) fail("sex", "invalidSex", { value: cell("sex") });
  const status = parseImportStatus(cell("status"));
  if (!status) fail("status", "invalidStatus", { value: cell("status") });
  const links = parseYesNo(cell("south_korea_links"));
  if (links === null) fail("south_korea_links", "invalidYesNo", { value: cell("south_korea_links") });
  const date = (c: ImportColumn) => {
    const text = dateText(cell(c));
    if (text && !parsePartialDate(text)) fail(c, "invalidDate", { value: cell(c) });
    return text && parsePartialDate(text) ? text : undefined;
  };
  const birthDate = date("birth_date");
  const arrestDate = date("arrest_date");
  const ageText = cell("estimated_age");
  const age = /^\d{1,3}$/.test(ageText) && Number(ageText) <= 120 ? Number(ageText) : null;
  if (ageText && age === null) fail("estimated_age", "invalidAge", { value: ageText });
  const aliases = cell("aliases").split(ALIAS_SEPARATOR).map((a) => a.trim()).filter(Boolean);
  if (aliases.length > MAX_ALIASES) fail("aliases", "tooManyAliases", { max: MAX_ALIASES });
  let facilityId: string | null = null;
  const facility = cell("facility");
  if (facility) {
    const match = findFacility(facility);
    if (match === "ambiguous") fail("facility", "ambiguousFacility", { value: facility });
    else if (!match) fail("facility", "unknownFacility", { value: facility });
    else facilityId = match.id;
  }

  const parsed = createDetaineeSchema.safeParse({
    teamId,
    familyNameRoman: cell("family_name_roman"), givenNameRoman: cell("given_name_roman"), nameHangul: cell("name_hangul"),
    nameChinese: cell("name_chinese"), aliases: aliases.slice(0, MAX_ALIASES), sex: sex ?? "UNKNOWN", birthDate, estimatedAge: age,
    homeProvince: cell("home_province"), status: status ?? "REPORTED", arrestDate, arrestPlace: cell("arrest_place"),
    arrestAuthority: cell("arrest_authority"), narrative: cell("narrative"), healthConcerns: cell("health_concerns"),
    hasSouthKoreaLinks: links ?? false, familyContacts: cell("family_contacts"), assignedUserIds: [],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.message === "nameRequired") fail(null, "missingName");
      else if (issue.message === "invalidCharacters") continue; // already named per cell above
      else {
        const column = FIELD_COLUMN[String(issue.path[0])] ?? null;
        if (issue.code === "too_big") fail(column, "tooLong", { max: Number(issue.maximum) });
        else fail(column, "invalidValue");
      }
    }
  }
  const record = errors.length === 0 && parsed.success ? { importKey: importKeyFor(parsed.data, caseRef), caseRef, facilityId, detainee: parsed.data } : null;
  return { line: row.line, input: row.cells, errors, record };
}

/** Validates every row, then flags rows that repeat an earlier row's case_ref or identity. */
export function validateImportRows(rows: readonly RawRow[], ctx: { teamId: string; findFacility: (value: string) => FacilityMatch }): RowResult[] {
  const results = rows.map((row) => validateRow(row, ctx.teamId, ctx.findFacility));
  const firstRef = new Map<string, number>();
  const firstKey = new Map<string, number>();
  for (const r of results) {
    const ref = restoreCell(r.input.case_ref ?? "").trim().normalize("NFC");
    if (ref) {
      const first = firstRef.get(ref);
      if (first !== undefined) r.errors.push({ column: "case_ref", messageKey: "duplicateCaseRef", params: { value: ref, line: first } });
      else firstRef.set(ref, r.line);
    }
    if (r.record && !r.record.caseRef) {
      const first = firstKey.get(r.record.importKey);
      if (first !== undefined) r.errors.push({ column: null, messageKey: "duplicateRow", params: { line: first } });
      else firstKey.set(r.record.importKey, r.line);
    }
    if (r.errors.length > 0) r.record = null;
  }
  return results;
}
