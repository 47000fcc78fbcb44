import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { UNREAD_COUNT_CAP, unreadNotificationCount } from "@/lib/domain/notification/queries";

/** The header bell: a link to the notices page with the unread count (text for screen readers). */
export async function NotificationBell({ viewer }: { viewer: Viewer }) {
  // Read with the session (lib/auth/resolve-session.ts); counted here only for a viewer made elsewhere.
  const [count, t] = await Promise.all([viewer.unreadNotifications ?? unreadNotificationCount(viewer), getTranslations("notifications")]);
  return (
    <Link href="/notifications" className="relative inline-flex items-center rounded px-2 py-1 hover:bg-white/10" aria-label={count >= UNREAD_COUNT_CAP ? t("bellMany", { count: UNREAD_COUNT_CAP - 1 }) : t("bell", { count })} data-testid="notification-bell" data-unread={count}>
      <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 ? (
        <span aria-hidden className="ml-1 min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs font-bold leading-5 text-white">{count > 99 ? "99+" : count}</span>
      ) : null}
    </Link>
  );
}
