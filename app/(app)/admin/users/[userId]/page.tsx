import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getUserForAdmin } from "@/lib/domain/user/queries";
import { listTeams } from "@/lib/domain/team/queries";
import { ROLES } from "@/lib/auth/permissions";
import { ActionForm } from "@/components/action-form";
import { CheckboxGroup, SelectField } from "@/components/form-fields";
import { setUserDisabledAction } from "../../actions";
import { updateUserAccessWithReauthAction } from "../actions";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { securityFormMessages } from "@/app/(auth)/login/two-factor/form-messages";
import { SecurityPanel } from "./security-panel";
import { ReauthNotice } from "@/app/(app)/account/reauth-notice";
import { requireAdmin } from "../../require-admin";

type Params = Promise<{ userId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("usersTitle") };
}

export default async function EditUserPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireAdmin();
  const [{ userId }, query] = await Promise.all([params, searchParams]);
  const user = await getUserForAdmin(viewer, userId);
  if (!user) notFound();
  const [teams, t, roles, messages, security, fresh] = await Promise.all([
    listTeams(viewer), getTranslations("admin"), getTranslations("roles"), securityFormMessages(), getTranslations("adminSecurity"), hasRecentReauth(viewer),
  ]);
  return (
    <div className="max-w-xl">
      <Link href="/admin/users" className="text-sm text-brand-700 underline">← {t("backToUsers")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("editUser", { name: user.displayName })}</h1>
      <p className="text-sm text-stone-600">{user.email} · {user.disabledAt ? t("disabled") : t("active")}</p>
      <div className="mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        {/* The role change itself is refused without a fresh re-auth; this only says so up front. */}
        {!fresh ? <div className="mb-4"><ReauthNotice next={`/admin/users/${user.id}`} message={security("roleReauth")} /></div> : null}
        <ActionForm action={updateUserAccessWithReauthAction} messages={messages} submitLabel={t("save")} successMessage={t("saved")}>
          <input type="hidden" name="userId" value={user.id} />
          <SelectField name="role" label={t("role")} defaultValue={user.role} options={ROLES.map((r) => ({ value: r, label: roles(r) }))} />
          <CheckboxGroup name="teamIds" legend={t("teams")} defaultValues={user.memberships.map((m) => m.teamId)} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
        </ActionForm>
      </div>
      {user.id !== viewer.id ? (
        <div className="mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <p className="mb-3 text-sm text-stone-700">{t("disableHint")}</p>
          <ActionForm action={setUserDisabledAction} messages={messages} submitLabel={user.disabledAt ? t("enable") : t("disable")} submitVariant={user.disabledAt ? "secondary" : "danger"} successMessage={t("saved")}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disabled" value={user.disabledAt ? "false" : "true"} />
          </ActionForm>
        </div>
      ) : null}
      <SecurityPanel viewer={viewer} userId={user.id} userName={user.displayName} needsLink={query.needsLink === "1"} />
    </div>
  );
}
