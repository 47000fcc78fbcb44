import { getTranslations } from "next-intl/server";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/form-fields";
import type { SnapshotField } from "@/lib/domain/detainee/snapshot";

/** The person's fields, shared by the new-case and edit forms. */
export async function DetaineeFields({ values, familyContacts }: { values?: Partial<Record<SnapshotField, string>>; familyContacts?: { show: boolean; value?: string } }) {
  const [t, tsex] = await Promise.all([getTranslations("detaineeForm"), getTranslations("sex")]);
  const v = values ?? {};
  const section = "space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";
  return (
    <>
      <fieldset className={section}>
        <legend className="px-1 text-lg font-semibold">{t("person")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="nameHangul" label={t("nameHangul")} lang="ko" autoComplete="off" defaultValue={v.nameHangul} />
          <TextField name="nameChinese" label={t("nameChinese")} lang="zh" autoComplete="off" defaultValue={v.nameChinese} />
          <TextField name="familyNameRoman" label={t("familyNameRoman")} autoComplete="off" defaultValue={v.familyNameRoman} />
          <TextField name="givenNameRoman" label={t("givenNameRoman")} autoComplete="off" defaultValue={v.givenNameRoman} />
        </div>
        <TextField name="aliases" label={t("aliases")} hint={t("aliasesHint")} autoComplete="off" defaultValue={v.aliases} />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField name="sex" label={t("sex")} defaultValue={v.sex ?? "UNKNOWN"} options={(["FEMALE", "MALE", "OTHER", "UNKNOWN"] as const).map((s) => ({ value: s, label: tsex(s) }))} />
          <TextField name="birthDate" label={t("birthDate")} hint={t("dateHint")} inputMode="numeric" placeholder="1990-04" defaultValue={v.birthDate} />
          <TextField name="estimatedAge" label={t("estimatedAge")} inputMode="numeric" defaultValue={v.estimatedAge} />
        </div>
        <TextField name="homeProvince" label={t("homeProvince")} defaultValue={v.homeProvince} />
        <CheckboxField name="hasSouthKoreaLinks" label={t("southKoreaLinks")} defaultChecked={v.hasSouthKoreaLinks === "yes"} />
      </fieldset>
      <fieldset className={section}>
        <legend className="px-1 text-lg font-semibold">{t("arrest")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField name="arrestDate" label={t("arrestDate")} hint={t("dateHint")} inputMode="numeric" placeholder="2026-11" defaultValue={v.arrestDate} />
          <TextField name="arrestPlace" label={t("arrestPlace")} defaultValue={v.arrestPlace} />
          <TextField name="arrestAuthority" label={t("arrestAuthority")} defaultValue={v.arrestAuthority} />
        </div>
        <TextAreaField name="narrative" label={t("narrative")} defaultValue={v.narrative} />
        <TextAreaField name="healthConcerns" label={t("health")} rows={2} defaultValue={v.healthConcerns} />
      </fieldset>
      {familyContacts?.show ? (
        <fieldset className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <legend className="px-1 text-lg font-semibold">{t("restricted")}</legend>
          <TextAreaField name="familyContacts" label={t("familyContacts")} hint={t("familyContactsHint")} rows={3} defaultValue={familyContacts.value} />
        </fieldset>
      ) : null}
    </>
  );
}

/** Labels for the fields, for the conflict explanation ("field.<name>"). */
export async function fieldLabels(): Promise<Record<string, string>> {
  const t = await getTranslations("detaineeForm");
  const keys: Record<SnapshotField, string> = {
    familyNameRoman: "familyNameRoman", givenNameRoman: "givenNameRoman", nameHangul: "nameHangul", nameChinese: "nameChinese",
    aliases: "aliases", sex: "sex", birthDate: "birthDate", estimatedAge: "estimatedAge", homeProvince: "homeProvince",
    arrestDate: "arrestDate", arrestPlace: "arrestPlace", arrestAuthority: "arrestAuthority", narrative: "narrative",
    healthConcerns: "health", hasSouthKoreaLinks: "southKoreaLinks",
  };
  return { ...Object.fromEntries(Object.entries(keys).map(([f, k]) => [`field.${f}`, t(k)])), conflictBy: t("conflictBy") };
}
