import { getTranslations } from "next-intl/server";
import { SelectField, TextAreaField, TextField } from "@/components/form-fields";
import { indicatorTypeSchema } from "@/lib/domain/indicator/schemas";

/** The fields of the "add an indicator" form (facility page and case page). */
export async function IndicatorFields({ descriptionHint }: { descriptionHint: string }) {
  const [t, tt, tc] = await Promise.all([getTranslations("indicators"), getTranslations("indicatorType"), getTranslations("confidence")]);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField name="type" label={t("type")} options={indicatorTypeSchema.options.map((v) => ({ value: v, label: tt(v) }))} />
        <TextField name="observedOn" label={t("observedOn")} hint={t("dateHint")} inputMode="numeric" placeholder="2026-11" autoComplete="off" />
        <SelectField name="confidence" label={t("confidence")} defaultValue="MEDIUM" options={(["LOW", "MEDIUM", "HIGH"] as const).map((v) => ({ value: v, label: tc(v) }))} />
      </div>
      <TextAreaField name="description" label={t("description")} hint={descriptionHint} rows={3} />
    </>
  );
}
