import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formatPartialDate } from "@/lib/dates/partial-date";
import { getEvent } from "@/lib/domain/event/queries";
import { StatusBadge } from "@/components/ui/status-badge";
import { CaseLink } from "../../facilities/_components/case-link";
import { SourceList } from "../../facilities/_components/source-list";
import { LinkDetainees } from "../_components/link-detainees";
import { ReportedNumber } from "../_components/reported-number";
import { VerificationBadge } from "../_components/verification-badge";

type Params = Promise<{ eventId: string }>;
type Query = Promise<{ saved?: string; q?: string | string[] }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [viewer, t] = await Promise.all([requireViewer(), getTranslations("event")]);
  const e = await getEvent(viewer, (await params).eventId);
  return { title: e ? t("metaTitle", { date: formatPartialDate(e.date, await getLocale()) }) : "—" };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-stone-600">{label}</dt>
      <dd className="min-w-0 text-sm wrap-anywhere sm:col-span-2">{children}</dd>
    </div>
  );
}

export default async function EventPage({ params, searchParams }: { params: Params; searchParams: Query }) {
  const viewer = await requireViewer();
  const [{ eventId }, query] = await Promise.all([params, searchParams]);
  const e = await getEvent(viewer, eventId);
  if (!e) notFound();
  const [t, locale] = await Promise.all([getTranslations("event"), getLocale()]);
  const q = (Array.isArray(query.q) ? query.q[0] : query.q)?.slice(0, 100);
  const none = <span className="text-stone-500">{t("notRecorded")}</span>;
  const mayLink = can(viewer, "event.write") && can(viewer, "detainee.status.change");
  return (
    <article>
      <Link href="/events" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <header className="mt-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("heading", { date: formatPartialDate(e.date, locale) })}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-700">
            <VerificationBadge value={e.verification} />
            <span><ReportedNumber min={e.reportedMin} max={e.reportedMax} /></span>
          </p>
        </div>
        {can(viewer, "event.write") ? (
          <Link href={`/events/${e.id}/edit`} className="rounded-md bg-white px-4 py-2 text-sm font-semibold ring-1 ring-inset ring-stone-300 hover:bg-stone-50">{t("edit")}</Link>
        ) : null}
      </header>
      {query.saved ? <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("saved")}</p> : null}

      <section aria-labelledby="details-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="details-h" className="text-lg font-semibold">{t("details")}</h2>
        <dl className="mt-2 divide-y divide-stone-100">
          <Row label={t("date")}>{formatPartialDate(e.date, locale)}</Row>
          <Row label={t("facility")}>
            {e.facility ? (
              <Link href={`/facilities/${e.facility.id}`} className="text-brand-700 underline">{e.facility.nameEn}{e.facility.nameLocal ? ` (${e.facility.nameLocal})` : ""}</Link>
            ) : none}
          </Row>
          <Row label={t("fromRegion")}>{e.fromRegion ?? none}</Row>
          <Row label={t("province")}>{e.province ?? none}</Row>
          <Row label={t("handoverPoint")}>{e.handoverPoint ?? none}</Row>
          <Row label={t("reported")}><ReportedNumber min={e.reportedMin} max={e.reportedMax} /></Row>
          <Row label={t("verification")}><VerificationBadge value={e.verification} /></Row>
          {e.refCode ? <Row label={t("refCode")}><span className="font-mono">{e.refCode}</span></Row> : null}
          <Row label={t("description")}>{e.description ? <span className="whitespace-pre-line">{e.description}</span> : none}</Row>
          <Row label={t("sources")}><SourceList sources={e.sources} emptyLabel={t("noSources")} /></Row>
        </dl>
      </section>

      <section aria-labelledby="linked-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="linked-h" className="text-lg font-semibold">{t("linked")} <span className="text-sm font-normal text-stone-600">({e.linked.length})</span></h2>
        <p className="text-xs text-stone-600">{t("scopeNote")}</p>
        {e.linked.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">{t("noLinked")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-100">
            {e.linked.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm"><CaseLink d={d} /> <StatusBadge status={d.status} /></li>
            ))}
          </ul>
        )}
      </section>

      {mayLink ? <LinkDetainees viewer={viewer} event={{ id: e.id, facilityId: e.facility?.id ?? null }} q={q} /> : null}
    </article>
  );
}
