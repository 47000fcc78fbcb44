import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listWritableTeams } from "@/lib/domain/detainee/queries";
import { ActionForm } from "@/components/action-form";
import { SelectField } from "@/components/form-fields";
import { DetaineeFields } from "../_components/detainee-fields";
import { formErrorMessages } from "@/components/form-messages";
import { createDetaineeAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("detaineeForm"))("title") };
}

export default async function NewDetaineePage() {
  const viewer = await requireViewer();
  if (!can(viewer, "detainee.create")) return refuseNotFound(viewer, { target: "/detainees/new", reason: "role" });
  const [teams, t, ts, messages] = await Promise.all([
    listWritableTeams(viewer), getTranslations("detaineeForm"), getTranslations("status"), formErrorMessages(),
  ]);
  const section = "space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";
  return (
    <div className="max-w-3xl">
      <Link href="/detainees" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      <ActionForm action={createDetaineeAction} messages={messages} submitLabel={t("submit")} className="mt-4 space-y-6">
        <fieldset className={section}>
          <legend className="px-1 text-lg font-semibold">{t("case")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField name="teamId" label={t("team")} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
            <SelectField name="status" label={t("status")} defaultValue="REPORTED" options={(["REPORTED", "DETAINED"] as const).map((s) => ({ value: s, label: ts(s) }))} />
          </div>
        </fieldset>
        <DetaineeFields familyContacts={{ show: true }} />
      </ActionForm>
    </div>
  );
}
