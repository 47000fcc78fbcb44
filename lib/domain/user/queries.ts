import "server-only";
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";

function assertAdmin(viewer: Viewer) {
  if (!can(viewer, "user.manage")) throw new AppError("FORBIDDEN", "Administrators only.");
}

export async function listUsers(viewer: Viewer) {
  assertAdmin(viewer);
  return prisma().user.findMany({
    select: {
      id: true, email: true, displayName: true, role: true, disabledAt: true, lastLoginAt: true,
      memberships: { select: { team: { select: { id: true, name: true } } } },
    },
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { displayName: "asc" }],
  });
}

export async function getUserForAdmin(viewer: Viewer, userId: string) {
  assertAdmin(viewer);
  return prisma().user.findUnique({
    where: { id: userId },
    select: {
      id: true, email: true, displayName: true, role: true, locale: true, disabledAt: true, lastLoginAt: true, createdAt: true,
      memberships: { select: { teamId: true } },
    },
  });
}
