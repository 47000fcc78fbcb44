import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { formatPartialDate } from "@/lib/dates/partial-date";
import { listFacilityDetainees } from "@/lib/domain/facility/queries";
import { StatusBadge } from "@/components/ui/status-badge";
import { CaseLink } from "./case-link";

/** Who of the viewer's own cases is held here now, and who was (other teams' cases never appear). */
export async function FacilityDetainees({ viewer, facilityId }: { viewer: Viewer; facilityId: string }) {
  const [data, t, locale] = await Promise.all([listFacilityDetainees(viewer, facilityId), getTranslations("facility"), getLocale()]);
  const groups = [
    { id: "held-h", title: t("heldNow"), rows: data.current, total: data.currentTotal, more: data.currentMore, empty: t("heldNowEmpty") },
    { id: "past-h", title: t("heldBefore"), rows: data.past, total: data.pastTotal, more: data.pastMore, empty: t("heldBeforeEmpty") },
  ];
  return (
    <>
      {groups.map((g) => (
        <section key={g.id} aria-labelledby={g.id} className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
          <h2 id={g.id} className="text-lg font-semibold">{g.title} <span className="text-sm font-normal text-stone-600">({g.more ? t("moreThan", { count: g.total }) : g.total})</span></h2>
          <p className="text-xs text-stone-600">{t("scopeNote")}</p>
          {g.rows.length === 0 ? (
            <p className="mt-2 text-sm text-stone-600">{g.empty}</p>
          ) : (
            <ul className="mt-3 divide-y divide-stone-100">
              {g.rows.map((d) => (
                <li key={d.periodId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                  <CaseLink d={d} />
                  <StatusBadge status={d.status} />
                  <span className="text-stone-600">
                    {d.to ? t("period", { from: formatPartialDate(d.from, locale), to: formatPartialDate(d.to, locale) }) : t("since", { from: formatPartialDate(d.from, locale) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {g.total > g.rows.length ? (
            <p className="mt-2 text-xs text-stone-600">
              {t("showingOf", { shown: g.rows.length, total: g.more ? t("moreThan", { count: g.total }) : g.total })}
              {g.id === "held-h" ? <> · <Link href={`/detainees?facilityId=${facilityId}`} className="text-brand-700 underline">{t("allHeldInList")}</Link></> : null}
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}
