import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { createHash } from "node:crypto";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { getPetition, getPetitionChecks } from "@/lib/domain/petitions/queries";
import { ActionForm } from "@/components/action-form";
import { TextField, CheckboxField } from "@/components/form-fields";
import { formErrorMessages } from "@/components/form-messages";
import { StatusBadge } from "@/components/ui/status-badge";
import { regenerateAction, updateTitleAction } from "../actions";
import { CompletenessPanel } from "./_components/completeness-panel";
import { PetitionStatusBadge } from "./_components/petition-status-badge";
import { SectionEditor } from "./_components/section-editor";
import { WorkflowPanel } from "./_components/workflow-panel";
import { uploadResultOf } from "@/lib/http/upload-route";
import { PetitionSidebar } from "./_components/petition-sidebar";
import { evidenceFormMessages } from "@/app/(app)/detainees/[detaineeId]/_components/note-form";
import { can } from "@/lib/auth/permissions";

type Params = Promise<{ petitionId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const viewer = await requireViewer();
  return { title: (await getPetition(viewer, (await params).petitionId))?.title ?? "—" };
}

const bodyKey = (body: string) => createHash("sha256").update(body).digest("hex").slice(0, 12);

export default async function PetitionPage({ params, searchParams }: { params: Params; searchParams: Promise<{ upload?: string | string[] }> }) {
  const viewer = await requireViewer();
  const [{ petitionId }, query] = await Promise.all([params, searchParams]);
  const p = await getPetition(viewer, petitionId);
  if (!p) return refuseNotFound(viewer, { target: "/petitions/[petitionId]", entityType: "Petition", entityId: petitionId, reason: "scope" });
  const [checks, t, tk, format, base] = await Promise.all([
    getPetitionChecks(viewer, p.id), getTranslations("petitionUi"), getTranslations("petitionKinds"), getFormatter(), formErrorMessages(),
  ]);
  const messages = { ...base, conflictBy: t("by", { name: "{name}" }) };
  const missing = (checks ?? []).filter((c) => !c.present);
  const edited = p.content.sections.filter((s) => s.edited).map((s) => s.heading);
  return (
    <article>
      <Link href="/petitions" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <header className="mt-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold wrap-anywhere">{p.title}</h1>
          <PetitionStatusBadge status={p.status} />
        </div>
        <p className="mt-1 text-sm text-stone-600">{tk(p.kind)} · {p.team.name}{p.author ? ` · ${t("author", { name: p.author.displayName })}` : ""}</p>
        {p.approver && p.approvedAt ? <p className="text-sm text-stone-600">{t("approvedBy", { name: p.approver.displayName, date: format.dateTime(p.approvedAt, { dateStyle: "medium" }) })}</p> : null}
        {p.approvalOverrideReason ? <p className="mt-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("override", { reason: p.approvalOverrideReason })}</p> : null}
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={t("detainees")} data-testid="petition-detainees">
          {p.detainees.map((d) => (
            <li key={d.id} className="flex items-center gap-2 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-stone-200">
              <Link href={`/detainees/${d.id}`} className="text-brand-700 underline">{d.displayName}</Link>
              <span className="font-mono text-xs text-stone-600">{d.caseNumber}</span>
              <StatusBadge status={d.status} />
            </li>
          ))}
        </ul>
      </header>

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-4">
          {p.canEdit ? (
            <section aria-labelledby="title-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <h2 id="title-h" className="sr-only">{t("editTitle")}</h2>
              <ActionForm action={updateTitleAction} messages={messages} submitLabel={t("saveTitle")} successMessage={t("titleSaved")} submitVariant="secondary" className="space-y-2">
                <input type="hidden" name="id" value={p.id} />
                <input type="hidden" name="version" value={p.version} />
                <TextField key={bodyKey(p.title)} id="petition-title" name="title" label={t("editTitle")} defaultValue={p.title} maxLength={300} required />
              </ActionForm>
            </section>
          ) : <p className="rounded-md bg-stone-100 px-3 py-2 text-sm text-stone-700">{t("readOnly")}</p>}
          <h2 className="text-lg font-semibold">{t("sections")}</h2>
          {p.content.sections.map((s, i) => (
            <SectionEditor key={`${s.key}:${bodyKey(s.body)}`} petitionId={p.id} version={p.version} section={s} index={i} editable={p.canEdit} messages={messages} />
          ))}
          {p.canEdit ? (
            <section aria-labelledby="regen-h" className="rounded-lg border border-dashed border-stone-300 p-4">
              <h2 id="regen-h" className="font-semibold">{t("regenerate")}</h2>
              <p className="text-sm text-stone-600">{t("regenerateIntro")}</p>
              <ActionForm action={regenerateAction} messages={{ ...messages, CONFLICT: t("regenerateConfirm", { sections: edited.join(", ") }) }} submitLabel={t("regenerate")} successMessage={t("regenerated")} submitVariant="secondary" className="mt-2 space-y-2">
                <input type="hidden" name="id" value={p.id} />
                <input type="hidden" name="version" value={p.version} />
                {edited.length ? <CheckboxField id="confirm-overwrite" name="confirmOverwrite" label={t("regenerateConfirm", { sections: edited.join(", ") })} /> : null}
              </ActionForm>
            </section>
          ) : null}
        </div>
        <aside className="min-w-0 space-y-4">
          {checks ? <CompletenessPanel checks={checks} /> : null}
          <WorkflowPanel petitionId={p.id} version={p.version} transitions={p.allowedTransitions} blocked={missing.length > 0} messages={messages} />
          <PetitionSidebar petition={p} canUpload={can(viewer, "petition.file.upload")} messages={{ ...messages, ...(await evidenceFormMessages()) }} upload={uploadResultOf(query.upload)} />
        </aside>
      </div>
    </article>
  );
}
