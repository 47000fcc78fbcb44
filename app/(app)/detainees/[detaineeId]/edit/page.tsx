import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDetaineeForEdit } from "@/lib/domain/detainee/queries";
import { ActionForm } from "@/components/action-form";
import { CheckboxGroup, TextAreaField } from "@/components/form-fields";
import { formErrorMessages } from "@/components/form-messages";
import { DetaineeFields, fieldLabels } from "../../_components/detainee-fields";
import { archiveDetaineeAction, updateDetaineeAction } from "../../actions";

type Params = Promise<{ detaineeId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("detaineeForm"))("edit") };
}

export default async function EditDetaineePage({ params }: { params: Params }) {
  const viewer = await requireViewer();
  const { detaineeId } = await params;
  if (!can(viewer, "detainee.update")) return refuseNotFound(viewer, { target: "/detainees/[detaineeId]/edit", entityType: "Detainee", entityId: detaineeId, reason: "role" });
  const d = await getDetaineeForEdit(viewer, detaineeId);
  if (!d) return refuseNotFound(viewer, { target: "/detainees/[detaineeId]/edit", entityType: "Detainee", entityId: detaineeId, reason: "scope" });
  const [t, errors, labels] = await Promise.all([getTranslations("detaineeForm"), formErrorMessages(), fieldLabels()]);
  const messages = { ...errors, ...labels };
  return (
    <div className="max-w-3xl">
      <Link href={`/detainees/${d.id}`} className="text-sm text-brand-700 underline">← {d.caseNumber}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("editTitle", { caseNumber: d.caseNumber })}</h1>
      <ActionForm action={updateDetaineeAction} messages={messages} submitLabel={t("save")} className="mt-4 space-y-6">
        <input type="hidden" name="detaineeId" value={d.id} />
        <input type="hidden" name="version" value={d.version} />
        <input type="hidden" name="base" value={JSON.stringify(d.snapshot)} />
        <fieldset className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <input type="hidden" name="assignmentsShown" value="1" />
          <CheckboxGroup name="assignedUserIds" legend={t("assignedLawyers")} defaultValues={d.assignedUserIds} options={d.lawyers.map((l) => ({ value: l.id, label: l.displayName }))} />
        </fieldset>
        <DetaineeFields values={d.snapshot} familyContacts={d.familyContacts.show ? { show: true, value: d.familyContacts.value } : { show: false }} />
      </ActionForm>

      {can(viewer, "detainee.archive") ? (
        <section aria-labelledby="archive-h" className="mt-10 rounded-lg border border-red-200 bg-white p-4">
          <h2 id="archive-h" className="text-lg font-semibold">{t("archive")}</h2>
          <p className="mb-3 text-sm text-stone-600">{t("archiveHint")}</p>
          <ActionForm action={archiveDetaineeAction} messages={messages} submitLabel={t("archiveSubmit")} submitVariant="danger">
            <input type="hidden" name="detaineeId" value={d.id} />
            <input type="hidden" name="version" value={d.version} />
            <TextAreaField name="reason" label={t("archiveReason")} rows={2} required />
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
