import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getFacility } from "@/lib/domain/facility/queries";
import { ActionForm } from "@/components/action-form";
import { FacilityFields } from "../../_components/facility-fields";
import { registryEditMessages } from "../../_lib/form-messages";
import { updateFacilityAction } from "../../actions";

type Params = Promise<{ facilityId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("facilityForm"))("editTitle") };
}

export default async function EditFacilityPage({ params }: { params: Params }) {
  const viewer = await requireViewer();
  const { facilityId } = await params;
  const f = await getFacility(viewer, facilityId);
  if (!f || !can(viewer, "facility.write")) notFound();
  const [t, tt, tc, format, messages] = await Promise.all([
    getTranslations("facilityForm"), getTranslations("facilityType"), getTranslations("confidence"), getFormatter(), registryEditMessages("facility"),
  ]);
  // What is saved right now. After a conflict the page re-renders, so this shows the other
  // person's values, and the hidden version moves on: saving again is a deliberate overwrite.
  const saved: [string, string][] = [
    [t("nameEn"), f.nameEn], [t("nameLocal"), f.nameLocal ?? ""], [t("type"), tt(f.type)], [t("confidence"), tc(f.confidence)],
    [t("refCode"), f.refCode ?? ""], [t("country"), f.country], [t("province"), f.province ?? ""], [t("city"), f.city ?? ""],
    [t("latitude"), f.latitude?.toString() ?? ""], [t("longitude"), f.longitude?.toString() ?? ""], [t("notes"), f.notes ?? ""], [t("sources"), f.sources.join("\n")],
  ];
  return (
    <div className="max-w-3xl">
      <Link href={`/facilities/${f.id}`} className="text-sm text-brand-700 underline">← {f.nameEn}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("editTitle")}</h1>
      <details className="mt-4 rounded-lg bg-stone-50 p-4 ring-1 ring-stone-200" data-testid="saved-values">
        <summary className="cursor-pointer text-sm font-semibold">
          {t("savedSummary", { version: f.version, date: format.dateTime(f.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
        </summary>
        <p className="mt-2 text-sm text-stone-700">{t("savedHint")}</p>
        <dl className="mt-2 divide-y divide-stone-200 text-sm">
          {saved.map(([label, value]) => (
            <div key={label} className="grid gap-1 py-1.5 sm:grid-cols-3">
              <dt className="font-medium text-stone-600">{label}</dt>
              <dd className="min-w-0 whitespace-pre-line wrap-anywhere sm:col-span-2">{value || "—"}</dd>
            </div>
          ))}
        </dl>
      </details>
      <ActionForm action={updateFacilityAction} messages={messages} submitLabel={t("save")} className="mt-4 space-y-6">
        <input type="hidden" name="facilityId" value={f.id} />
        <input type="hidden" name="version" value={String(f.version)} />
        <FacilityFields value={f} />
      </ActionForm>
    </div>
  );
}
