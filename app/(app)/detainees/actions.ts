"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { changeDetaineeStatus, createDetainee } from "@/lib/domain/detainee/mutations";
import { archiveDetainee, updateDetainee } from "@/lib/domain/detainee/update";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { linkDetaineesToEvent } from "@/lib/domain/event/mutations";
import { detaineeFormToInput, detaineeFormToUpdateInput } from "@/lib/domain/detainee/form";

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

export async function updateDetaineeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("updateDetainee", async () => {
    const viewer = await requireActionViewer();
    const input = detaineeFormToUpdateInput(formToObject(form, form.has("assignmentsShown") ? ["assignedUserIds"] : []));
    await updateDetainee(viewer, input);
    revalidatePath(`/detainees/${input.detaineeId}`);
    redirect(`/detainees/${input.detaineeId}?saved=1`);
  });
}

export async function archiveDetaineeAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("archiveDetainee", async () => {
    const viewer = await requireActionViewer();
    const { detaineeId, version, reason } = formToObject(form);
    await archiveDetainee(viewer, { detaineeId, version: Number(version), reason });
    revalidatePath("/detainees");
    redirect("/detainees?archived=1");
  });
}

export async function changeStatusAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("changeStatus", async () => {
    const viewer = await requireActionViewer();
    const { detaineeId, to, note, date, eventId, version } = formToObject(form);
    if (to === "REPATRIATED" && typeof eventId === "string" && eventId) {
      await linkDetaineesToEvent(viewer, { eventId, detaineeIds: [String(detaineeId)], note: String(note ?? "") });
    } else {
      await changeDetaineeStatus(viewer, {
        detaineeId: String(detaineeId ?? ""), to: to as never, note: String(note ?? ""),
        date: typeof date === "string" && date.trim() ? date : undefined, version: Number(version),
      });
    }
    revalidatePath(`/detainees/${String(detaineeId)}`);
  });
}

export async function addCustodyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction("addCustody", async () => {
    const viewer = await requireActionViewer();
    const { detaineeId, facilityId, from, to, howKnown, confidence } = formToObject(form);
    await addCustodyPeriod(viewer, {
      detaineeId: String(detaineeId ?? ""), facilityId: String(facilityId ?? ""), from: String(from ?? ""),
      to: typeof to === "string" && to.trim() ? to : undefined, howKnown: typeof howKnown === "string" ? howKnown : undefined,
      confidence: (confidence as "LOW" | "MEDIUM" | "HIGH") ?? "MEDIUM",
    });
    revalidatePath(`/detainees/${String(detaineeId)}`);
  });
}
