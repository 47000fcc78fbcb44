import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/auth/reauth";
import { prisma } from "@/lib/db/client";
import { ActionForm } from "@/components/action-form";
import { TextField } from "@/components/form-fields";
import { securityFormMessages } from "@/app/(auth)/login/two-factor/form-messages";
import { reauthAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("reauthTitle") };
}

/** /account/reauth?next=/somewhere — stamps this session as freshly re-authenticated, then returns. */
export default async function ReauthPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const viewer = await requireViewer();
  const [{ next }, t, messages, own] = await Promise.all([
    searchParams, getTranslations("account"), securityFormMessages(),
    prisma().user.findUniqueOrThrow({ where: { id: viewer.id }, select: { totpEnabledAt: true } }),
  ]);
  const withCode = Boolean(own.totpEnabledAt);
  return (
    <div className="max-w-sm">
      <h1 className="text-2xl font-semibold">{t("reauthTitle")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("reauthIntro", { withCode: withCode ? "yes" : "no" })}</p>
      <div className="mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <ActionForm action={reauthAction} messages={messages} submitLabel={t("reauthSubmit")}>
          <input type="hidden" name="next" value={safeNextPath(typeof next === "string" ? next : undefined)} />
          <TextField name="password" id="reauth-password" type="password" label={t("password")} autoComplete="current-password" required maxLength={512} />
          {withCode ? (
            <TextField name="code" id="reauth-code" label={t("code")} hint={t("codeHint")} inputMode="numeric" autoComplete="one-time-code" maxLength={7} required />
          ) : null}
        </ActionForm>
      </div>
    </div>
  );
}
