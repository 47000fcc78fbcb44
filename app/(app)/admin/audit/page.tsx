import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterActions, firstParam, ListHeader, type SearchParams } from "@/components/ui/list-page";
import { inputClass } from "@/components/ui/field";
import { auditFiltersSchema, listAuditEntries } from "@/lib/domain/audit/queries";
import { requireAdmin } from "../require-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auditLog"))("title") };
}

const KINDS = ["all", "refusals", "auth", "changes"] as const;

/** Where a record named in an entry can be opened (only kinds with a page). */
function recordHref(entityType: string | null, entityId: string | null): string | null {
  if (!entityId) return null;
  if (entityType === "Detainee") return `/detainees/${entityId}`;
  if (entityType === "Petition") return `/petitions/${entityId}`;
  if (entityType === "User") return `/admin/users/${entityId}`;
  if (entityType === "DetentionFacility") return `/facilities/${entityId}`;
  return null;
}

/** The entry's details as "key: value" pairs; they hold ids, codes and counts only (lib/audit/record.ts). */
function details(meta: unknown): string {
  if (!meta || typeof meta !== "object") return "";
  return Object.entries(meta as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireAdmin();
  const raw = await searchParams;
  const filters = auditFiltersSchema.parse({
    kind: firstParam(raw.kind), actor: firstParam(raw.actor), entityId: firstParam(raw.entityId), before: firstParam(raw.before), after: firstParam(raw.after),
  });
  const [result, t] = await Promise.all([listAuditEntries(viewer, filters), getTranslations("auditLog")]);
  const params = { kind: filters.kind === "all" ? undefined : filters.kind, actor: filters.actor, entityId: filters.entityId };
  const filtered = Boolean(params.kind || params.actor || params.entityId);
  const pageHref = (cursor: Record<string, string>) => {
    const q = new URLSearchParams(Object.entries({ ...params, ...cursor }).filter((e): e is [string, string] => Boolean(e[1])));
    return `/admin/audit?${q.toString()}`;
  };
  const countText = result.total.more ? t("countMore", { count: result.total.count }) : t("count", { count: result.total.count });
  const label = "block text-sm font-medium";
  const linkClass = "rounded-md px-3 py-2 ring-1 ring-inset ring-stone-300 bg-white hover:bg-stone-50";
  return (
    <div>
      <ListHeader title={t("title")} countText={countText} countTestId="audit-count" intro={t("intro")} />
      <form method="get" role="search" className="mt-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
        <div className="space-y-1">
          <label htmlFor="kind" className={label}>{t("kind")}</label>
          <select id="kind" name="kind" defaultValue={filters.kind} className={inputClass}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="actor" className={label}>{t("actor")}</label>
          <input id="actor" name="actor" type="search" defaultValue={filters.actor ?? ""} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="entityId" className={label}>{t("entityId")}</label>
          <input id="entityId" name="entityId" type="search" defaultValue={filters.entityId ?? ""} className={inputClass} />
        </div>
        <FilterActions applyLabel={t("apply")} clearHref={filtered ? "/admin/audit" : null} clearLabel={t("clear")} />
      </form>

      {result.rows.length === 0 ? (
        <p className="mt-6 rounded-lg bg-white p-6 text-center text-stone-600 ring-1 ring-stone-200">{t("empty")}</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
          <table className="min-w-full divide-y divide-stone-200 text-sm" data-testid="audit-table">
            <thead className="bg-stone-100 text-left text-xs font-semibold uppercase tracking-wide text-stone-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t("at")}</th>
                <th scope="col" className="px-3 py-2">{t("actor")}</th>
                <th scope="col" className="px-3 py-2">{t("action")}</th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">{t("record")}</th>
                <th scope="col" className="hidden px-3 py-2 lg:table-cell">{t("details")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {result.rows.map((r) => {
                const href = recordHref(r.entityType, r.entityId);
                return (
                  <tr key={r.id} data-action={r.action} className={r.action === "access.refused" ? "bg-amber-50" : undefined}>
                    <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{r.at.toISOString().replace("T", " ").slice(0, 19)} UTC</td>
                    <td className="max-w-[16rem] px-3 py-2 [overflow-wrap:anywhere] md:whitespace-nowrap">{r.actorLabel ?? "—"}</td>
                    <td className="px-3 py-2">
                      <span className="font-mono text-xs">{r.action}</span>
                      {r.action === "access.refused" ? <span className="ml-2 text-xs font-semibold text-amber-900">{t("refused")}</span> : null}
                    </td>
                    <td className="hidden px-3 py-2 md:table-cell">
                      {r.entityType ? <span className="text-stone-600">{r.entityType} </span> : null}
                      {href ? <Link href={href} className="font-mono text-xs text-brand-700 underline">{r.entityId}</Link> : <span className="font-mono text-xs">{r.entityId ?? ""}</span>}
                    </td>
                    <td className="hidden px-3 py-2 text-xs text-stone-700 lg:table-cell">
                      {details(r.meta)}
                      {r.requestId || r.ip ? <div className="text-stone-500">{[r.ip, r.requestId].filter(Boolean).join(" · ")}</div> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-2 text-xs text-stone-600">{t("verifyNote")}</p>
      {result.newer || result.older ? (
        <nav aria-label={t("pages")} className="mt-4 flex items-center justify-between gap-2 text-sm">
          {result.newer ? <Link className={linkClass} href={pageHref({ after: result.newer })} rel="prev">{t("newer")}</Link> : <span />}
          {result.older ? <Link className={linkClass} href={pageHref({ before: result.older })} rel="next">{t("older")}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
