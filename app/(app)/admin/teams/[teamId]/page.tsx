import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getTeamOrganisation } from "@/lib/domain/team/organisation";
import { ActionForm } from "@/components/action-form";
import { TextAreaField, TextField } from "@/components/form-fields";
import { formErrorMessages } from "@/components/form-messages";
import { updateTeamOrganisationAction } from "../../actions";
import { requireAdmin } from "../../require-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("teamOrg"))("title") };
}

export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const viewer = await requireAdmin();
  const team = await getTeamOrganisation(viewer, (await params).teamId);
  if (!team) notFound();
  const [t, ta, messages] = await Promise.all([getTranslations("teamOrg"), getTranslations("admin"), formErrorMessages()]);
  return (
    <div className="max-w-2xl">
      <Link href="/admin/teams" className="text-sm text-brand-700 underline">← {ta("teamsTitle")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{team.name}</h1>
      <section id="organisation" aria-labelledby="org-h" className="mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="org-h" className="text-lg font-semibold">{t("title")}</h2>
        <p className="text-sm text-stone-600">{t("intro")}</p>
        <ActionForm action={updateTeamOrganisationAction} messages={messages} submitLabel={t("save")} successMessage={t("saved")} className="mt-3 space-y-3">
          <input type="hidden" name="teamId" value={team.id} />
          <input type="hidden" name="version" value={team.version} />
          <TextField name="orgLegalName" label={t("legalName")} defaultValue={team.orgLegalName ?? ""} maxLength={200} />
          <TextField name="orgNameKo" label={t("nameKo")} defaultValue={team.orgNameKo ?? ""} maxLength={200} lang="ko" />
          <TextAreaField name="orgAddress" label={t("address")} defaultValue={team.orgAddress ?? ""} maxLength={500} rows={3} />
          <TextField name="orgEmail" type="email" label={t("email")} defaultValue={team.orgEmail ?? ""} maxLength={200} />
          <TextField name="orgPhone" label={t("phone")} defaultValue={team.orgPhone ?? ""} maxLength={60} />
          <TextField name="orgWebsite" type="url" label={t("website")} defaultValue={team.orgWebsite ?? ""} maxLength={300} />
          <TextField name="orgSignatory" label={t("signatory")} defaultValue={team.orgSignatory ?? ""} maxLength={200} />
        </ActionForm>
      </section>
    </div>
  );
}
