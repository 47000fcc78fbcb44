import { getTranslations } from "next-intl/server";
import { SelectField, TextAreaField, TextField } from "@/components/form-fields";
import { facilityTypeSchema } from "@/lib/domain/facility/schemas";
import type { FacilityDetail } from "@/lib/domain/facility/queries";

/** Every field of facilityInputSchema; `value` fills them for editing. */
export async function FacilityFields({ value }: { value?: FacilityDetail }) {
  const [t, tt, tc] = await Promise.all([getTranslations("facilityForm"), getTranslations("facilityType"), getTranslations("confidence")]);
  const section = "space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";
  return (
    <>
      <fieldset className={section}>
        <legend className="px-1 text-lg font-semibold">{t("identity")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="nameEn" label={t("nameEn")} defaultValue={value?.nameEn} required autoComplete="off" />
          <TextField name="nameLocal" label={t("nameLocal")} hint={t("nameLocalHint")} defaultValue={value?.nameLocal ?? ""} autoComplete="off" />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField name="type" label={t("type")} defaultValue={value?.type ?? "DETENTION_CENTRE"} options={facilityTypeSchema.options.map((v) => ({ value: v, label: tt(v) }))} />
          <SelectField name="confidence" label={t("confidence")} defaultValue={value?.confidence ?? "MEDIUM"} options={(["LOW", "MEDIUM", "HIGH"] as const).map((v) => ({ value: v, label: tc(v) }))} />
          <TextField name="refCode" label={t("refCode")} hint={t("refCodeHint")} defaultValue={value?.refCode ?? ""} autoComplete="off" />
        </div>
      </fieldset>
      <fieldset className={section}>
        <legend className="px-1 text-lg font-semibold">{t("location")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField name="country" label={t("country")} hint={t("countryHint")} defaultValue={value?.country ?? "CN"} maxLength={2} required autoComplete="off" className="block w-24 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm uppercase shadow-sm aria-[invalid=true]:border-red-600" />
          <TextField name="province" label={t("province")} defaultValue={value?.province ?? ""} autoComplete="off" />
          <TextField name="city" label={t("city")} defaultValue={value?.city ?? ""} autoComplete="off" />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="latitude" label={t("latitude")} hint={t("coordinatesHint")} defaultValue={value?.latitude ?? ""} inputMode="decimal" autoComplete="off" />
          <TextField name="longitude" label={t("longitude")} hint={t("coordinatesHint")} defaultValue={value?.longitude ?? ""} inputMode="decimal" autoComplete="off" />
        </div>
      </fieldset>
      <fieldset className={section}>
        <legend className="px-1 text-lg font-semibold">{t("knowledge")}</legend>
        <TextAreaField name="notes" label={t("notes")} hint={t("notesHint")} defaultValue={value?.notes ?? ""} rows={6} />
        <TextAreaField name="sources" label={t("sources")} hint={t("sourcesHint")} defaultValue={value?.sources.join("\n") ?? ""} rows={4} />
      </fieldset>
    </>
  );
}
