import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { RequiredElementCheck } from "@/lib/domain/petitions/types";

/** Each required element as present or missing, with a link to where it is filled in. */
export async function CompletenessPanel({ checks }: { checks: RequiredElementCheck[] }) {
  const [t, tAll] = await Promise.all([getTranslations("petitionUi"), getTranslations()]);
  const missing = checks.filter((c) => !c.present).length;
  return (
    <section aria-labelledby="complete-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="completeness" data-missing={missing}>
      <h2 id="complete-h" className="text-lg font-semibold">{t("completeness")}</h2>
      <p className="text-xs text-stone-600">{t("completenessIntro")}</p>
      <p className={`mt-2 rounded-md px-3 py-2 text-sm ${missing ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900"}`} role="status">
        {missing ? t("approvalBlocked") : t("allPresent")}
      </p>
      <ul className="mt-2 space-y-1 text-sm">
        {checks.map((c) => (
          <li key={c.key} className="flex items-start gap-2" data-element={c.key} data-present={c.present}>
            <span aria-hidden className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${c.present ? "bg-emerald-600 text-white" : "bg-red-600 text-white"}`}>{c.present ? "✓" : "!"}</span>
            <span className="min-w-0 flex-1 wrap-anywhere">
              <span className="sr-only">{c.present ? t("present") : t("missing")}: </span>
              {tAll(c.labelKey as never, (c.labelParams ?? {}) as never)}
            </span>
            {!c.present && c.fixHref ? <Link href={c.fixHref} className="whitespace-nowrap text-brand-700 underline">{t("fix")}</Link> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
