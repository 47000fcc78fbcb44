import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getRequireTwoFactorForAll } from "@/lib/auth/two-factor-policy";
import { can } from "@/lib/auth/permissions";
import { ActionForm } from "@/components/action-form";
import { formErrorMessages } from "@/components/form-messages";
import { requireAdmin } from "../../require-admin";
import { setTwoFactorPolicyAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminSecurity"))("title") };
}

export default async function SecuritySettingsPage() {
  const viewer = await requireAdmin();
  if (!can(viewer, "settings.manage")) return refuseNotFound(viewer, { target: "/admin/users/security", reason: "role" });
  const [requireAll, t, admin, messages] = await Promise.all([getRequireTwoFactorForAll(), getTranslations("adminSecurity"), getTranslations("admin"), formErrorMessages()]);
  return (
    <div className="max-w-xl">
      <Link href="/admin/users" className="text-sm text-brand-700 underline">← {admin("backToUsers")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("title")}</h1>
      <section className="mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200" aria-labelledby="require-h">
        <h2 id="require-h" className="font-semibold">{t("requireAll")}</h2>
        <p className="mt-1 text-sm text-stone-600">{t("requireAllHint")}</p>
        <p className="mt-3 text-sm font-medium" data-testid="require-all-state">{requireAll ? t("requireAllOn") : t("requireAllOff")}</p>
        <div className="mt-3">
          <ActionForm action={setTwoFactorPolicyAction} messages={messages} submitLabel={requireAll ? t("turnOff") : t("turnOn")} submitVariant="secondary" successMessage={t("saved")}>
            <input type="hidden" name="requireForAll" value={requireAll ? "false" : "true"} />
          </ActionForm>
        </div>
      </section>
    </div>
  );
}
