// A user's own notices. Scoped by userId only: a notice is addressed to one person and holds no
// case data beyond a case number or facility name and a link (the linked page re-checks access).
import "server-only";
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { NotificationKind } from "@/lib/generated/prisma/enums";

export const NOTIFICATIONS_PAGE_SIZE = 30;

export type NotificationRow = {
  id: string; kind: NotificationKind; messageKey: string; params: Record<string, string | number>;
  href: string | null; read: boolean; createdAt: Date;
};

/** The bell shows "99+" past 99, so counting stops at 100: a return where thousands are held must not slow every page. */
export const UNREAD_COUNT_CAP = 100;

export async function unreadNotificationCount(viewer: Viewer): Promise<number> {
  return prisma().notification.count({ where: { userId: viewer.id, readAt: null }, take: UNREAD_COUNT_CAP });
}

export async function listNotifications(viewer: Viewer, opts: { page: number; unreadOnly: boolean }): Promise<{ rows: NotificationRow[]; total: number }> {
  const where = { userId: viewer.id, ...(opts.unreadOnly ? { readAt: null } : {}) };
  const [rows, total] = await Promise.all([
    prisma().notification.findMany({
      where, orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (opts.page - 1) * NOTIFICATIONS_PAGE_SIZE, take: NOTIFICATIONS_PAGE_SIZE,
    }),
    prisma().notification.count({ where }),
  ]);
  return {
    total,
    rows: rows.map((n) => ({
      id: n.id, kind: n.kind, messageKey: n.title.replace(/^notifications\./, ""),
      params: (n.params && typeof n.params === "object" && !Array.isArray(n.params) ? n.params : {}) as Record<string, string | number>,
      href: n.href, read: n.readAt !== null, createdAt: n.createdAt,
    })),
  };
}
