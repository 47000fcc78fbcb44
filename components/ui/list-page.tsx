// The pieces every list page shares: the heading row (title, count, actions) and the filter
// form's apply/clear buttons. Filters themselves differ per list and stay in each page.
import Link from "next/link";

export type SearchParams = Record<string, string | string[] | undefined>;

/** A query-string value as one string (the first, when repeated). */
export function firstParam(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function ListHeader({ title, countText, countTestId, newHref, newLabel, intro, children }: {
  title: string; countText: string; countTestId: string; newHref?: string | null; newLabel?: string; intro?: string; children?: React.ReactNode;
}) {
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-stone-600" data-testid={countTestId}>{countText}</p>
          {children}
          {newHref ? (
            <Link href={newHref} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{newLabel}</Link>
          ) : null}
        </div>
      </div>
      {intro ? <p className="mt-1 text-sm text-stone-600">{intro}</p> : null}
    </>
  );
}

export function FilterActions({ applyLabel, clearHref, clearLabel }: { applyLabel: string; clearHref: string | null; clearLabel: string }) {
  return (
    <div className="flex gap-2 self-end">
      <button type="submit" className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">{applyLabel}</button>
      {clearHref ? <Link href={clearHref} className="min-h-10 rounded-md px-3 py-2 text-sm underline">{clearLabel}</Link> : null}
    </div>
  );
}
