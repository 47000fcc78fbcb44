import "server-only";
// getViewer: the one way a page, action or route learns who is asking. It re-reads the user on
// every request, so a disabled account or a bumped sessionVersion (logout, role change) takes
// effect on the very next request, even with a still-valid signed cookie (S5).
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import type { Viewer } from "./viewer";

export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid) return null;
  const user = await prisma().user.findUnique({
    where: { id: session.uid },
    select: {
      id: true, email: true, displayName: true, role: true, locale: true,
      sessionVersion: true, disabledAt: true,
      memberships: { select: { teamId: true } },
    },
  });
  if (!user || user.disabledAt || user.sessionVersion !== session.sv) return null;
  const h = await headers();
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    teamIds: user.memberships.map((m) => m.teamId),
    requestId: h.get("x-request-id") ?? randomUUID(),
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
  };
});

/** For pages: the viewer, or off to the sign-in page. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return viewer;
}

/** For server actions and route handlers: the viewer, or an error the caller turns into 401. */
export async function requireActionViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  return viewer;
}
