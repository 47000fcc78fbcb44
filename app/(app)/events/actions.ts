"use server";
// Repatriation event server actions: session → domain call → revalidate. Linking people to an
// event changes their case status, so the domain re-checks detainee.status.change and scope.
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { createRepatriationEvent, linkDetaineesToEvent, updateRepatriationEvent } from "@/lib/domain/event/mutations";
import { eventEditFormToInput, eventFormToInput } from "@/lib/domain/event/form";
import { withMessageKeys } from "../facilities/_lib/action-errors";

export async function createEventAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const result = await runAction("createEvent", async () => {
    const viewer = await requireActionViewer();
    return withMessageKeys(() => createRepatriationEvent(viewer, eventFormToInput(formToObject(form))), "eventConflict");
  });
  if (result.ok && result.data) {
    revalidatePath("/events");
    redirect(`/events/${result.data.id}?saved=1`);
  }
  return result;
}

export async function updateEventAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const input = eventEditFormToInput(formToObject(form));
  const result = await runAction("updateEvent", async () => {
    const viewer = await requireActionViewer();
    return withMessageKeys(() => updateRepatriationEvent(viewer, input), "eventConflict", async (field, value) =>
      field === "verification" ? (await getTranslations("verification"))(value as "REPORTED") : value,
    );
  });
  if (result.ok && result.data) {
    revalidatePath("/events");
    redirect(`/events/${result.data.id}?saved=1`);
  }
  // On a conflict the edit page re-renders with the values saved meanwhile (and their version).
  if (!result.ok && result.message === "eventConflict") revalidatePath(`/events/${encodeURIComponent(input.eventId)}/edit`);
  return result;
}

export async function linkDetaineesAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const raw = formToObject(form, ["detaineeIds"]);
  const eventId = String(raw.eventId ?? "");
  const result = await runAction("linkDetainees", async () => {
    const viewer = await requireActionViewer();
    await withMessageKeys(() => linkDetaineesToEvent(viewer, { eventId, detaineeIds: raw.detaineeIds as string[], note: String(raw.note ?? "") }), "recordNotFound");
  });
  if (result.ok) {
    revalidatePath(`/events/${encodeURIComponent(eventId)}`);
    revalidatePath("/detainees");
    revalidatePath("/facilities");
  }
  return result;
}
