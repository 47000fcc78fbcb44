import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formatPartialDate } from "@/lib/dates/partial-date";
import { getEvent } from "@/lib/domain/event/queries";
import { ActionForm } from "@/components/action-form";
import { registryEditMessages } from "../../../facilities/_lib/form-messages";
import { EventFields } from "../../_components/event-fields";
import { updateEventAction } from "../../actions";

type Params = Promise<{ eventId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("eventForm"))("editTitle") };
}

export default async function EditEventPage({ params }: { params: Params }) {
  const viewer = await requireViewer();
  const { eventId } = await params;
  const e = await getEvent(viewer, eventId);
  if (!e || !can(viewer, "event.write")) notFound();
  const [t, tv, format, locale, messages] = await Promise.all([
    getTranslations("eventForm"), getTranslations("verification"), getFormatter(), getLocale(), registryEditMessages("event"),
  ]);
  // What is saved right now. After a conflict the page re-renders, so this shows the other
  // person's values, and the hidden version moves on: saving again is a deliberate overwrite.
  const saved: [string, string][] = [
    [t("date"), formatPartialDate(e.date, locale)], [t("verification"), tv(e.verification)], [t("facility"), e.facility?.nameEn ?? ""],
    [t("fromRegion"), e.fromRegion ?? ""], [t("province"), e.province ?? ""], [t("handoverPoint"), e.handoverPoint ?? ""],
    [t("reportedMin"), e.reportedMin?.toString() ?? ""], [t("reportedMax"), e.reportedMax?.toString() ?? ""], [t("refCode"), e.refCode ?? ""],
    [t("description"), e.description ?? ""], [t("sources"), e.sources.join("\n")],
  ];
  return (
    <div className="max-w-3xl">
      <Link href={`/events/${e.id}`} className="text-sm text-brand-700 underline">← {t("backToEvent")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("editTitle")}</h1>
      <details className="mt-4 rounded-lg bg-stone-50 p-4 ring-1 ring-stone-200" data-testid="saved-values">
        <summary className="cursor-pointer text-sm font-semibold">
          {t("savedSummary", { version: e.version, date: format.dateTime(e.updatedAt, { dateStyle: "medium", timeStyle: "short" }) })}
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
      <ActionForm action={updateEventAction} messages={messages} submitLabel={t("save")} className="mt-4 space-y-6">
        <input type="hidden" name="eventId" value={e.id} />
        <input type="hidden" name="version" value={String(e.version)} />
        <EventFields value={e} />
      </ActionForm>
    </div>
  );
}
