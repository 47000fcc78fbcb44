"use server";
// Admin actions on one user's access and sign-in security. Every one needs the admin's fresh
// re-authentication, enforced in the domain (S7): a hijacked admin session cannot quietly promote
// an account, grant teams, strip someone's second factor or switch off "2FA for all". Without it
// the admin is sent to /account/reauth and back to the page they were on.
import { revalidatePath } from "next/cache";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { updateUserAccess } from "@/lib/domain/user/mutations";
import { endUserSessions, resetUserTwoFactor, setRequireTwoFactorForAll } from "@/lib/domain/user/security";
import { createSignInLink } from "@/lib/domain/user/sign-in-links";
import { adminUserPath } from "../admin-paths";

export async function updateUserAccessWithReauthAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("updateUserAccess", async () => {
    const viewer = await requireActionViewer();
    await updateUserAccess(viewer, formToObject(form, ["teamIds"]));
    revalidatePath("/admin/users");
  }, { reauthNext: adminUserPath(form.get("userId")) });
}

export async function endUserSessionsAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("endUserSessions", async () => {
    const viewer = await requireActionViewer();
    await endUserSessions(viewer, formToObject(form));
    revalidatePath("/admin/users");
  }, { reauthNext: adminUserPath(form.get("userId")) });
}

export async function resetUserTwoFactorAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("resetUserTwoFactor", async () => {
    const viewer = await requireActionViewer();
    await resetUserTwoFactor(viewer, formToObject(form));
    revalidatePath("/admin/users");
  }, { reauthNext: adminUserPath(form.get("userId")) });
}

export async function setTwoFactorPolicyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("setTwoFactorPolicy", async () => {
    const viewer = await requireActionViewer();
    await setRequireTwoFactorForAll(viewer, { requireForAll: form.get("requireForAll") === "true" });
    revalidatePath("/admin/users/security");
  }, { reauthNext: "/admin/users/security" });
}

/** Returns the new link's token once, for the administrator to pass on; only its hash is kept. */
export async function createSignInLinkAction(_prev: ActionResult<{ token: string; expiresAt: string }> | null, form: FormData): Promise<ActionResult<{ token: string; expiresAt: string }>> {
  return runAction("createSignInLink", async () => {
    const viewer = await requireActionViewer();
    const { token, expiresAt } = await createSignInLink(viewer, formToObject(form));
    return { token, expiresAt: expiresAt.toISOString() };
  }, { reauthNext: `${adminUserPath(form.get("userId"))}#sign-in-link` });
}
