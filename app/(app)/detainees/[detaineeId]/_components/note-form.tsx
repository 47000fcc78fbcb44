import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import { ActionForm } from "@/components/action-form";
import { CheckboxField, SelectField, TextAreaField } from "@/components/form-fields";
import { formErrorMessages } from "@/components/form-messages";
import { addNoteAction } from "../evidence-actions";

const EVIDENCE_ERRORS = ["fileRequired", "fileEmpty", "fileTooLarge", "fileMarkup", "fileTypeNotAllowed", "futureDate", "alreadyRevoked"] as const;

/** The shared form error messages plus those of the evidence forms, in the viewer's language. */
export async function evidenceFormMessages(): Promise<Record<string, string>> {
  const [common, t] = await Promise.all([formErrorMessages(), getTranslations("evidence.errors")]);
  return { ...common, ...Object.fromEntries(EVIDENCE_ERRORS.map((k) => [k, t(k)])) };
}

/** Add a note or a call to the case timeline; nothing for roles that may not edit the case. */
export async function NoteForm({ viewer, detaineeId }: { viewer: Viewer; detaineeId: string }) {
  if (!can(viewer, "detainee.update")) return null;
  const [t, messages] = await Promise.all([getTranslations("notes"), evidenceFormMessages()]);
  return (
    <section aria-labelledby="note-form-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <h2 id="note-form-h" className="text-lg font-semibold">{t("title")}</h2>
      <ActionForm action={addNoteAction} messages={messages} submitLabel={t("submit")} successMessage={t("added")} className="mt-3 space-y-4">
        <input type="hidden" name="detaineeId" value={detaineeId} />
        <SelectField id="note-kind" name="kind" label={t("kindLabel")} defaultValue="NOTE" options={(["NOTE", "CALL"] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        <TextAreaField id="note-body" name="body" label={t("body")} rows={4} required maxLength={20000} />
        <CheckboxField id="note-confidential" name="isConfidential" label={t("confidential")} />
      </ActionForm>
    </section>
  );
}
