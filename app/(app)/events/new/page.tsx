import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { ActionForm } from "@/components/action-form";
import { registryFormMessages } from "../../facilities/_lib/form-messages";
import { EventFields } from "../_components/event-fields";
import { createEventAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("eventForm"))("newTitle") };
}

export default async function NewEventPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "event.write")) return refuseNotFound(viewer, { target: "/events/new", reason: "role" });
  const [t, messages] = await Promise.all([getTranslations("eventForm"), registryFormMessages()]);
  return (
    <div className="max-w-3xl">
      <Link href="/events" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("newTitle")}</h1>
      <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      <ActionForm action={createEventAction} messages={messages} submitLabel={t("create")} className="mt-4 space-y-6">
        <EventFields />
      </ActionForm>
    </div>
  );
}
