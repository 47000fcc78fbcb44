// The CSV columns of a detainee list and the vocabularies their cells accept. Shared by the import
// (parse/validate), the template and the export, so the three never drift apart. Pure.
import type { Sex } from "@/lib/generated/prisma/enums";

/** Import columns, in template order. Documented in messages/<locale>/csv.json under csv.columns. */
export const IMPORT_COLUMNS = [
  "case_ref", "family_name_roman", "given_name_roman", "name_hangul", "name_chinese", "aliases", "sex", "birth_date",
  "estimated_age", "home_province", "status", "arrest_date", "arrest_place", "arrest_authority", "facility", "narrative",
  "health_concerns", "south_korea_links", "family_contacts",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns only an export writes. An import accepts and ignores them, so an exported list can be re-imported into another team. */
export const EXPORT_ONLY_COLUMNS = ["case_number", "facility_name", "team"] as const;

export const NAME_COLUMNS = ["family_name_roman", "given_name_roman", "name_hangul", "name_chinese", "aliases"] as const satisfies readonly ImportColumn[];

/** "Family Name-Roman " → "family_name_roman": headers are matched case- and spacing-insensitively. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, "").normalize("NFC").trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Lower-case, NFC, no spaces: how vocabulary cells are compared ("구금 중" = "구금중", "Female" = "female"). */
function token(value: string): string {
  return value.normalize("NFC").trim().toLowerCase().replace(/\s+/g, "");
}

const SEX_WORDS: Record<string, Sex> = {
  f: "FEMALE", female: "FEMALE", 여: "FEMALE", 여성: "FEMALE", 여자: "FEMALE",
  m: "MALE", male: "MALE", 남: "MALE", 남성: "MALE", 남자: "MALE",
  other: "OTHER", 기타: "OTHER",
  u: "UNKNOWN", unknown: "UNKNOWN", 미상: "UNKNOWN", 모름: "UNKNOWN",
};

/** null when the cell is not a sex we recognise; an empty cell is UNKNOWN. */
export function parseSex(value: string): Sex | null {
  const t = token(value);
  return t === "" ? "UNKNOWN" : SEX_WORDS[t] ?? null;
}

const STATUS_WORDS: Record<string, "REPORTED" | "DETAINED"> = {
  reported: "REPORTED", 신고됨: "REPORTED", 신고: "REPORTED",
  detained: "DETAINED", 구금중: "DETAINED", 구금: "DETAINED",
};

/** A new case starts as REPORTED or DETAINED (later moves go through the status workflow); empty → REPORTED. */
export function parseImportStatus(value: string): "REPORTED" | "DETAINED" | null {
  const t = token(value).replace(/_/g, "");
  return t === "" ? "REPORTED" : STATUS_WORDS[t] ?? null;
}

// O and X are the usual Korean marks for yes and no.
const YES = new Set(["yes", "y", "true", "1", "예", "네", "있음", "o"]);
const NO = new Set(["no", "n", "false", "0", "아니요", "아니오", "아니", "없음", "x", ""]);

/** yes/no/예/아니요…; empty is "no"; null when neither. */
export function parseYesNo(value: string): boolean | null {
  const t = token(value);
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** Export spellings, chosen so that the importer reads them back. */
export const EXPORT_SEX: Record<Sex, string> = { FEMALE: "F", MALE: "M", OTHER: "other", UNKNOWN: "" };
export const exportYesNo = (value: boolean) => (value ? "yes" : "no");

/** The separator inside the aliases cell. */
export const ALIAS_SEPARATOR = ";";

/**
 * The template's example row: invented people only (never a real detainee). Its case_ref marks it,
 * and validate refuses that ref, so an example left in the file is never imported as a real case.
 */
export const EXAMPLE_CASE_REF = "EXAMPLE-1";
export const TEMPLATE_EXAMPLE: Record<ImportColumn, string> = {
  case_ref: EXAMPLE_CASE_REF,
  family_name_roman: "Kim",
  given_name_roman: "Ok-hwa",
  name_hangul: "김옥화",
  name_chinese: "金玉花",
  aliases: "Jin Yuhua; Kim Ok-hwa",
  sex: "F",
  birth_date: "1991-04",
  estimated_age: "",
  home_province: "North Hamgyong",
  status: "DETAINED",
  arrest_date: "2026-10-09",
  arrest_place: "Yanji",
  arrest_authority: "Yanji City Public Security Bureau",
  facility: "CN-01",
  narrative: "Invented example: arrested at a bus station; a cellmate reports a transfer to the border.",
  health_concerns: "",
  south_korea_links: "no",
  family_contacts: "Sister (invented), 010-0000-0000",
};
