"use server";
// Server actions for a case's sources, consent, evidence files and notes (uploads go through
// app/api/uploads/evidence: server actions keep Next's 1 MB body limit): session → domain call
// → revalidate. The domain functions check permission and scope themselves; the case path is
// rebuilt from what they return, never from the raw form.
import { revalidatePath } from "next/cache";
import { requireActionViewer } from "@/lib/auth/session";
import { formToObject, runAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/viewer";
import { addSource, removeSource, updateSource } from "@/lib/domain/source/mutations";
import type { AddSourceInput, UpdateSourceInput } from "@/lib/domain/source/schemas";
import { recordConsent, revokeConsent } from "@/lib/domain/consent/mutations";
import type { RecordConsentInput, RevokeConsentInput } from "@/lib/domain/consent/schemas";
import { archiveAttachment } from "@/lib/domain/attachment/mutations";
import { addNote } from "@/lib/domain/note/mutations";
import type { AddNoteInput } from "@/lib/domain/note/schemas";

type State = ActionResult | null;
type Work = (viewer: Viewer, fields: Record<string, unknown>) => Promise<{ detaineeId: string }>;

/** Runs one case write; zod (in the domain) rejects unknown or malformed fields. */
function caseAction(name: string, form: FormData, work: Work): Promise<ActionResult> {
  return runAction(name, async () => {
    const viewer = await requireActionViewer();
    const { detaineeId } = await work(viewer, formToObject(form));
    revalidatePath(`/detainees/${detaineeId}`);
  });
}

export async function addSourceAction(_prev: State, form: FormData) {
  return caseAction("addSource", form, (v, f) => addSource(v, f as AddSourceInput));
}

export async function updateSourceAction(_prev: State, form: FormData) {
  return caseAction("updateSource", form, (v, f) => updateSource(v, f as UpdateSourceInput));
}

export async function removeSourceAction(_prev: State, form: FormData) {
  return caseAction("removeSource", form, (v, f) => removeSource(v, f as { sourceId: string }));
}

export async function recordConsentAction(_prev: State, form: FormData) {
  return caseAction("recordConsent", form, (v, f) => recordConsent(v, f as RecordConsentInput));
}

export async function revokeConsentAction(_prev: State, form: FormData) {
  return caseAction("revokeConsent", form, (v, f) => revokeConsent(v, f as RevokeConsentInput));
}

export async function addNoteAction(_prev: State, form: FormData) {
  return caseAction("addNote", form, (v, f) => addNote(v, f as AddNoteInput));
}

export async function archiveAttachmentAction(_prev: State, form: FormData) {
  return caseAction("archiveAttachment", form, (v, f) => archiveAttachment(v, f as { attachmentId: string }));
}
