import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import { listSources, type SourceRow } from "@/lib/domain/source/queries";
import { CONFIDENTIALITY_LEVELS, SOURCE_KINDS } from "@/lib/domain/source/schemas";
import { ActionForm } from "@/components/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/form-fields";
import { addSourceAction, removeSourceAction, updateSourceAction } from "../evidence-actions";
import { evidenceFormMessages } from "./note-form";

type T = Awaited<ReturnType<typeof getTranslations<"sources">>>;

/** The fields of a source; `prefix` keeps element ids unique when several forms are on the page. */
function SourceFields({ t, prefix, source }: { t: T; prefix: string; source?: SourceRow }) {
  const restricted = source?.restricted.visible ? source.restricted : null;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id={`${prefix}-kind`} name="kind" label={t("kindLabel")} defaultValue={source?.kind ?? "FAMILY_MEMBER"} options={SOURCE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        <SelectField id={`${prefix}-confidentiality`} name="confidentiality" label={t("confidentiality")} defaultValue={source?.confidentiality ?? "CONFIDENTIAL"} options={CONFIDENTIALITY_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
      </div>
      <TextField id={`${prefix}-label`} name="label" label={t("label")} hint={t("labelHint")} defaultValue={source?.label} required maxLength={80} autoComplete="off" />
      <TextAreaField id={`${prefix}-identity`} name="identity" label={t("identity")} hint={t("identityHint")} defaultValue={restricted?.identity ?? undefined} rows={2} autoComplete="off" />
      <TextAreaField id={`${prefix}-contact`} name="contact" label={t("contact")} hint={t("contactHint")} defaultValue={restricted?.contact ?? undefined} rows={2} autoComplete="off" />
    </>
  );
}

/**
 * A case's sources. Identities and contacts reach this component only for roles allowed to read
 * them (the query masks them otherwise), so nothing here can leak them into HTML or RSC data.
 */
export async function SourcesSection({ viewer, detaineeId }: { viewer: Viewer; detaineeId: string }) {
  const [sources, t, messages] = await Promise.all([listSources(viewer, detaineeId), getTranslations("sources"), evidenceFormMessages()]);
  const mayAdd = can(viewer, "detainee.update");
  const mayManage = can(viewer, "source.manage");
  const notRecorded = <span className="text-stone-500">{t("notRecorded")}</span>;
  return (
    <section aria-labelledby="sources-h" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="sources-h" className="text-lg font-semibold">
        {t("title")} <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium">{t("restricted")}</span>
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>
      {sources.length === 0 ? (
        <p className="mt-3 text-sm text-stone-600">{t("none")}</p>
      ) : (
        <ul className="mt-3 space-y-3" data-testid="sources">
          {sources.map((s) => (
            <li key={s.id} className="min-w-0 rounded-md bg-white p-3 ring-1 ring-amber-200">
              <p className="font-medium break-words">
                {s.label} <span className="text-sm font-normal text-stone-600">· {t(`kind.${s.kind}`)} · {t(`level.${s.confidentiality}`)}</span>
              </p>
              {s.restricted.visible ? (
                <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-[10rem_1fr]" data-testid="source-restricted">
                  <dt className="text-stone-600">{t("identity")}</dt>
                  <dd className="whitespace-pre-line break-words">{s.restricted.identity ?? notRecorded}</dd>
                  <dt className="text-stone-600">{t("contact")}</dt>
                  <dd className="whitespace-pre-line break-words">{s.restricted.contact ?? notRecorded}</dd>
                </dl>
              ) : (
                <p className="mt-1 text-sm text-stone-700" data-testid="source-masked">{t("hidden")}</p>
              )}
              {mayManage ? (
                <details className="mt-2">
                  <summary className="min-h-8 cursor-pointer text-sm text-brand-700 underline">{t("edit")}</summary>
                  <ActionForm action={updateSourceAction} messages={messages} submitLabel={t("save")} successMessage={t("saved")} className="mt-3 space-y-4">
                    <input type="hidden" name="sourceId" value={s.id} />
                    <SourceFields t={t} prefix={`src-${s.id}`} source={s} />
                  </ActionForm>
                  <div className="mt-4 border-t border-stone-200 pt-3">
                    <p className="mb-2 text-sm text-stone-700">{t("removeHint")}</p>
                    <ActionForm action={removeSourceAction} messages={messages} submitLabel={t("remove")} submitVariant="danger" className="space-y-2">
                      <input type="hidden" name="sourceId" value={s.id} />
                    </ActionForm>
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {mayAdd ? (
        <details className="mt-4">
          <summary className="min-h-8 cursor-pointer text-sm font-semibold text-brand-700 underline">{t("add")}</summary>
          <ActionForm action={addSourceAction} messages={messages} submitLabel={t("addSubmit")} successMessage={t("added")} className="mt-3 space-y-4">
            <input type="hidden" name="detaineeId" value={detaineeId} />
            <SourceFields t={t} prefix="src-new" />
          </ActionForm>
        </details>
      ) : null}
    </section>
  );
}
