// Turns the new-case form's strings into the shape createDetaineeSchema validates. Pure, so the
// mapping (lists, numbers, checkboxes, blanks) is unit-tested apart from the database.
import type { CreateDetaineeInput, UpdateDetaineeInput } from "./schemas";

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);

export function detaineeFormToInput(form: Record<string, unknown>): CreateDetaineeInput {
  const age = text(form.estimatedAge);
  const aliases = text(form.aliases)?.split(/[,\n;]/).map((a) => a.trim()).filter(Boolean) ?? [];
  return {
    teamId: String(form.teamId ?? ""),
    familyNameRoman: text(form.familyNameRoman),
    givenNameRoman: text(form.givenNameRoman),
    nameHangul: text(form.nameHangul),
    nameChinese: text(form.nameChinese),
    aliases,
    sex: (text(form.sex) ?? "UNKNOWN") as CreateDetaineeInput["sex"],
    birthDate: text(form.birthDate),
    // A non-number stays a string so zod reports it instead of it silently becoming empty.
    estimatedAge: age === undefined ? null : /^\d{1,3}$/.test(age.trim()) ? Number(age) : (age as unknown as number),
    homeProvince: text(form.homeProvince),
    status: (text(form.status) ?? "REPORTED") as CreateDetaineeInput["status"],
    arrestDate: text(form.arrestDate),
    arrestPlace: text(form.arrestPlace),
    arrestAuthority: text(form.arrestAuthority),
    narrative: text(form.narrative),
    healthConcerns: text(form.healthConcerns),
    hasSouthKoreaLinks: form.hasSouthKoreaLinks === "on" || form.hasSouthKoreaLinks === "true",
    familyContacts: text(form.familyContacts),
    assignedUserIds: [],
  };
}

/** The edit form: the same person fields, plus the version and snapshot the form was built from. */
export function detaineeFormToUpdateInput(form: Record<string, unknown>): UpdateDetaineeInput {
  const { teamId, status, assignedUserIds, familyContacts: _ignored, ...fields } = detaineeFormToInput(form);
  let base: Record<string, string> | undefined;
  try {
    base = typeof form.base === "string" ? (JSON.parse(form.base) as Record<string, string>) : undefined;
  } catch {
    base = undefined; // a mangled snapshot only costs the conflict explanation, never the save
  }
  return {
    ...fields,
    detaineeId: String(form.detaineeId ?? ""),
    version: Number(form.version),
    // The field is only in the form for roles that may see contacts; absent → unchanged.
    familyContacts: typeof form.familyContacts === "string" ? form.familyContacts : undefined,
    assignedUserIds: Array.isArray(form.assignedUserIds) ? form.assignedUserIds.map(String) : undefined,
    base,
  };
}
