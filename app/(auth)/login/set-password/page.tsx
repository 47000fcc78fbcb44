import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { LocaleSwitch } from "@/components/locale-switch";
import { securityFormMessages } from "../two-factor/form-messages";
import { SetPasswordForm } from "./set-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInLink"))("title") };
}

// Public: reached from a sign-in link (/login/set-password#<token>) made by an administrator.
// Shows nothing until the token checks out, and then only the account's name and email.
export default async function SetPasswordPage() {
  const [t, app, messages, locale] = await Promise.all([getTranslations("signInLink"), getTranslations("app"), securityFormMessages(), getLocale()]);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between bg-brand-900 px-4 py-3 text-white">
        <span className="text-lg font-semibold">{app("name")}</span>
        <LocaleSwitch />
      </header>
      <main className="mx-auto w-full max-w-sm flex-1 px-4 py-12">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <SetPasswordForm
          locale={locale}
          messages={messages}
          labels={{
            checking: t("checking"), invalid: t("invalid"), invalidHint: t("invalidHint"), forAccount: t("forAccount"), expires: t("expires"),
            newPassword: t("newPassword"), confirmPassword: t("confirmPassword"), passwordHint: t("passwordHint"), submit: t("submit"),
          }}
        />
      </main>
    </div>
  );
}
