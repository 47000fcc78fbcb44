import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listWritableTeams } from "@/lib/domain/detainee/queries";
import { ActionForm } from "@/components/action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/form-fields";
import { formErrorMessages } from "@/components/form-messages";
import { createDetaineeAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("detaineeForm"))("title") };
}

export default async function NewDetaineePage() {
  const viewer = await requireViewer();
  if (!can(viewer, "detainee.create")) notFound();
  const [teams, t, ts, tsex, messages] = await Promise.all([
    listWritableTeams(viewer), getTranslations("detaineeForm"), getTranslations("status"), getTranslations("sex"), formErrorMessages(),
  ]);
  const section = "space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";
  return (
    <div className="max-w-3xl">
      <Link href="/detainees" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      <ActionForm action={createDetaineeAction} messages={messages} submitLabel={t("submit")} className="mt-4 space-y-6">
        <fieldset className={section}>
          <legend className="px-1 text-lg font-semibold">{t("person")}</legend>
          <SelectField name="teamId" label={t("team")} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="nameHangul" label={t("nameHangul")} lang="ko" autoComplete="off" />
            <TextField name="nameChinese" label={t("nameChinese")} lang="zh" autoComplete="off" />
            <TextField name="familyNameRoman" label={t("familyNameRoman")} autoComplete="off" />
            <TextField name="givenNameRoman" label={t("givenNameRoman")} autoComplete="off" />
          </div>
          <TextField name="aliases" label={t("aliases")} hint={t("aliasesHint")} autoComplete="off" />
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField name="sex" label={t("sex")} defaultValue="UNKNOWN" options={(["FEMALE", "MALE", "OTHER", "UNKNOWN"] as const).map((s) => ({ value: s, label: tsex(s) }))} />
            <TextField name="birthDate" label={t("birthDate")} hint={t("dateHint")} inputMode="numeric" placeholder="1990-04" />
            <TextField name="estimatedAge" label={t("estimatedAge")} inputMode="numeric" />
          </div>
          <TextField name="homeProvince" label={t("homeProvince")} />
          <CheckboxField name="hasSouthKoreaLinks" label={t("southKoreaLinks")} />
        </fieldset>
        <fieldset className={section}>
          <legend className="px-1 text-lg font-semibold">{t("arrest")}</legend>
          <SelectField name="status" label={t("status")} defaultValue="REPORTED" options={(["REPORTED", "DETAINED"] as const).map((s) => ({ value: s, label: ts(s) }))} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField name="arrestDate" label={t("arrestDate")} hint={t("dateHint")} inputMode="numeric" placeholder="2026-11" />
            <TextField name="arrestPlace" label={t("arrestPlace")} />
            <TextField name="arrestAuthority" label={t("arrestAuthority")} />
          </div>
          <TextAreaField name="narrative" label={t("narrative")} />
          <TextAreaField name="healthConcerns" label={t("health")} rows={2} />
        </fieldset>
        <fieldset className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <legend className="px-1 text-lg font-semibold">{t("restricted")}</legend>
          <TextAreaField name="familyContacts" label={t("familyContacts")} hint={t("familyContactsHint")} rows={3} />
        </fieldset>
      </ActionForm>
    </div>
  );
}
