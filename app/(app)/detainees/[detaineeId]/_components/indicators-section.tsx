import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import { listDetaineeIndicators } from "@/lib/domain/indicator/queries";
import { ActionForm } from "@/components/action-form";
import { IndicatorList } from "@/app/(app)/facilities/_components/indicator-list";
import { IndicatorFields } from "@/app/(app)/facilities/_components/indicator-fields";
import { registryFormMessages } from "@/app/(app)/facilities/_lib/form-messages";
import { createDetaineeIndicatorAction } from "../indicator-actions";

/** The case's warning signs (scoped: another team's case lists nothing) and, for staff, a form to add one. */
export async function IndicatorsSection({ viewer, detaineeId }: { viewer: Viewer; detaineeId: string }) {
  const [items, t] = await Promise.all([listDetaineeIndicators(viewer, detaineeId), getTranslations("indicators")]);
  const mayWrite = can(viewer, "indicator.write");
  const messages = mayWrite ? await registryFormMessages() : {};
  return (
    <section aria-labelledby="indicators-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <h2 id="indicators-h" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm text-stone-600">{t("caseIntro")}</p>
      <IndicatorList items={items} />
      {mayWrite ? (
        <details className="mt-4 rounded-md border border-stone-200 p-3">
          <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t("add")}</summary>
          <ActionForm action={createDetaineeIndicatorAction} messages={messages} submitLabel={t("submit")} successMessage={t("saved")} className="mt-3 space-y-4">
            <input type="hidden" name="detaineeId" value={detaineeId} />
            <IndicatorFields descriptionHint={t("caseDescriptionHint")} />
          </ActionForm>
        </details>
      ) : null}
    </section>
  );
}
