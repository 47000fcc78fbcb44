import "server-only";
import { refuseNotFound } from "@/lib/audit/refusal";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

/** Admin pages do not exist for anyone else (404, not 403: nothing to learn). */
export async function requireAdmin() {
  const viewer = await requireViewer();
  if (!can(viewer, "user.manage")) return refuseNotFound(viewer, { target: "/admin", reason: "role" });
  return viewer;
}
