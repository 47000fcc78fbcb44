import { getLocale, getTranslations } from "next-intl/server";
import { SelectField, TextAreaField, TextField } from "@/components/form-fields";
import { partialDateToInput } from "@/lib/dates/partial-date";
import { verificationSchema } from "@/lib/domain/event/schemas";
import { listFacilityChoices } from "@/lib/domain/facility/queries";
import type { EventDetail } from "@/lib/domain/event/queries";
import { countryName } from "../../facilities/_components/country-name";

/** Every field of eventInputSchema; `value` fills them for editing. */
export async function EventFields({ value }: { value?: EventDetail }) {
  const [facilities, t, tv, locale] = await Promise.all([listFacilityChoices(), getTranslations("eventForm"), getTranslations("verification"), getLocale()]);
  const section = "space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";
  const facilityOptions = [
    { value: "", label: t("noFacility") },
    ...facilities.map((f) => ({ value: f.id, label: `${f.nameEn} — ${[f.province, countryName(f.country, locale)].filter(Boolean).join(", ")}` })),
  ];
  return (
    <>
      <fieldset className={section}>
        <legend className="px-1 text-lg font-semibold">{t("when")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="date" label={t("date")} hint={t("dateHint")} defaultValue={partialDateToInput(value?.date)} inputMode="numeric" placeholder="2023-10-09" required autoComplete="off" />
          <SelectField name="verification" label={t("verification")} defaultValue={value?.verification ?? "REPORTED"} options={verificationSchema.options.map((v) => ({ value: v, label: tv(v) }))} />
        </div>
        <SelectField name="facilityId" label={t("facility")} defaultValue={value?.facility?.id ?? ""} options={facilityOptions} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="fromRegion" label={t("fromRegion")} hint={t("fromRegionHint")} defaultValue={value?.fromRegion ?? ""} autoComplete="off" />
          <TextField name="province" label={t("province")} hint={t("provinceHint")} defaultValue={value?.province ?? ""} autoComplete="off" />
        </div>
        <TextField name="handoverPoint" label={t("handoverPoint")} hint={t("handoverPointHint")} defaultValue={value?.handoverPoint ?? ""} autoComplete="off" />
      </fieldset>
      <fieldset className={section}>
        <legend className="px-1 text-lg font-semibold">{t("scale")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField name="reportedMin" label={t("reportedMin")} defaultValue={value?.reportedMin ?? ""} inputMode="numeric" autoComplete="off" />
          <TextField name="reportedMax" label={t("reportedMax")} defaultValue={value?.reportedMax ?? ""} inputMode="numeric" autoComplete="off" />
          <TextField name="refCode" label={t("refCode")} defaultValue={value?.refCode ?? ""} autoComplete="off" />
        </div>
        <p className="text-xs text-stone-600">{t("reportedHint")}</p>
        <TextAreaField name="description" label={t("description")} defaultValue={value?.description ?? ""} rows={6} />
        <TextAreaField name="sources" label={t("sources")} hint={t("sourcesHint")} defaultValue={value?.sources.join("\n") ?? ""} rows={4} />
      </fieldset>
    </>
  );
}
