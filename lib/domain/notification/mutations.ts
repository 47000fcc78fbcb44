// Marking notices read. Only the addressee's own rows are touched (userId in every where).
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { idSchema } from "../schemas-common";

export const markReadSchema = z.strictObject({ ids: z.array(idSchema).max(100).optional(), all: z.boolean().optional() });

/** Marks the given notices (or all of them) read; returns how many changed. Other people's ids are ignored. */
export async function markNotificationsRead(viewer: Viewer, input: z.input<typeof markReadSchema>): Promise<number> {
  const data = markReadSchema.parse(input);
  if (!data.all && !data.ids?.length) return 0;
  const result = await prisma().notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...(data.all ? {} : { id: { in: data.ids } }) },
    data: { readAt: new Date() },
  });
  // The count read with the session (lib/auth/resolve-session.ts) is now stale for the rest of
  // this request: the bell counts afresh.
  delete viewer.unreadNotifications;
  return result.count;
}
