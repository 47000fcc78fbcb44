"use server";
// Admin actions on one user's access and sign-in security. A role change, and a 2FA reset, need
// the admin's fresh re-authentication (S7): a hijacked admin session cannot quietly promote an
// account or strip someone's second factor.
import { revalidatePath } from "next/cache";
import { requireActionViewer } from "@/lib/auth/session";
import { requireRecentReauth } from "@/lib/auth/reauth";
import { can } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import { formToObject, runAction } from "@/lib/actions";
import { AppError, type ActionResult } from "@/lib/errors";
import { updateUserAccess } from "@/lib/domain/user/mutations";
import { endUserSessions, resetUserTwoFactor, setRequireTwoFactorForAll } from "@/lib/domain/user/security";
import { createSignInLink } from "@/lib/domain/user/sign-in-links";

export async function updateUserAccessWithReauthAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("updateUserAccess", async () => {
    const viewer = await requireActionViewer();
    if (!can(viewer, "user.manage")) throw new AppError("FORBIDDEN", "You do not have permission to do that.");
    const input = formToObject(form, ["teamIds"]);
    const current = typeof input.userId === "string"
      ? await prisma().user.findUnique({ where: { id: input.userId }, select: { role: true } })
      : null;
    if (current && current.role !== input.role) await requireRecentReauth(viewer);
    await updateUserAccess(viewer, input);
    revalidatePath("/admin/users");
  });
}

export async function endUserSessionsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("endUserSessions", async () => {
    const viewer = await requireActionViewer();
    await endUserSessions(viewer, formToObject(form));
    revalidatePath("/admin/users");
  });
}

export async function resetUserTwoFactorAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("resetUserTwoFactor", async () => {
    const viewer = await requireActionViewer();
    await resetUserTwoFactor(viewer, formToObject(form));
    revalidatePath("/admin/users");
  });
}

export async function setTwoFactorPolicyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("setTwoFactorPolicy", async () => {
    const viewer = await requireActionViewer();
    await setRequireTwoFactorForAll(viewer, { requireForAll: form.get("requireForAll") === "true" });
    revalidatePath("/admin/users/security");
  });
}

/** Returns the new link's token once, for the administrator to pass on; only its hash is kept. */
export async function createSignInLinkAction(_prev: ActionResult<{ token: string; expiresAt: string }> | null, form: FormData): Promise<ActionResult<{ token: string; expiresAt: string }>> {
  return runAction("createSignInLink", async () => {
    const viewer = await requireActionViewer();
    const { token, expiresAt } = await createSignInLink(viewer, formToObject(form));
    return { token, expiresAt: expiresAt.toISOString() };
  });
}
