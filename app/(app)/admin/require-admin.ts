import "server-only";
import { notFound } from "next/navigation";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

/** Admin pages do not exist for anyone else (404, not 403: nothing to learn). */
export async function requireAdmin() {
  const viewer = await requireViewer();
  if (!can(viewer, "user.manage")) notFound();
  return viewer;
}
