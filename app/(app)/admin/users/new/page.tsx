import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listTeams } from "@/lib/domain/team/queries";
import { ROLES } from "@/lib/auth/permissions";
import { ActionForm } from "@/components/action-form";
import { CheckboxGroup, SelectField, TextField } from "@/components/form-fields";
import { createUserAction } from "../../actions";
import { formErrorMessages } from "@/components/form-messages";
import { requireAdmin } from "../../require-admin";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { ReauthNotice } from "@/app/(app)/account/reauth-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("newUser") };
}

export default async function NewUserPage() {
  const viewer = await requireAdmin();
  const [teams, t, roles, locales, messages, link, fresh] = await Promise.all([
    listTeams(viewer), getTranslations("admin"), getTranslations("roles"), getTranslations("locale"), formErrorMessages(), getTranslations("signInLink"), hasRecentReauth(viewer),
  ]);
  return (
    <div className="max-w-xl">
      <Link href="/admin/users" className="text-sm text-brand-700 underline">← {t("backToUsers")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("newUser")}</h1>
      {/* Creating is refused without a fresh re-auth (S7, in the domain); this says so before anything is typed. */}
      {!fresh ? <div className="mt-4"><ReauthNotice next="/admin/users/new" /></div> : null}
      <div className="mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <ActionForm action={createUserAction} messages={messages} submitLabel={t("create")}>
          <TextField name="email" type="email" label={t("email")} required autoComplete="off" />
          <TextField name="displayName" label={t("displayName")} required />
          <SelectField name="role" label={t("role")} defaultValue="CASEWORKER" options={ROLES.map((r) => ({ value: r, label: roles(r) }))} />
          <SelectField name="locale" label={t("locale")} options={[{ value: "en", label: locales("en") }, { value: "ko", label: locales("ko") }]} />
          <CheckboxGroup name="teamIds" legend={t("teams")} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
          <TextField name="password" type="password" label={t("initialPassword")} hint={link("initialPasswordHint")} minLength={12} maxLength={128} autoComplete="new-password" />
        </ActionForm>
      </div>
    </div>
  );
}
