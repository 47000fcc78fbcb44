import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getPendingSession, getViewer } from "@/lib/auth/session";
import { startTotpEnrolment } from "@/lib/domain/user/security-enrolment";
import { ActionForm } from "@/components/action-form";
import { TextField } from "@/components/form-fields";
import { LocaleSwitch } from "@/components/locale-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { confirmSignInEnrolmentAction, verifySignInCodeAction } from "./actions";
import { EnrolmentPanel } from "./enrolment-panel";
import { securityFormMessages } from "./form-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("twoFactor"))("title") };
}

// The only page a password-only session can reach (S4). It shows no case data and no navigation.
export default async function TwoFactorPage() {
  if (await getViewer()) redirect("/");
  const pending = await getPendingSession();
  if (!pending) redirect("/login");
  const [t, app, messages] = await Promise.all([getTranslations("twoFactor"), getTranslations("app"), securityFormMessages()]);
  const enrolment = pending.step === "enrolment"
    ? await startTotpEnrolment({ userId: pending.userId, email: pending.email, sessionId: pending.sessionId, actor: { system: "auth" } })
    : null;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between bg-brand-900 px-4 py-3 text-white">
        <span className="text-lg font-semibold">{app("name")}</span>
        <LocaleSwitch />
      </header>
      <main className="mx-auto w-full max-w-sm flex-1 px-4 py-12">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-stone-600">{pending.email}</p>
        {enrolment ? (
          <div className="mt-6 space-y-4">
            <p className="text-sm text-stone-700">{t("enrolIntro")}</p>
            <EnrolmentPanel secret={enrolment.secret} uri={enrolment.uri} action={confirmSignInEnrolmentAction} messages={messages} />
          </div>
        ) : (
          <div className="mt-6">
            <p className="mb-4 text-sm text-stone-700">{t("codeIntro")}</p>
            <ActionForm action={verifySignInCodeAction} messages={messages} submitLabel={t("submit")}>
              <TextField name="code" id="code" label={t("code")} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required autoFocus />
            </ActionForm>
          </div>
        )}
        <div className="mt-8 border-t border-stone-200 pt-4 text-brand-700 [&_button]:underline">
          <SignOutButton label={t("otherAccount")} />
        </div>
      </main>
    </div>
  );
}
