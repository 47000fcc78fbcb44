import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireViewer } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { listPetitions } from "@/lib/domain/petitions/queries";
import { listPetitionsSchema, PETITION_KINDS, PETITION_STATUS_VALUES } from "@/lib/domain/petitions/schemas";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/field";
import { FilterActions, firstParam, ListHeader } from "@/components/ui/list-page";
import { PetitionStatusBadge } from "./[petitionId]/_components/petition-status-badge";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("petitionUi"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PetitionsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const raw = await searchParams;
  // Bad query strings fall back to defaults (S12).
  const filters = listPetitionsSchema.parse(Object.fromEntries(["status", "kind", "teamId", "due", "sort", "page"].map((k) => [k, firstParam(raw[k])])));
  const [result, teams, t, tk, tAll, format] = await Promise.all([
    listPetitions(viewer, filters),
    prisma().team.findMany({ where: { id: { in: viewer.role === "ADMIN" ? undefined : viewer.teamIds }, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    getTranslations("petitionUi"), getTranslations("petitionKinds"), getTranslations(), getFormatter(),
  ]);
  const { status, kind, teamId, due, sort } = filters;
  const params = { status, kind, teamId, due, sort: sort === "deadline" ? undefined : sort };
  const filtered = Boolean(status || kind || teamId || due);
  const label = "block text-sm font-medium";
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  const select = (id: keyof typeof filters, anyLabel: string, options: { value: string; label: string }[]) => (
    <div className="space-y-1">
      <label htmlFor={`pf-${id}`} className={label}>{t(id === "teamId" ? "team" : id)}</label>
      <select id={`pf-${id}`} name={id} defaultValue={String(filters[id] ?? "")} className={inputClass}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  return (
    <div>
      <ListHeader title={t("title")} countText={t("count", { count: result.total })} countTestId="petition-count" newHref={null} newLabel={t("new")} intro={t("intro")} />
      <form method="get" role="search" className="mt-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:grid-cols-2 lg:grid-cols-5">
        {select("status", t("anyStatus"), PETITION_STATUS_VALUES.map((s) => ({ value: s, label: tAll(`petitionStatus.${s}`) })))}
        {select("kind", t("anyKind"), PETITION_KINDS.map((k) => ({ value: k, label: tk(k) })))}
        {select("teamId", t("anyTeam"), teams.map((x) => ({ value: x.id, label: x.name })))}
        {select("due", t("anyDue"), [{ value: "overdue", label: t("dueOverdue") }, { value: "week", label: t("dueWeek") }, { value: "month", label: t("dueMonth") }])}
        {select("sort", "", [{ value: "deadline", label: t("sortDeadline") }, { value: "updated", label: t("sortUpdated") }, { value: "created", label: t("sortCreated") }])}
        <div className="sm:col-span-2 lg:col-span-5"><FilterActions applyLabel={t("apply")} clearHref={filtered ? "/petitions" : null} clearLabel={t("clear")} /></div>
      </form>
      {result.rows.length === 0 ? <p className="mt-6 text-sm text-stone-600">{t("empty")}</p> : (
        <div className="mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
          <table className="min-w-full divide-y divide-stone-200 text-sm" data-testid="petitions">
            <thead className="bg-stone-100 text-left text-xs font-semibold uppercase tracking-wide text-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("colTitle")}</th>
                <th scope="col" className="px-3 py-2">{t("colStatus")}</th>
                <th scope="col" className="px-3 py-2">{t("colNext")}</th>
                <th scope="col" className="hidden px-3 py-2 text-right sm:table-cell">{t("colPeople")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {result.rows.map((r) => (
                <tr key={r.id} className="hover:bg-brand-50">
                  <td className="px-3 py-2">
                    <Link href={`/petitions/${r.id}`} className="font-medium text-brand-700 underline wrap-anywhere">{r.title}</Link>
                    <span className="block text-xs text-stone-600">{tk(r.kind)} · {r.teamName}{r.unReference ? ` · ${r.unReference}` : ""}</span>
                  </td>
                  <td className="px-3 py-2"><PetitionStatusBadge status={r.status} /></td>
                  <td className="px-3 py-2">
                    {r.nextDeadline ? (
                      <span className={r.nextDeadline.severity === "overdue" ? "font-semibold text-red-800" : r.nextDeadline.severity === "warning" ? "font-semibold text-orange-800" : ""}>
                        {r.nextDeadline.severity === "overdue" ? t("overdueSince", { date: day(r.nextDeadline.due) }) : day(r.nextDeadline.due)}
                        <span className="block text-xs font-normal text-stone-600">{tAll(r.nextDeadline.labelKey as never)}</span>
                      </span>
                    ) : t("noDeadline")}
                  </td>
                  <td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">{r.detaineeCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} params={params} basePath="/petitions" />
    </div>
  );
}
