import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/action-form";
import type { PetitionSection } from "@/lib/domain/petitions/types";
import { updateSectionAction } from "../../actions";

/** One editable section. Saving sends the version the page loaded (optimistic locking). */
export async function SectionEditor({ petitionId, version, section, index, editable, messages }: {
  petitionId: string; version: number; section: PetitionSection; index: number; editable: boolean; messages: Record<string, string>;
}) {
  const t = await getTranslations("petitionUi");
  const rows = Math.min(24, Math.max(4, Math.ceil(section.body.length / 90) + section.body.split("\n").length));
  return (
    <section aria-labelledby={`s-${index}`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200" data-section={section.key}>
      <h3 id={`s-${index}`} className="font-semibold">
        {section.heading} {section.edited ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("edited")}</span> : null}
      </h3>
      {editable ? (
        <ActionForm action={updateSectionAction} messages={messages} submitLabel={t("saveSection")} successMessage={t("sectionSaved")} submitVariant="secondary" className="mt-2 space-y-2">
          <input type="hidden" name="id" value={petitionId} />
          <input type="hidden" name="version" value={version} />
          <input type="hidden" name="key" value={section.key} />
          <textarea id={`section-${section.key}`} name="body" aria-labelledby={`s-${index}`} defaultValue={section.body} rows={rows} maxLength={50_000} className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 font-serif text-sm leading-relaxed" />
        </ActionForm>
      ) : (
        <div className="mt-2 whitespace-pre-line font-serif text-sm leading-relaxed wrap-anywhere">{section.body}</div>
      )}
    </section>
  );
}
