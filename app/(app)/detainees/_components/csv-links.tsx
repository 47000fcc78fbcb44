// "Import CSV" and "Export CSV" for the case list. Each appears only for roles that may use it
// (the import page and the export route check again and 404 for everyone else). The export form
// carries the list's current filters, so the file holds exactly the list on screen, all pages.
// It is a POST (S17: the route takes no GET, and only same-origin posts), and works without JavaScript.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { listDetaineesSchema } from "@/lib/domain/detainee/schemas";

type SearchParams = Record<string, string | string[] | undefined>;

/** The list's filters as hidden fields; the page number is left out (an export is every page). */
function filterFields(searchParams: SearchParams): [string, string][] {
  const raw = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const { page: _page, ...filters } = listDetaineesSchema.parse(raw);
  void _page;
  return Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "");
}

export async function CsvLinks({ viewer, searchParams }: { viewer: Viewer; searchParams: SearchParams }) {
  const mayImport = can(viewer, "detainee.import");
  const mayExport = can(viewer, "detainee.export");
  if (!mayImport && !mayExport) return null;
  const t = await getTranslations("csv.links");
  const link = "inline-flex min-h-10 items-center rounded-md bg-white px-3 py-2 text-sm font-semibold ring-1 ring-inset ring-stone-300 hover:bg-stone-50";
  return (
    <div className="flex flex-wrap items-start gap-3">
      {mayImport ? <Link href="/detainees/import" className={link}>↑ {t("import")}</Link> : null}
      {mayExport ? (
        <form method="post" action="/api/detainees/export" className="flex flex-wrap items-center gap-x-3 gap-y-1" aria-describedby="csv-export-hint">
          {filterFields(searchParams).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
          <button type="submit" className={link}>↓ {t("export")}</button>
          {can(viewer, "detainee.restricted.read") ? (
            <label className="inline-flex min-h-8 items-center gap-2 text-sm">
              <input type="checkbox" name="restricted" value="1" className="size-4" aria-describedby="csv-restricted-hint" />
              {t("includeRestricted")}
            </label>
          ) : null}
          <p id="csv-export-hint" className="w-full text-xs text-stone-600">
            {t("exportHint")} <span id="csv-restricted-hint">{can(viewer, "detainee.restricted.read") ? t("includeRestrictedHint") : null}</span>
          </p>
        </form>
      ) : null}
    </div>
  );
}
