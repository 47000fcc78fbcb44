// Who is acting. Every domain read and write takes one; it is built from the database on every
// request (lib/auth/session.ts), never from what the browser sent.
import type { Locale, Role } from "@/lib/generated/prisma/enums";

export type Viewer = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  teamIds: string[];
  requestId: string | null;
  ip: string | null;
  /** The server-side session (UserSession.id) behind this request; re-authentication is stamped on it. */
  sessionId?: string | null;
  /**
   * Unread notices (stops counting at UNREAD_COUNT_CAP), read with the session in the same
   * statement so the header's bell costs no query of its own; absent outside a request.
   */
  unreadNotifications?: number;
};

/** The actor recorded for work done by a command-line tool rather than a signed-in person. */
export type SystemActor = { system: string };
export type Actor = Viewer | SystemActor;

export function isViewer(actor: Actor): actor is Viewer {
  return "id" in actor;
}
