import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { isTwoFactorRequired } from "@/lib/auth/session-state";
import { getRequireTwoFactorForAll } from "@/lib/auth/two-factor-policy";
import { prisma } from "@/lib/db/client";
import { startTotpEnrolment } from "@/lib/domain/user/security-enrolment";
import { ActionForm } from "@/components/action-form";
import { EnrolmentPanel } from "@/app/(auth)/login/two-factor/enrolment-panel";
import { securityFormMessages } from "@/app/(auth)/login/two-factor/form-messages";
import { confirmEnrolmentAction, removeTwoFactorAction } from "../actions";
import { ReauthNotice } from "../reauth-notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("twoFactorTitle") };
}

export default async function AccountTwoFactorPage({ searchParams }: { searchParams: Promise<{ enrolled?: string; removed?: string }> }) {
  const viewer = await requireViewer();
  const [params, fresh, own, requireAll, t, format, messages] = await Promise.all([
    searchParams, hasRecentReauth(viewer),
    prisma().user.findUniqueOrThrow({ where: { id: viewer.id }, select: { totpEnabledAt: true } }),
    getRequireTwoFactorForAll(), getTranslations("account"), getFormatter(), securityFormMessages(),
  ]);
  const required = isTwoFactorRequired(viewer.role, requireAll);
  // Only a freshly re-authenticated session is shown a new secret (S7).
  const enrolment = fresh ? await startTotpEnrolment({ userId: viewer.id, email: viewer.email, sessionId: viewer.sessionId, actor: viewer }) : null;
  return (
    <div className="max-w-xl space-y-4">
      <Link href="/account" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <h1 className="text-2xl font-semibold">{t("twoFactorTitle")}</h1>
      <p className="text-sm text-stone-700">{t("twoFactorIntro")}</p>
      {params.enrolled ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("enrolled")}</p> : null}
      {params.removed ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("removed")}</p> : null}
      {required ? <p className="text-sm font-medium">{t("twoFactorRequired")}</p> : null}
      {own.totpEnabledAt ? <p className="text-sm" data-testid="two-factor-state">{t("twoFactorEnabledSince", { date: format.dateTime(own.totpEnabledAt, { dateStyle: "medium" }) })}</p> : null}
      {!enrolment ? <ReauthNotice next="/account/two-factor" /> : (
        <>
          <section aria-labelledby="enrol-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 id="enrol-h" className="text-lg font-semibold">{own.totpEnabledAt ? t("replaceTitle") : t("enrolTitle")}</h2>
            {own.totpEnabledAt ? <p className="mb-3 text-sm text-stone-600">{t("replaceHint")}</p> : null}
            <EnrolmentPanel secret={enrolment.secret} uri={enrolment.uri} action={confirmEnrolmentAction} messages={messages} />
          </section>
          {own.totpEnabledAt && !required ? (
            <section aria-labelledby="remove-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <h2 id="remove-h" className="text-lg font-semibold">{t("removeTitle")}</h2>
              <p className="mb-3 text-sm text-stone-600">{t("removeHint")}</p>
              <ActionForm action={removeTwoFactorAction} messages={messages} submitLabel={t("removeSubmit")} submitVariant="danger"><span /></ActionForm>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
