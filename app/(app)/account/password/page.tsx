import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { ActionForm } from "@/components/action-form";
import { TextField } from "@/components/form-fields";
import { securityFormMessages } from "@/app/(auth)/login/two-factor/form-messages";
import { changePasswordAction } from "../actions";
import { ReauthNotice } from "../reauth-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("passwordTitle") };
}

export default async function PasswordPage() {
  const viewer = await requireViewer();
  const [fresh, t, messages] = await Promise.all([hasRecentReauth(viewer), getTranslations("account"), securityFormMessages()]);
  return (
    <div className="max-w-sm">
      <Link href="/account" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("passwordTitle")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("passwordIntro")}</p>
      <div className="mt-4">
        {fresh ? (
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <ActionForm action={changePasswordAction} messages={messages} submitLabel={t("passwordSubmit")}>
              <TextField name="newPassword" id="new-password" type="password" label={t("newPassword")} autoComplete="new-password" minLength={12} maxLength={128} required />
              <TextField name="confirmPassword" id="confirm-password" type="password" label={t("confirmPassword")} autoComplete="new-password" maxLength={128} required />
            </ActionForm>
          </div>
        ) : <ReauthNotice next="/account/password" />}
      </div>
    </div>
  );
}
