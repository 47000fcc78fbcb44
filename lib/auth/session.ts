import "server-only";
// getViewer: the one way a page, action or route learns who is asking. The cookie only names a
// server-side session; lib/auth/resolve-session.ts re-reads it and the user on every request,
// so logout, revocation, expiry, idleness, a bumped sessionVersion or a missing second factor
// take effect on the very next request — page, RSC request or server action alike (S4, S5).
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import { clientAddress } from "@/lib/http/client-address";
import { resolvePendingSession, resolveViewer, type PendingSession } from "./resolve-session";
import type { SessionClaims } from "./session-state";
import type { Viewer } from "./viewer";

const readClaims = cache(async (): Promise<SessionClaims | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid || !session.sid || typeof session.sv !== "number") return null;
  return { uid: session.uid, sv: session.sv, sid: session.sid };
});

async function requestMeta() {
  const h = await headers();
  return { requestId: h.get("x-request-id") ?? randomUUID(), ip: clientAddress(h) };
}

export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claims = await readClaims();
  return claims ? resolveViewer(claims, await requestMeta()) : null;
});

/** Only for the two-factor pages: a session that passed the password and owes the code. */
export const getPendingSession = cache(async (): Promise<PendingSession | null> => {
  const claims = await readClaims();
  return claims ? resolvePendingSession(claims, await requestMeta()) : null;
});

/** For pages: the viewer, or off to the second-factor step or the sign-in page. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (viewer) return viewer;
  const pending = await getPendingSession();
  redirect(pending ? "/login/two-factor" : "/login");
}

/** For server actions and route handlers: the viewer, or an error the caller turns into 401. */
export async function requireActionViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  return viewer;
}
