"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { detaineeFormToInput } from "@/lib/domain/detainee/form";

export async function createDetaineeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction("createDetainee", async () => {
    const viewer = await requireActionViewer();
    return createDetainee(viewer, detaineeFormToInput(formToObject(form)));
  });
  if (result.ok && result.data) {
    revalidatePath("/detainees");
    redirect(`/detainees/${result.data.id}?created=1`);
  }
  return result;
}
