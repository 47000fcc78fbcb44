"use server";
// Adding a warning sign to a case. createIndicator checks indicator.write and the case's scope
// (another team's case is NOT_FOUND), so a forged detaineeId reaches nothing.
import { revalidatePath } from "next/cache";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { createIndicator } from "@/lib/domain/indicator/mutations";
import { indicatorFormToInput } from "@/lib/domain/indicator/form";
import { withMessageKeys } from "../../facilities/_lib/action-errors";

export async function createDetaineeIndicatorAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const input = indicatorFormToInput(formToObject(form), "detainee");
  const result = await runAction("createDetaineeIndicator", async () => {
    const viewer = await requireActionViewer();
    await withMessageKeys(() => createIndicator(viewer, input), "recordNotFound");
  });
  if (result.ok) revalidatePath(`/detainees/${encodeURIComponent(input.detaineeId ?? "")}`);
  return result;
}
