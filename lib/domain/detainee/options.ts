import "server-only";
// Choices offered by the case page's forms (shared registry data: no scope needed, every
// signed-in role may read facilities and events).
import { prisma } from "@/lib/db/client";

export async function listRecentEventOptions(take = 30) {
  return prisma().repatriationEvent.findMany({
    where: { archivedAt: null },
    select: { id: true, date: true, datePrecision: true, handoverPoint: true, fromRegion: true, facility: { select: { nameEn: true } } },
    orderBy: { date: "desc" },
    take,
  });
}
