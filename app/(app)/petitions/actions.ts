"use server";
// Petition server actions: session → domain call → revalidate. The domain re-checks scope,
// role, version and completeness; nothing here trusts the page that rendered the form. File
// uploads go through app/api/uploads/petition-files (server actions keep Next's 1 MB body limit).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import { createPetition, regeneratePetition, updatePetitionSection, updatePetitionTitle } from "@/lib/domain/petitions/mutations";
import { transitionPetition } from "@/lib/domain/petitions/mutations-workflow";

const version = (v: unknown) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v);
const refresh = (id: string) => revalidatePath(`/petitions/${id}`);

export async function createPetitionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult<{ id: string }>> {
  const raw = formToObject(form, ["detaineeIds"]);
  const result = await runAction("createPetition", async () => {
    const viewer = await requireActionViewer();
    return createPetition(viewer, { kind: raw.kind as never, detaineeIds: (raw.detaineeIds as string[] | undefined) ?? [] });
  });
  if (result.ok && result.data) {
    revalidatePath("/petitions");
    redirect(`/petitions/${result.data.id}`);
  }
  return result;
}

export async function updateSectionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const raw = formToObject(form);
  const result = await runAction("updatePetitionSection", async () => {
    const viewer = await requireActionViewer();
    await updatePetitionSection(viewer, { id: raw.id as string, version: version(raw.version) as number, key: raw.key as string, body: (raw.body as string | undefined) ?? "" });
  });
  if (result.ok) refresh(String(raw.id));
  return result;
}

export async function updateTitleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const raw = formToObject(form);
  const result = await runAction("updatePetitionTitle", async () => {
    const viewer = await requireActionViewer();
    await updatePetitionTitle(viewer, { id: raw.id as string, version: version(raw.version) as number, title: (raw.title as string | undefined) ?? "" });
  });
  if (result.ok) refresh(String(raw.id));
  return result;
}

export async function regenerateAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const raw = formToObject(form);
  const result = await runAction("regeneratePetition", async () => {
    const viewer = await requireActionViewer();
    await regeneratePetition(viewer, { id: raw.id as string, version: version(raw.version) as number, confirmOverwrite: raw.confirmOverwrite === "on" });
  });
  if (result.ok) refresh(String(raw.id));
  return result;
}

export async function transitionAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { id, version: v, ...rest } = formToObject(form);
  const result = await runAction("transitionPetition", async () => {
    const viewer = await requireActionViewer();
    await transitionPetition(viewer, { id: id as string, version: version(v) as number, ...(rest as Record<string, string>) } as never);
  });
  if (result.ok) {
    refresh(String(id));
    revalidatePath("/petitions");
  }
  return result;
}
