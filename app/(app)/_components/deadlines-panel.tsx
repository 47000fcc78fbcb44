import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import { upcomingPetitionDeadlines } from "@/lib/domain/petitions/queries";

/** The dashboard's next petition deadlines (overdue first), each linking to its petition. */
export async function DeadlinesPanel({ viewer }: { viewer: Viewer }) {
  if (!can(viewer, "petition.read")) return null;
  const [rows, t, tAll, format] = await Promise.all([upcomingPetitionDeadlines(viewer, 8), getTranslations("dashboard"), getTranslations(), getFormatter()]);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <section aria-labelledby="deadlines-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="deadlines-h" className="text-lg font-semibold">{t("deadlines")}</h2>
        <Link href="/petitions?sort=deadline" className="text-sm text-brand-700 underline">{t("allPetitions")}</Link>
      </div>
      {rows.length === 0 ? <p className="mt-2 text-sm text-stone-600">{t("noDeadlines")}</p> : (
        <ul className="mt-2 divide-y divide-stone-100" data-testid="deadlines">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 py-2 text-sm">
              <span className={`whitespace-nowrap font-semibold ${r.deadline.severity === "overdue" ? "text-red-800" : r.deadline.severity === "warning" ? "text-orange-800" : "text-stone-800"}`}>
                {r.deadline.severity === "overdue" ? t("overdue", { date: day(r.deadline.due) }) : t("due", { date: day(r.deadline.due) })}
              </span>
              <Link href={`/petitions/${r.id}`} className="min-w-0 flex-1 text-brand-700 underline wrap-anywhere">{r.title}</Link>
              <span className="text-xs text-stone-600">{tAll(r.deadline.labelKey as never)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
