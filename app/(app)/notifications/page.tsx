import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { listNotifications, NOTIFICATIONS_PAGE_SIZE } from "@/lib/domain/notification/queries";
import { firstParam } from "@/components/ui/list-page";
import { Pagination } from "@/components/ui/pagination";
import { notificationText } from "@/components/notifications/notification-text";
import { markAllNotificationsReadAction, openNotificationAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const raw = await searchParams;
  const unreadOnly = firstParam(raw.show) === "unread";
  const page = Math.max(1, Math.min(10_000, Number.parseInt(firstParam(raw.page) ?? "1", 10) || 1));
  const [list, t, format] = await Promise.all([listNotifications(viewer, { page, unreadOnly }), getTranslations("notifications"), getFormatter()]);
  const texts = await Promise.all(list.rows.map(notificationText));
  const tab = (active: boolean) => `rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ${active ? "bg-brand-700 text-white ring-brand-700" : "bg-white ring-stone-300 hover:bg-stone-50"}`;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <form action={markAllNotificationsReadAction}>
          <button type="submit" className="rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-stone-300 hover:bg-stone-50">{t("markAllRead")}</button>
        </form>
      </div>
      <nav className="mt-3 flex gap-2" aria-label={t("title")}>
        <Link href="/notifications" className={tab(!unreadOnly)} aria-current={!unreadOnly ? "page" : undefined}>{t("showAll")}</Link>
        <Link href="/notifications?show=unread" className={tab(unreadOnly)} aria-current={unreadOnly ? "page" : undefined}>{t("showUnread")}</Link>
      </nav>
      {list.rows.length === 0 ? (
        <p className="mt-6 text-sm text-stone-600">{unreadOnly ? t("emptyUnread") : t("empty")}</p>
      ) : (
        <ul className="mt-4 divide-y divide-stone-200 rounded-lg bg-white shadow-sm ring-1 ring-stone-200" data-testid="notifications">
          {list.rows.map((n, i) => (
            <li key={n.id} className={`flex flex-wrap items-start gap-3 px-4 py-3 ${n.read ? "" : "bg-brand-50"}`} data-read={n.read} data-kind={n.kind}>
              <div className="min-w-0 flex-1">
                <p className="text-xs font-semibold uppercase tracking-wide text-stone-600">
                  {t(`kind.${n.kind}`)}{n.read ? null : <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-[10px] text-white">{t("new")}</span>}
                </p>
                <p className="mt-0.5 text-sm wrap-anywhere">{texts[i]}</p>
                <p className="mt-0.5 text-xs text-stone-600"><time dateTime={n.createdAt.toISOString()}>{format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time></p>
              </div>
              {n.href ? (
                <form action={openNotificationAction}>
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800">{t("open")}</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={Math.max(1, Math.ceil(list.total / NOTIFICATIONS_PAGE_SIZE))} params={{ show: unreadOnly ? "unread" : undefined }} basePath="/notifications" />
    </div>
  );
}
