import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Server-side pagination links that keep the other query parameters. */
export async function Pagination({ page, pageCount, params, basePath }: { page: number; pageCount: number; params: Record<string, string | undefined>; basePath: string }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations("pagination");
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `${basePath}?${q.toString()}`;
  };
  const linkClass = "rounded-md px-3 py-2 ring-1 ring-inset ring-stone-300 bg-white hover:bg-stone-50";
  return (
    <nav aria-label={t("label")} className="mt-4 flex items-center justify-between gap-2 text-sm">
      {page > 1 ? <Link className={linkClass} href={href(page - 1)} rel="prev">{t("previous")}</Link> : <span />}
      <span aria-current="page">{t("page", { page, count: pageCount })}</span>
      {page < pageCount ? <Link className={linkClass} href={href(page + 1)} rel="next">{t("next")}</Link> : <span />}
    </nav>
  );
}
