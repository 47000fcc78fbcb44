// A case's editable facts as strings, exactly as the edit form shows them. The form posts the
// snapshot it was rendered from; on a version conflict the server compares it with the current
// row to tell the editor precisely what the other person changed.
import { fromColumns, partialDateToInput, type DatePrecision } from "@/lib/dates/partial-date";

export type SnapshotSource = {
  familyNameRoman: string | null; givenNameRoman: string | null; nameHangul: string | null; nameChinese: string | null;
  aliases: string[]; sex: string; birthDate: Date | null; birthDatePrecision: DatePrecision | null; estimatedAge: number | null;
  homeProvince: string | null; arrestDate: Date | null; arrestDatePrecision: DatePrecision | null; arrestPlace: string | null;
  arrestAuthority: string | null; narrative: string | null; healthConcerns: string | null; hasSouthKoreaLinks: boolean;
};

export const SNAPSHOT_FIELDS = [
  "familyNameRoman", "givenNameRoman", "nameHangul", "nameChinese", "aliases", "sex", "birthDate", "estimatedAge",
  "homeProvince", "arrestDate", "arrestPlace", "arrestAuthority", "narrative", "healthConcerns", "hasSouthKoreaLinks",
] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

export function editableSnapshot(d: SnapshotSource): Record<SnapshotField, string> {
  return {
    familyNameRoman: d.familyNameRoman ?? "", givenNameRoman: d.givenNameRoman ?? "", nameHangul: d.nameHangul ?? "",
    nameChinese: d.nameChinese ?? "", aliases: d.aliases.join(", "), sex: d.sex,
    birthDate: partialDateToInput(fromColumns(d.birthDate, d.birthDatePrecision)), estimatedAge: d.estimatedAge == null ? "" : String(d.estimatedAge),
    homeProvince: d.homeProvince ?? "", arrestDate: partialDateToInput(fromColumns(d.arrestDate, d.arrestDatePrecision)),
    arrestPlace: d.arrestPlace ?? "", arrestAuthority: d.arrestAuthority ?? "", narrative: d.narrative ?? "",
    healthConcerns: d.healthConcerns ?? "", hasSouthKoreaLinks: d.hasSouthKoreaLinks ? "yes" : "no",
  };
}

/** Fields whose current value differs from what the editor saw, with the current value. */
export function changedSince(base: Partial<Record<string, string>>, current: Record<SnapshotField, string>): { field: SnapshotField; value: string }[] {
  return SNAPSHOT_FIELDS.filter((f) => base[f] !== undefined && base[f] !== current[f]).map((f) => ({ field: f, value: current[f] }));
}
