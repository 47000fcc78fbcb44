import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getFacility } from "@/lib/domain/facility/queries";
import { listEvents } from "@/lib/domain/event/queries";
import { listEventsSchema } from "@/lib/domain/event/schemas";
import { listFacilityIndicators } from "@/lib/domain/indicator/queries";
import { ActionForm } from "@/components/action-form";
import { EventTable } from "../../events/_components/event-rows";
import { FacilityDetainees } from "../_components/facility-detainees";
import { IndicatorFields } from "../_components/indicator-fields";
import { FacilityTimeline } from "../_components/facility-timeline";

/** Timeline entries shown before "show all". */
const TIMELINE_SHOWN = 20;
import { explainFacility, facilityRiskHistory } from "@/lib/domain/risk/explain";
import { RiskExplanation } from "@/components/risk/risk-explanation";
import { RiskBadge } from "@/components/risk/risk-badge";
import { RiskChart } from "@/components/risk/risk-chart";
import { SourceList } from "../_components/source-list";
import { countryName } from "../_components/country-name";
import { registryFormMessages } from "../_lib/form-messages";
import { createFacilityIndicatorAction } from "../actions";

type Params = Promise<{ facilityId: string }>;
const HISTORY_DAYS = 180;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const viewer = await requireViewer();
  return { title: (await getFacility(viewer, (await params).facilityId))?.nameEn ?? "—" };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-stone-600">{label}</dt>
      <dd className="min-w-0 text-sm wrap-anywhere sm:col-span-2">{children}</dd>
    </div>
  );
}

export default async function FacilityPage({ params, searchParams }: { params: Params; searchParams: Promise<{ saved?: string; timeline?: string | string[] }> }) {
  const viewer = await requireViewer();
  const [{ facilityId }, query] = await Promise.all([params, searchParams]);
  const f = await getFacility(viewer, facilityId);
  if (!f) notFound();
  const [events, indicators, risk, history, t, ti, tt, tc, locale, tr, tp] = await Promise.all([
    listEvents(viewer, listEventsSchema.parse({ facilityId: f.id })), listFacilityIndicators(viewer, f.id),
    explainFacility(f.id), facilityRiskHistory(f.id, HISTORY_DAYS),
    getTranslations("facility"), getTranslations("indicators"), getTranslations("facilityType"), getTranslations("confidence"), getLocale(), getTranslations("risk"), getTranslations("petitionUi"),
  ]);
  const mayAddIndicator = can(viewer, "indicator.write");
  const messages = mayAddIndicator ? await registryFormMessages() : {};
  const none = <span className="text-stone-500">{t("notRecorded")}</span>;
  return (
    <article>
      <Link href="/facilities" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <header className="mt-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">{f.nameEn} {risk ? <RiskBadge level={risk.level} score={risk.score} size="lg" /> : null}</h1>
          {f.nameLocal ? <p className="text-lg text-stone-700">{f.nameLocal}</p> : null}
          <p className="mt-1 text-sm text-stone-600">{tt(f.type)} · {[f.city, f.province, countryName(f.country, locale)].filter(Boolean).join(", ")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {can(viewer, "petition.draft") ? (
            <Link href={`/petitions/new?facilityId=${f.id}`} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{tp("startFromFacility")}</Link>
          ) : null}
          {can(viewer, "facility.write") ? (
            <Link href={`/facilities/${f.id}/edit`} className="rounded-md bg-white px-4 py-2 text-sm font-semibold ring-1 ring-inset ring-stone-300 hover:bg-stone-50">{t("edit")}</Link>
          ) : null}
        </div>
      </header>
      {query.saved ? <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("saved")}</p> : null}

      {risk ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <RiskExplanation result={risk} headingId="risk-h" heading={tr("facilityHeading")} />
          <section aria-labelledby="history-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 id="history-h" className="text-lg font-semibold">{tr("history", { days: HISTORY_DAYS })}</h2>
            <RiskChart points={history.recomputed} snapshots={history.snapshots} days={HISTORY_DAYS} />
          </section>
        </div>
      ) : null}

      <section aria-labelledby="details-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="details-h" className="text-lg font-semibold">{t("details")}</h2>
        <dl className="mt-2 divide-y divide-stone-100">
          <Row label={t("type")}>{tt(f.type)}</Row>
          <Row label={t("country")}>{countryName(f.country, locale)} ({f.country})</Row>
          <Row label={t("province")}>{f.province ?? none}</Row>
          <Row label={t("city")}>{f.city ?? none}</Row>
          <Row label={t("coordinates")}>
            {f.latitude != null && f.longitude != null ? (
              <>
                <span className="tabular-nums">{f.latitude.toFixed(3)}, {f.longitude.toFixed(3)}</span>
                <span className="block text-xs text-stone-600">{t("coordinatesCaveat")}</span>
              </>
            ) : none}
          </Row>
          <Row label={t("confidence")}>{tc(f.confidence)}</Row>
          {f.refCode ? <Row label={t("refCode")}><span className="font-mono">{f.refCode}</span></Row> : null}
          <Row label={t("notes")}>{f.notes ? <span className="whitespace-pre-line">{f.notes}</span> : none}</Row>
          <Row label={t("sources")}><SourceList sources={f.sources} emptyLabel={t("noSources")} /></Row>
        </dl>
      </section>

      <FacilityDetainees viewer={viewer} facilityId={f.id} />

      <section aria-labelledby="events-h" className="mt-6">
        <h2 id="events-h" className="text-lg font-semibold">{t("events")} <span className="text-sm font-normal text-stone-600">({events.total})</span></h2>
        {events.rows.length === 0 ? <p className="mt-2 text-sm text-stone-600">{t("noEvents")}</p> : <EventTable rows={events.rows} showFacility={false} />}
        {events.total > events.rows.length ? <Link href={`/events?facilityId=${f.id}`} className="mt-2 inline-block text-sm text-brand-700 underline">{t("allEvents")}</Link> : null}
      </section>

      <section aria-labelledby="indicators-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="indicators-h" className="text-lg font-semibold">{ti("title")}</h2>
        <p className="mt-1 text-sm text-stone-600">{ti("facilityIntro")}</p>
        <h3 className="mt-3 text-sm font-semibold text-stone-700">{tr("timeline")}</h3>
        <FacilityTimeline events={events.rows} indicators={indicators} limit={query.timeline === "all" ? undefined : TIMELINE_SHOWN} allHref={`/facilities/${f.id}?timeline=all#indicators-h`} />
        {mayAddIndicator ? (
          <details className="mt-4 rounded-md border border-stone-200 p-3">
            <summary className="cursor-pointer text-sm font-semibold text-brand-700">{ti("add")}</summary>
            <ActionForm action={createFacilityIndicatorAction} messages={messages} submitLabel={ti("submit")} successMessage={ti("saved")} className="mt-3 space-y-4">
              <input type="hidden" name="facilityId" value={f.id} />
              <IndicatorFields descriptionHint={ti("facilityDescriptionHint")} />
            </ActionForm>
          </details>
        ) : null}
      </section>
    </article>
  );
}
