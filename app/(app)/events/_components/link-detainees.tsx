import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { listLinkCandidates, type LinkCandidate } from "@/lib/domain/event/queries";
import { ActionForm, FieldError } from "@/components/action-form";
import { TextAreaField } from "@/components/form-fields";
import { inputClass } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { registryFormMessages } from "../../facilities/_lib/form-messages";
import { linkDetaineesAction } from "../actions";

/**
 * "These people were on this event": the viewer's cases whose status allows REPATRIATED, those
 * held at the event's facility listed first. Saving closes their custody and changes their status.
 */
export async function LinkDetainees({ viewer, event, q }: { viewer: Viewer; event: { id: string; facilityId: string | null }; q?: string }) {
  const [candidates, t, messages] = await Promise.all([listLinkCandidates(viewer, event, q), getTranslations("eventLink"), registryFormMessages()]);
  const groups = [
    { key: "here", title: t("atFacility"), rows: candidates.atFacility },
    { key: "others", title: event.facilityId ? t("otherCases") : t("yourCases"), rows: candidates.others },
  ].filter((g) => g.key === "others" || event.facilityId);
  const none = candidates.atFacility.length + candidates.others.length === 0;
  return (
    <section aria-labelledby="link-h" className="mt-6 rounded-lg border border-red-200 bg-white p-4 shadow-sm">
      <h2 id="link-h" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>
      <form method="get" role="search" className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor="link-q" className="block text-sm font-medium">{t("search")}</label>
          <input id="link-q" name="q" type="search" defaultValue={q ?? ""} className={inputClass} />
        </div>
        <button type="submit" className="min-h-10 rounded-md bg-white px-4 py-2 text-sm font-semibold ring-1 ring-inset ring-stone-300 hover:bg-stone-50">{t("find")}</button>
      </form>
      {none ? (
        <p className="mt-3 text-sm text-stone-600">{t("noCandidates")}</p>
      ) : (
        <ActionForm action={linkDetaineesAction} messages={messages} submitLabel={t("submit")} submitVariant="danger" successMessage={t("saved")} className="mt-4 space-y-4">
          <input type="hidden" name="eventId" value={event.id} />
          {groups.map((g) => (
            <fieldset key={g.key} aria-describedby="f-detaineeIds-error" className="space-y-1">
              <legend className="text-sm font-semibold">{g.title}</legend>
              {g.rows.length === 0 ? <p className="text-sm text-stone-600">{t("noneHere")}</p> : g.rows.map((d) => <Candidate key={d.id} d={d} />)}
              {g.rows.length >= candidates.limit ? <p className="text-xs text-stone-600">{t("limited", { limit: candidates.limit })}</p> : null}
            </fieldset>
          ))}
          <FieldError name="detaineeIds" id="f-detaineeIds-error" />
          <TextAreaField name="note" label={t("note")} hint={t("noteHint")} rows={3} required />
        </ActionForm>
      )}
    </section>
  );
}

function Candidate({ d }: { d: LinkCandidate }) {
  const roman = [d.familyNameRoman, d.givenNameRoman].filter(Boolean).join(" ");
  return (
    <label className="flex min-h-8 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <input type="checkbox" name="detaineeIds" value={d.id} className="size-4" />
      <span className="font-mono text-xs">{d.caseNumber}</span>
      {d.nameHangul ? <span lang="ko" className="font-medium">{d.nameHangul}</span> : null}
      {roman ? <span>{roman}</span> : null}
      <StatusBadge status={d.status} />
      {d.currentFacility ? <span className="text-xs text-stone-600">{d.currentFacility.nameEn}</span> : null}
    </label>
  );
}
