// The home page after sign-in: where forced returns are closest, and which of our clients are there.
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { atRiskDetainees, facilityRegistry, facilityRegistryVersion, recentEvents, statusCounts, topFacilities } from "@/lib/domain/dashboard/queries";
import { explainDetainees } from "@/lib/domain/risk/explain";
import { formatPartialDate } from "@/lib/dates/partial-date";
import { StatusBadge } from "@/components/ui/status-badge";
import { RiskBadge } from "@/components/risk/risk-badge";
import { topReasons } from "@/components/risk/risk-explanation";
import { FacilityMapView } from "@/components/map/facility-map";
import { facilityMapLabels } from "@/components/map/labels";
import { ReportedNumber } from "./events/_components/reported-number";
import { VerificationBadge } from "./events/_components/verification-badge";
import { DeadlinesPanel } from "./_components/deadlines-panel";
import { dashboardMapModel } from "./_components/dashboard-map";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

const card = "rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";

export default async function Dashboard() {
  const viewer = await requireViewer();
  // The registry (every facility, for the map and the ranking) and the map's layout are read and
  // computed again only when the registry changed (lib/cache/versioned.ts).
  const registryVersion = facilityRegistryVersion();
  const registry = registryVersion.then(facilityRegistry);
  const atRiskRead = atRiskDetainees(viewer);
  // Everything that can run side by side does: the statements wait on each other only for ids.
  const [counts, atRisk, { facilities, scoredAt }, ranked, explanations, events, t, format, locale] = await Promise.all([
    statusCounts(viewer), atRiskRead, registry,
    registry.then((r) => topFacilities(viewer, r.facilities.filter((f) => f.riskScore != null), 10)),
    atRiskRead.then((a) => explainDetainees(a.rows.map((r) => r.id))),
    can(viewer, "event.read") ? recentEvents() : Promise.resolve([]),
    getTranslations("dashboard"), getFormatter(), getLocale(),
  ]);
  const map = await dashboardMapModel(await registryVersion, locale, { facilities, scoredAt }, () => getTranslations("map").then(facilityMapLabels));
  const reasons = await Promise.all(atRisk.rows.map((r) => (explanations.get(r.id) ? topReasons(explanations.get(r.id)!) : Promise.resolve([]))));
  const totalCases = counts.reduce((s, c) => s + c.count, 0);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
      </header>

      <section aria-labelledby="counts-h" className={card}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="counts-h" className="text-lg font-semibold">{t("statusCounts")}</h2>
          <Link href="/detainees" className="text-sm text-brand-700 underline">{t("allCases")}</Link>
        </div>
        {totalCases === 0 ? <p className="mt-2 text-sm text-stone-600">{t("noCases")}</p> : (
          <ul className="mt-3 flex flex-wrap gap-2" data-testid="status-counts">
            {counts.sort((a, b) => b.count - a.count).map((c) => (
              <li key={c.status}>
                <Link href={`/detainees?status=${c.status}`} className="flex items-center gap-2 rounded-md px-3 py-2 ring-1 ring-inset ring-stone-200 hover:bg-stone-50" data-status={c.status}>
                  <span className="text-xl font-semibold tabular-nums">{c.count}</span> <StatusBadge status={c.status} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="atrisk-h" className={card}>
        <h2 id="atrisk-h" className="text-lg font-semibold">{t("atRisk")}</h2>
        <p className="text-sm text-stone-600">{t("atRiskCount", { count: atRisk.total })}{atRisk.total > atRisk.rows.length ? ` · ${t("showingTop", { shown: atRisk.rows.length, total: atRisk.total })}` : ""}</p>
        {atRisk.rows.length === 0 ? <p className="mt-2 text-sm text-stone-600">{t("atRiskEmpty")}</p> : (
          <ul className="mt-3 divide-y divide-stone-100" data-testid="at-risk">
            {atRisk.rows.map((r, i) => (
              <li key={r.id} className="grid gap-1 py-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)] sm:gap-4" data-case={r.caseNumber}>
                <div className="min-w-0">
                  <Link href={`/detainees/${r.id}`} className="font-medium text-brand-700 underline">
                    {r.nameHangul ? <span lang="ko">{r.nameHangul}</span> : null} {r.nameRoman ?? (r.nameHangul ? null : r.caseNumber)}
                  </Link>
                  <div className="mt-1 flex flex-wrap items-center gap-2">
                    <RiskBadge level={r.riskLevel} score={r.riskScore} />
                    <span className="font-mono text-xs text-stone-600">{r.caseNumber}</span>
                  </div>
                </div>
                <div className="min-w-0 text-sm">
                  <p>
                    <span className="text-stone-600">{t("facility")}: </span>
                    {r.facility ? <Link href={`/facilities/${r.facility.id}`} className="hover:underline">{r.facility.nameEn}</Link> : t("unknownFacility")}
                  </p>
                  <ul className="mt-1 list-disc pl-5 text-stone-700">{reasons[i]!.map((line, j) => <li key={j} className="wrap-anywhere">{line}</li>)}</ul>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <DeadlinesPanel viewer={viewer} />

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="facilities-h" className={card}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="facilities-h" className="text-lg font-semibold">{t("facilities")}</h2>
            <Link href="/facilities" className="text-sm text-brand-700 underline">{t("allFacilities")}</Link>
          </div>
          <p className="text-xs text-stone-600">{t("facilitiesIntro")}</p>
          <ol className="mt-2 divide-y divide-stone-100" data-testid="ranked-facilities">
            {ranked.map((f) => (
              <li key={f.id} className="flex items-center gap-3 py-2 text-sm" data-facility={f.nameEn}>
                <RiskBadge level={f.riskLevel} score={f.riskScore} />
                <div className="min-w-0 flex-1">
                  <Link href={`/facilities/${f.id}`} className="font-medium hover:underline wrap-anywhere">{f.nameEn}</Link>
                  <span className="block text-xs text-stone-600">{[f.nameLocal, f.province].filter(Boolean).join(" · ")}</span>
                </div>
                {f.heldByUs > 0 ? <span className="whitespace-nowrap text-xs font-semibold text-brand-800">{t("ourClients")}: {f.heldByUs}</span> : null}
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="events-h" className={card}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="events-h" className="text-lg font-semibold">{t("recentEvents")}</h2>
            {can(viewer, "event.read") ? <Link href="/events" className="text-sm text-brand-700 underline">{t("allEvents")}</Link> : null}
          </div>
          {events.length === 0 ? <p className="mt-2 text-sm text-stone-600">{t("noEvents")}</p> : (
            <ol className="mt-2 divide-y divide-stone-100" data-testid="recent-events">
              {events.map((e) => (
                <li key={e.id} className="py-2 text-sm">
                  <Link href={`/events/${e.id}`} className="font-medium text-brand-700 underline">{formatPartialDate(e.date, locale)}</Link>
                  {" · "}{e.facility?.nameEn ?? e.province ?? t("unknownPlace")}
                  <span className="mt-1 flex flex-wrap items-center gap-2"><ReportedNumber min={e.reportedMin} max={e.reportedMax} /> <VerificationBadge value={e.verification as never} /></span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <section aria-labelledby="map-h" className={card}>
        <h2 id="map-h" className="text-lg font-semibold">{t("map")}</h2>
        <FacilityMapView model={map} />
        {scoredAt ? <p className="mt-2 text-xs text-stone-600">{t("scoredAt", { when: format.dateTime(scoredAt, { dateStyle: "medium", timeStyle: "short" }) })}</p> : null}
      </section>
    </div>
  );
}
