// Permission checks for domain writes. Command-line tools act as a SystemActor (an operator
// with shell access already has the database), so only signed-in viewers are checked here.
import { can, type Permission } from "@/lib/auth/permissions";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";

export function assertCan(actor: Actor, permission: Permission): void {
  if (isViewer(actor) && !can(actor, permission)) {
    throw new AppError("FORBIDDEN", "You do not have permission to do that.");
  }
}

/** Team ids an actor may write into; null means "any" (admins and system tools). */
export function writableTeamIds(actor: Actor): string[] | null {
  if (!isViewer(actor) || actor.role === "ADMIN") return null;
  return actor.teamIds;
}
