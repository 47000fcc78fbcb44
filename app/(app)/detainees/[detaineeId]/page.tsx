import type { Metadata } from "next";
import { refuseNotFound } from "@/lib/audit/refusal";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { getDetainee } from "@/lib/domain/detainee/queries";
import { formatPartialDate } from "@/lib/dates/partial-date";
import { StatusBadge } from "@/components/ui/status-badge";
import { CaseTimeline } from "./_components/case-timeline";
import { CaseActions } from "./_components/case-actions";
import { IndicatorsSection } from "./_components/indicators-section";
import { SourcesSection } from "./_components/sources-section";
import { ConsentSection } from "./_components/consent-section";
import { uploadResultOf } from "@/lib/http/upload-route";
import { EvidenceSection } from "./_components/evidence-section";
import { NoteForm } from "./_components/note-form";
import { can } from "@/lib/auth/permissions";
import { fromStoredExplanation } from "@/lib/domain/risk/stored";
import { RiskBadge } from "@/components/risk/risk-badge";
import { RiskExplanation } from "@/components/risk/risk-explanation";

type Params = Promise<{ detaineeId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const viewer = await requireViewer();
  const d = await getDetainee(viewer, (await params).detaineeId);
  return { title: d?.caseNumber ?? "—" };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-stone-600">{label}</dt>
      <dd className="text-sm sm:col-span-2">{children}</dd>
    </div>
  );
}

export default async function DetaineePage({ params, searchParams }: { params: Params; searchParams: Promise<{ created?: string; saved?: string; upload?: string | string[] }> }) {
  const viewer = await requireViewer();
  const [{ detaineeId }, query] = await Promise.all([params, searchParams]);
  const d = await getDetainee(viewer, detaineeId);
  if (!d) return refuseNotFound(viewer, { target: "/detainees/[detaineeId]", entityType: "Detainee", entityId: detaineeId, reason: "scope" });
  const [t, tsex, tconf, locale, format, tr, tp] = await Promise.all([
    getTranslations("detainee"), getTranslations("sex"), getTranslations("confidence"), getLocale(), getFormatter(), getTranslations("risk"),
    getTranslations("petitionUi"),
  ]);
  // The stored score and its explanation came with the record (lib/domain/risk/stored.ts).
  const risk = fromStoredExplanation(d.riskExplanation, d.riskScore, new Date());
  const none = <span className="text-stone-500">{t("notRecorded")}</span>;
  const roman = [d.familyNameRoman, d.givenNameRoman].filter(Boolean).join(" ");
  return (
    <article>
      <Link href="/detainees" className="text-sm text-brand-700 underline">← {t("back")}</Link>
      <header className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {d.nameHangul ? <span lang="ko">{d.nameHangul}</span> : null} {roman ? <span className="text-stone-700">{roman}</span> : null}
        </h1>
        <StatusBadge status={d.status} />
        {risk ? <RiskBadge level={risk.level} score={risk.score} /> : null}
        <span className="text-sm text-stone-600">{t("statusSince", { date: format.dateTime(d.statusChangedAt, { dateStyle: "medium" }) })}</span>
        {can(viewer, "petition.draft") ? (
          <Link href={`/petitions/new?detaineeId=${d.id}`} className="ml-auto rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800" data-testid="start-petition">{tp("startFromCase")}</Link>
        ) : null}
        {can(viewer, "detainee.update") ? (
          <Link href={`/detainees/${d.id}/edit`} className=" rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-stone-300 hover:bg-stone-100">{t("edit")}</Link>
        ) : null}
      </header>
      <p className="mt-1 font-mono text-sm text-stone-700">{d.caseNumber} · {d.team.name}</p>
      {query.created || query.saved ? <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{query.created ? t("created") : t("saved")}</p> : null}

      {risk ? <div className="mt-6"><RiskExplanation result={risk} headingId="risk-h" heading={tr("detaineeHeading")} /></div> : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="names-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <h2 id="names-h" className="text-lg font-semibold">{t("names")}</h2>
          <dl className="mt-2 divide-y divide-stone-100">
            <Row label={t("nameHangul")}>{d.nameHangul ? <span lang="ko">{d.nameHangul}</span> : none}</Row>
            <Row label={t("nameRoman")}>{roman || none}</Row>
            <Row label={t("nameChinese")}>{d.nameChinese ? <span lang="zh">{d.nameChinese}</span> : none}</Row>
            <Row label={t("aliases")}>{d.aliases.length ? d.aliases.join(", ") : none}</Row>
            <Row label={t("sex")}>{tsex(d.sex)}</Row>
            <Row label={t("born")}>{d.birthDate ? formatPartialDate(d.birthDate, locale) : d.estimatedAge != null ? `${t("age")}: ${d.estimatedAge}` : none}</Row>
            <Row label={t("homeProvince")}>{d.homeProvince ?? none}</Row>
            <Row label={t("southKoreaLinks")}>{d.hasSouthKoreaLinks ? t("yes") : t("no")}</Row>
            <Row label={t("assigned")}>{d.assignedLawyers.length ? d.assignedLawyers.map((l) => l.displayName).join(", ") : t("none")}</Row>
          </dl>
        </section>

        <section aria-labelledby="arrest-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <h2 id="arrest-h" className="text-lg font-semibold">{t("arrest")}</h2>
          <dl className="mt-2 divide-y divide-stone-100">
            <Row label={t("arrestDate")}>{d.arrestDate ? formatPartialDate(d.arrestDate, locale) : none}</Row>
            <Row label={t("arrestPlace")}>{d.arrestPlace ?? none}</Row>
            <Row label={t("arrestAuthority")}>{d.arrestAuthority ?? none}</Row>
            <Row label={t("health")}>{d.healthConcerns ?? none}</Row>
          </dl>
          {d.narrative ? (
            <>
              <h3 className="mt-3 text-sm font-semibold text-stone-700">{t("narrative")}</h3>
              <p className="mt-1 whitespace-pre-line text-sm">{d.narrative}</p>
            </>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="restricted-h" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4">
        <h2 id="restricted-h" className="text-lg font-semibold">{t("familyContacts")} <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium">{t("restricted")}</span></h2>
        {d.familyContacts.visible ? (
          <p className="mt-2 whitespace-pre-line text-sm" data-testid="family-contacts">{d.familyContacts.value ?? t("notRecorded")}</p>
        ) : (
          <p className="mt-2 text-sm text-stone-700" data-testid="family-contacts-masked">{t("restrictedHidden")}</p>
        )}
      </section>

      <section id="custody" aria-labelledby="custody-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <h2 id="custody-h" className="text-lg font-semibold">{t("custody")}</h2>
        {d.custody.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">{t("noCustody")}</p>
        ) : (
          <ol className="mt-3 space-y-3">
            {d.custody.map((c) => (
              <li key={c.id} className="border-l-4 border-brand-600 pl-3">
                <p className="font-medium">
                  {c.facility.nameEn} {c.facility.nameLocal ? <span className="text-stone-600">({c.facility.nameLocal})</span> : null}
                  {!c.to ? <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs">{t("current")}</span> : null}
                </p>
                <p className="text-sm text-stone-700">
                  {t("from")} {formatPartialDate(c.from, locale)}{c.to ? ` — ${t("to")} ${formatPartialDate(c.to, locale)}` : ""} · {tconf(c.confidence)}
                </p>
                {c.howKnown ? <p className="text-sm text-stone-600">{t("howKnown")}: {c.howKnown}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <CaseActions viewer={viewer} detainee={{ id: d.id, status: d.status, version: d.version }} />
      <IndicatorsSection viewer={viewer} detaineeId={d.id} />
      <SourcesSection viewer={viewer} detaineeId={d.id} />
      <ConsentSection viewer={viewer} detaineeId={d.id} />
      <EvidenceSection viewer={viewer} detaineeId={d.id} upload={uploadResultOf(query.upload)} />
      <NoteForm viewer={viewer} detaineeId={d.id} />
      <CaseTimeline viewer={viewer} detaineeId={d.id} />
    </article>
  );
}
