import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { listOwnSessions } from "@/lib/domain/user/security-account";
import { ActionForm } from "@/components/action-form";
import { securityFormMessages } from "@/app/(auth)/login/two-factor/form-messages";
import { revokeSessionAction } from "./actions";
import { describeBrowser } from "./browser-name";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const viewer = await requireViewer();
  const [sessions, own, t, format, messages] = await Promise.all([
    listOwnSessions(viewer),
    prisma().user.findUniqueOrThrow({ where: { id: viewer.id }, select: { totpEnabledAt: true } }),
    getTranslations("account"), getFormatter(), securityFormMessages(),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <section aria-labelledby="security-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="security-h" className="text-lg font-semibold">{t("securityTitle")}</h2>
        <ul className="mt-2 space-y-1 text-sm">
          <li><Link href="/account/password" className="text-brand-700 underline">{t("passwordLink")}</Link></li>
          <li>
            <Link href="/account/two-factor" className="text-brand-700 underline">{t("twoFactorLink")}</Link>
            {" · "}{own.totpEnabledAt ? t("twoFactorOn", { date: when(own.totpEnabledAt) }) : t("twoFactorOff")}
          </li>
        </ul>
      </section>
      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h" className="text-lg font-semibold">{t("sessionsTitle")}</h2>
        <p className="text-sm text-stone-600">{t("sessionsHint")}</p>
        <div className="mt-3 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
          <table className="min-w-full divide-y divide-stone-200 text-sm" data-testid="sessions">
            <thead className="bg-stone-100 text-left text-xs font-semibold uppercase tracking-wide text-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("browser")}</th>
                <th scope="col" className="px-3 py-2">{t("created")}</th>
                <th scope="col" className="px-3 py-2">{t("lastSeen")}</th>
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">{t("ip")}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{t("signOutSession")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td className="px-3 py-2">{describeBrowser(s.userAgent) ?? t("unknownBrowser")}</td>
                  <td className="px-3 py-2">{when(s.createdAt)}</td>
                  <td className="px-3 py-2">{when(s.lastSeenAt)}</td>
                  <td className="hidden px-3 py-2 font-mono text-xs sm:table-cell">{s.ip ?? "—"}</td>
                  <td className="px-3 py-2">
                    {s.isCurrent ? <span className="font-medium text-emerald-800">{t("thisSession")}</span> : (
                      <ActionForm action={revokeSessionAction} messages={messages} submitLabel={t("signOutSession")} submitVariant="secondary" successMessage={t("sessionEnded")} className="space-y-1">
                        <input type="hidden" name="sessionId" value={s.id} />
                      </ActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
