import { getLocale, getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import type { DetaineeStatus } from "@/lib/generated/prisma/enums";
import { STATUS_TRANSITIONS } from "@/lib/domain/detainee/status";
import { listRecentEventOptions } from "@/lib/domain/detainee/options";
import { formatPartialDate } from "@/lib/dates/partial-date";
import { ActionForm } from "@/components/action-form";
import { FacilityField, SelectField, TextAreaField, TextField } from "@/components/form-fields";
import { formErrorMessages } from "@/components/form-messages";
import { addCustodyAction, changeStatusAction } from "../../actions";

/** Status change and custody forms of a case, offered only to roles allowed to use them. */
export async function CaseActions({ viewer, detainee }: { viewer: Viewer; detainee: { id: string; status: DetaineeStatus; version: number } }) {
  const canStatus = can(viewer, "detainee.status.change");
  const canCustody = can(viewer, "detainee.update");
  if (!canStatus && !canCustody) return null;
  const [t, ts, tc, locale, messages, events] = await Promise.all([
    getTranslations("caseActions"), getTranslations("status"), getTranslations("confidence"), getLocale(), formErrorMessages(),
    canStatus && STATUS_TRANSITIONS[detainee.status].includes("REPATRIATED") ? listRecentEventOptions() : Promise.resolve([]),
  ]);
  const box = "rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";
  const next = STATUS_TRANSITIONS[detainee.status];
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2">
      {canStatus ? (
        <section id="status" aria-labelledby="status-h" className={box}>
          <h2 id="status-h" className="mb-3 text-lg font-semibold">{t("statusTitle")}</h2>
          <ActionForm action={changeStatusAction} messages={messages} submitLabel={t("statusSubmit")} successMessage={t("statusSaved")}>
            <input type="hidden" name="detaineeId" value={detainee.id} />
            <input type="hidden" name="version" value={detainee.version} />
            <SelectField id="status-to" name="to" label={t("newStatus")} options={next.map((s) => ({ value: s, label: ts(s) }))} />
            <TextField id="status-date" name="date" label={t("date")} hint={t("dateHint")} inputMode="numeric" />
            {events.length ? (
              <SelectField
                id="status-event"
                name="eventId"
                label={t("event")}
                options={[{ value: "", label: t("noEvent") }, ...events.map((e) => ({
                  value: e.id,
                  label: `${formatPartialDate({ date: e.date, precision: e.datePrecision }, locale)} — ${e.facility?.nameEn ?? e.fromRegion ?? e.handoverPoint ?? ""}`,
                }))]}
              />
            ) : null}
            <TextAreaField id="status-note" name="note" label={t("note")} hint={t("noteHint")} rows={2} required />
          </ActionForm>
        </section>
      ) : null}
      {canCustody ? (
        <section aria-labelledby="custody-form-h" className={box}>
          <h2 id="custody-form-h" className="mb-3 text-lg font-semibold">{t("custodyTitle")}</h2>
          <p className="mb-3 text-sm text-stone-600">{t("custodyHint")}</p>
          <ActionForm action={addCustodyAction} messages={messages} submitLabel={t("custodySubmit")} successMessage={t("custodySaved")}>
            <input type="hidden" name="detaineeId" value={detainee.id} />
            <FacilityField id="custody-facility" name="facilityId" label={t("facility")} placeholder={t("facilityPlaceholder")} noResults={t("facilityNone")} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField id="custody-from" name="from" label={t("from")} hint={t("dateHint")} inputMode="numeric" required />
              <TextField id="custody-to" name="to" label={t("to")} hint={t("toHint")} inputMode="numeric" />
            </div>
            <TextField id="custody-how" name="howKnown" label={t("howKnown")} />
            <SelectField id="custody-confidence" name="confidence" label={t("confidence")} defaultValue="MEDIUM" options={(["LOW", "MEDIUM", "HIGH"] as const).map((c) => ({ value: c, label: tc(c) }))} />
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
