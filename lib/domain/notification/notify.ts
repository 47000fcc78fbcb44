// In-app notifications. Written inside the transaction that caused them, so a rolled-back change
// never leaves a notice behind. One row per (user, dedupeKey): the same cause never notifies the
// same person twice (the unique index makes this hold under concurrency too).
import type { Tx } from "@/lib/db/client";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

export type NotificationInput = {
  kind: NotificationKind;
  /** Message key in the `notifications` namespace (messages/{en,ko}/notifications.json). */
  messageKey: string;
  params?: Record<string, string | number>;
  /** Link to the record (a path inside Haven, e.g. /detainees/<id>). */
  href: string;
  /** Identifies the cause, e.g. `event:<id>:detainee:<id>`; a second notice with the same key is dropped. */
  dedupeKey: string;
};

/** Notifies each user once per dedupeKey. Returns how many notices were created. */
export async function notifyUsers(tx: Tx, userIds: Iterable<string>, input: NotificationInput): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const result = await tx.notification.createMany({
    data: ids.map((userId) => ({
      userId,
      kind: input.kind,
      title: input.messageKey,
      params: (input.params ?? {}) as Prisma.InputJsonValue,
      href: input.href,
      dedupeKey: input.dedupeKey,
    })),
    skipDuplicates: true,
  });
  return result.count;
}

/** Active members of the given teams (the people who follow those teams' cases). */
export async function activeTeamMemberIds(tx: Tx, teamIds: Iterable<string>, roles?: readonly string[]): Promise<string[]> {
  const ids = [...new Set(teamIds)];
  if (ids.length === 0) return [];
  const rows = await tx.teamMembership.findMany({
    where: { teamId: { in: ids }, user: { disabledAt: null, ...(roles ? { role: { in: roles as never } } : {}) } },
    select: { userId: true },
  });
  return [...new Set(rows.map((r) => r.userId))];
}
