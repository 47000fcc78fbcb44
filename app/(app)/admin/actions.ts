"use server";
// Admin server actions: parse → domain call → revalidate. The domain functions check the
// permission again, and the admin's fresh re-authentication (S7); these never trust the page that
// rendered the form. Without a fresh re-authentication the admin is sent to /account/reauth and
// back to the page they were on.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import { adminTeamPath, adminUserPath } from "./admin-paths";
import type { ActionResult } from "@/lib/errors";
import { createUser, setUserDisabled } from "@/lib/domain/user/mutations";
import { updateTeamOrganisation } from "@/lib/domain/team/organisation";
import { createTeam } from "@/lib/domain/team/mutations";

export async function createUserAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction("createUser", async () => {
    const viewer = await requireActionViewer();
    return createUser(viewer, formToObject(form, ["teamIds"]));
  }, { reauthNext: "/admin/users/new" });
  if (result.ok && result.data) {
    revalidatePath("/admin/users");
    // Without a password, on to the user's page, where the sign-in link is made.
    redirect(result.data.hasPassword ? "/admin/users?created=1" : `/admin/users/${result.data.id}?needsLink=1`);
  }
  return result;
}

export async function setUserDisabledAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("setUserDisabled", async () => {
    const viewer = await requireActionViewer();
    const { userId, disabled } = formToObject(form);
    await setUserDisabled(viewer, { userId, disabled: disabled === "true" });
    revalidatePath("/admin/users");
  }, { reauthNext: adminUserPath(form.get("userId")) });
}

export async function createTeamAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("createTeam", async () => {
    const viewer = await requireActionViewer();
    await createTeam(viewer, formToObject(form));
    revalidatePath("/admin/teams");
  }, { reauthNext: "/admin/teams" });
}

export async function updateTeamOrganisationAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("updateTeamOrganisation", async () => {
    const viewer = await requireActionViewer();
    const input = formToObject(form);
    await updateTeamOrganisation(viewer, input);
    revalidatePath(`/admin/teams/${String(input.teamId)}`);
  }, { reauthNext: adminTeamPath(form.get("teamId")) });
}
