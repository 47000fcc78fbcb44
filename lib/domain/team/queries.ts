import "server-only";
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";

/** Teams the viewer can see: all for admins, their own for everyone else. */
export async function listTeams(viewer: Viewer) {
  return prisma().team.findMany({
    where: viewer.role === "ADMIN" ? { archivedAt: null } : { id: { in: viewer.teamIds }, archivedAt: null },
    select: { id: true, name: true, _count: { select: { memberships: true, detainees: true } } },
    orderBy: { name: "asc" },
  });
}
