"use server";
// Facility server actions: session → domain call → revalidate. The domain checks permission and
// validity again; nothing here trusts the page that rendered the form.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { createFacility, updateFacility } from "@/lib/domain/facility/mutations";
import { facilityEditFormToInput, facilityFormToInput } from "@/lib/domain/facility/form";
import { createIndicator } from "@/lib/domain/indicator/mutations";
import { indicatorFormToInput } from "@/lib/domain/indicator/form";
import { withMessageKeys } from "./_lib/action-errors";

export async function createFacilityAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction("createFacility", async () => {
    const viewer = await requireActionViewer();
    return withMessageKeys(() => createFacility(viewer, facilityFormToInput(formToObject(form))), "facilityConflict");
  });
  if (result.ok && result.data) {
    revalidatePath("/facilities");
    redirect(`/facilities/${result.data.id}?saved=1`);
  }
  return result;
}

export async function updateFacilityAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const input = facilityEditFormToInput(formToObject(form));
  const result = await runAction("updateFacility", async () => {
    const viewer = await requireActionViewer();
    return withMessageKeys(() => updateFacility(viewer, input), "facilityConflict", localiseFacilityValue);
  });
  if (result.ok && result.data) {
    revalidatePath("/facilities");
    redirect(`/facilities/${result.data.id}?saved=1`);
  }
  // On a conflict the edit page re-renders with the values saved meanwhile (and their version).
  if (!result.ok && result.message === "facilityConflict") revalidatePath(`/facilities/${encodeURIComponent(input.facilityId)}/edit`);
  return result;
}

export async function createFacilityIndicatorAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const input = indicatorFormToInput(formToObject(form), "facility");
  const result = await runAction("createFacilityIndicator", async () => {
    const viewer = await requireActionViewer();
    await withMessageKeys(() => createIndicator(viewer, input), "recordNotFound");
  });
  if (result.ok) revalidatePath(`/facilities/${encodeURIComponent(input.facilityId ?? "")}`);
  return result;
}

/** Enum values in a conflict's details, shown in the viewer's language. */
async function localiseFacilityValue(field: string, value: string): Promise<string> {
  if (field === "type") return (await getTranslations("facilityType"))(value as "OTHER");
  if (field === "confidence") return (await getTranslations("confidence"))(value as "LOW");
  return value;
}
