import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { getUserSecurityForAdmin } from "@/lib/domain/user/security";
import { ActionForm } from "@/components/action-form";
import { securityFormMessages } from "@/app/(auth)/login/two-factor/form-messages";
import { ReauthNotice } from "@/app/(app)/account/reauth-notice";
import { createSignInLinkAction, endUserSessionsAction, resetUserTwoFactorAction } from "../actions";
import { SignInLinkPanel } from "./sign-in-link-panel";

/** 2FA state, open sessions, "end all sessions" and the admin-mediated 2FA reset (S4, S5). */
export async function SecurityPanel({ viewer, userId, userName, needsLink }: { viewer: Viewer; userId: string; userName: string; needsLink: boolean }) {
  const [security, fresh, t, format, messages, link, locale] = await Promise.all([
    getUserSecurityForAdmin(viewer, userId), hasRecentReauth(viewer), getTranslations("adminSecurity"), getFormatter(), securityFormMessages(),
    getTranslations("signInLink"), getLocale(),
  ]);
  if (!security) return null;
  return (
    <section aria-labelledby="security-h" className="mt-4 space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <h2 id="security-h" className="text-lg font-semibold">{t("panelTitle")}</h2>
      <p className="text-sm" data-testid="user-2fa-state">
        {t("twoFactor")}: {security.totpEnabledAt ? t("on", { date: format.dateTime(security.totpEnabledAt, { dateStyle: "medium" }) }) : t("off")}
        {" · "}{t("liveSessions", { count: security.liveSessions })}
      </p>
      <div>
        <p className="mb-2 text-sm text-stone-700">{t("endSessionsHint")}</p>
        <ActionForm action={endUserSessionsAction} messages={messages} submitLabel={t("endSessions")} submitVariant="secondary" successMessage={t("sessionsEnded")}>
          <input type="hidden" name="userId" value={userId} />
        </ActionForm>
      </div>
      {userId !== viewer.id ? (
        <div id="sign-in-link">
          <h3 className="font-semibold">{link("panelTitle")}</h3>
          {needsLink ? <p role="status" className="my-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">{link("needsLink")}</p> : null}
          <p className="mb-2 text-sm text-stone-700">{link("panelHint")}</p>
          {fresh ? (
            <SignInLinkPanel
              userId={userId} name={userName} locale={locale} messages={messages} action={createSignInLinkAction}
              labels={{ create: link("create"), created: link("created"), copy: link("copy"), copied: link("copied"), handOver: link("handOver") }}
            />
          ) : <ReauthNotice next={`/admin/users/${userId}#sign-in-link`} message={link("reauth")} />}
        </div>
      ) : null}
      {security.totpEnabledAt && userId !== viewer.id ? (
        <div>
          <p className="mb-2 text-sm text-stone-700">{t("resetHint")}</p>
          {fresh ? (
            <ActionForm action={resetUserTwoFactorAction} messages={messages} submitLabel={t("reset")} submitVariant="danger" successMessage={t("resetDone")}>
              <input type="hidden" name="userId" value={userId} />
            </ActionForm>
          ) : <ReauthNotice next={`/admin/users/${userId}`} />}
        </div>
      ) : null}
    </section>
  );
}
