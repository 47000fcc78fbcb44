"use server";
// Notices: open (mark read, then go to the record) and mark all read. Only the signed-in
// person's own notices can be touched; the target is re-read from their row, never from the form.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { markNotificationsRead } from "@/lib/domain/notification/mutations";
import { idSchema } from "@/lib/domain/schemas-common";

/** Only paths inside Haven: a stored link can never send someone off-site (S17). */
const isInternalPath = (href: string | null): href is string => !!href && href.startsWith("/") && !href.startsWith("//") && !href.includes("\\");

// Without a session: to sign in (a redirect, never a 500), and nothing is touched.
export async function openNotificationAction(form: FormData): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const id = idSchema.safeParse(form.get("id"));
  if (!id.success) redirect("/notifications");
  const n = await prisma().notification.findFirst({ where: { id: id.data, userId: viewer.id }, select: { href: true } });
  await markNotificationsRead(viewer, { ids: [id.data] });
  revalidatePath("/", "layout");
  redirect(isInternalPath(n?.href ?? null) ? n!.href! : "/notifications");
}

export async function markAllNotificationsReadAction(form: FormData): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  await markNotificationsRead(viewer, { all: true });
  revalidatePath("/", "layout");
  redirect(form.get("back") === "dashboard" ? "/" : "/notifications");
}
