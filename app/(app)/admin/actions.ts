"use server";
// Admin server actions: parse → domain call → revalidate. The domain functions check the
// permission again; these never trust the page that rendered the form.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { createUser, setUserDisabled } from "@/lib/domain/user/mutations";
import { updateTeamOrganisation } from "@/lib/domain/team/organisation";
import { createTeam } from "@/lib/domain/team/mutations";

export async function createUserAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction("createUser", async () => {
    const viewer = await requireActionViewer();
    return createUser(viewer, formToObject(form, ["teamIds"]));
  });
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
  });
}

export async function createTeamAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("createTeam", async () => {
    const viewer = await requireActionViewer();
    await createTeam(viewer, formToObject(form));
    revalidatePath("/admin/teams");
  });
}

export async function updateTeamOrganisationAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("updateTeamOrganisation", async () => {
    const viewer = await requireActionViewer();
    const input = formToObject(form);
    await updateTeamOrganisation(viewer, input);
    revalidatePath(`/admin/teams/${String(input.teamId)}`);
  });
}
