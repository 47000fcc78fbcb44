import { getLocale, getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import { formatPartialDate } from "@/lib/dates/partial-date";
import { listConsents, type ConsentRow } from "@/lib/domain/consent/queries";
import { CONSENT_CHANNELS, CONSENT_GIVERS, CONSENT_METHODS, CONSENT_NAMINGS } from "@/lib/domain/consent/schemas";
import { ActionForm } from "@/components/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/form-fields";
import { recordConsentAction, revokeConsentAction } from "../evidence-actions";
import { evidenceFormMessages } from "./note-form";

// Colour and text together, never colour alone.
const BADGE = {
  active: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  superseded: "bg-stone-50 text-stone-700 ring-stone-300",
  revoked: "bg-red-50 text-red-900 ring-red-300",
  none: "bg-stone-100 text-stone-800 ring-stone-300",
} as const;

function Badge({ tone, children }: { tone: keyof typeof BADGE; children: React.ReactNode }) {
  return <span className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[tone]}`}>{children}</span>;
}

/** The consent ledger of a case: what is in force per channel, the history, and its forms. */
export async function ConsentSection({ viewer, detaineeId }: { viewer: Viewer; detaineeId: string }) {
  const [ledger, t, locale, messages] = await Promise.all([listConsents(viewer, detaineeId), getTranslations("consent"), getLocale(), evidenceFormMessages()]);
  const mayWrite = can(viewer, "detainee.update");
  const activeIds = new Set(ledger.current.map((c) => c.consent?.id).filter(Boolean));
  // The giver's name and the notes are restricted: present only for roles that may read them.
  const givenBy = (c: ConsentRow) => (c.restricted.visible && c.restricted.givenByName ? `${t(`givenBy.${c.givenBy}`)} (${c.restricted.givenByName})` : t(`givenBy.${c.givenBy}`));
  const revocable = ledger.history.filter((c) => !c.revokedAt);
  return (
    <section id="consent" aria-labelledby="consent-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <h2 id="consent-h" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>

      <h3 className="mt-4 text-sm font-semibold text-stone-700">{t("current")}</h3>
      <ul className="mt-2 divide-y divide-stone-100" data-testid="consent-current">
        {ledger.current.map(({ channel, consent }) => (
          <li key={channel} className="grid gap-1 py-2 text-sm sm:grid-cols-[1fr_auto]">
            <span>{t(`channel.${channel}`)}</span>
            <span className="flex flex-wrap items-center gap-2">
              {consent ? <Badge tone="active">{t(`naming.${consent.naming}`)}</Badge> : <Badge tone="none">{t("noConsent")}</Badge>}
              {consent ? <span className="text-stone-600">{t("givenSummary", { date: formatPartialDate(consent.given, locale), by: givenBy(consent) })}</span> : null}
            </span>
          </li>
        ))}
      </ul>

      <h3 className="mt-4 text-sm font-semibold text-stone-700">{t("history")}</h3>
      {ledger.history.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">{t("noHistory")}</p>
      ) : (
        <ol className="mt-2 space-y-3" data-testid="consent-history">
          {ledger.history.map((c) => (
            <li key={c.id} className="min-w-0 border-l-4 border-stone-300 pl-3 text-sm">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                {t(`channel.${c.channel}`)} · {t(`naming.${c.naming}`)}
                {c.revokedAt ? <Badge tone="revoked">{t("revoked")}</Badge> : activeIds.has(c.id) ? <Badge tone="active">{t("active")}</Badge> : <Badge tone="superseded">{t("superseded")}</Badge>}
              </p>
              <p className="text-stone-700">{t("givenSummary", { date: formatPartialDate(c.given, locale), by: givenBy(c) })} · {t(`method.${c.method}`)}</p>
              {c.restricted.visible ? (
                c.restricted.notes ? <p className="mt-1 whitespace-pre-line break-words">{c.restricted.notes}</p> : null
              ) : c.restricted.withheld ? (
                <p className="mt-1 text-stone-700" data-testid="consent-restricted-masked">{t("restrictedHidden")}</p>
              ) : null}
              {c.revokedAt ? (
                <p className="mt-1 text-red-900">
                  {t("revokedOn", { date: formatPartialDate({ date: c.revokedAt, precision: "DAY" }, locale) })}
                  {c.revokedNote ? <span className="block whitespace-pre-line break-words text-stone-800">{c.revokedNote}</span> : null}
                </p>
              ) : null}
              {c.recordedBy ? <p className="mt-0.5 text-xs text-stone-600">{t("recordedBy", { name: c.recordedBy })}</p> : null}
            </li>
          ))}
        </ol>
      )}

      {mayWrite ? (
        <details className="mt-4">
          <summary className="min-h-8 cursor-pointer text-sm font-semibold text-brand-700 underline">{t("record")}</summary>
          <ActionForm action={recordConsentAction} messages={messages} submitLabel={t("recordSubmit")} successMessage={t("recorded")} className="mt-3 space-y-4">
            <input type="hidden" name="detaineeId" value={detaineeId} />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField id="consent-channel" name="channel" label={t("channelLabel")} options={CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
              <SelectField id="consent-naming" name="naming" label={t("namingLabel")} defaultValue="INITIALS" options={CONSENT_NAMINGS.map((n) => ({ value: n, label: t(`naming.${n}`) }))} />
              <SelectField id="consent-givenBy" name="givenBy" label={t("givenByLabel")} options={CONSENT_GIVERS.map((g) => ({ value: g, label: t(`givenBy.${g}`) }))} />
              <TextField id="consent-givenByName" name="givenByName" label={t("givenByName")} hint={t("givenByNameHint")} maxLength={200} autoComplete="off" />
              <SelectField id="consent-method" name="method" label={t("methodLabel")} options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
              <TextField id="consent-givenOn" name="givenOn" label={t("givenOn")} hint={t("dateHint")} inputMode="numeric" placeholder="2026-11-02" required />
            </div>
            <TextAreaField id="consent-notes" name="notes" label={t("notes")} rows={2} maxLength={2000} />
          </ActionForm>
        </details>
      ) : null}

      {mayWrite && revocable.length > 0 ? (
        <details className="mt-4">
          <summary className="min-h-8 cursor-pointer text-sm font-semibold text-brand-700 underline">{t("revoke")}</summary>
          <ActionForm action={revokeConsentAction} messages={messages} submitLabel={t("revokeSubmit")} submitVariant="danger" successMessage={t("revokedDone")} className="mt-3 space-y-4">
            <SelectField
              id="consent-revoke-which" name="consentId" label={t("revokeWhich")}
              options={revocable.map((c) => ({ value: c.id, label: t("optionLabel", { channel: t(`channel.${c.channel}`), naming: t(`naming.${c.naming}`), date: formatPartialDate(c.given, locale) }) }))}
            />
            <TextAreaField id="consent-revoke-note" name="revokedNote" label={t("revokeNote")} rows={2} required maxLength={2000} />
          </ActionForm>
        </details>
      ) : null}
    </section>
  );
}
