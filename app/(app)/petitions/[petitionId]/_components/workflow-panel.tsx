import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/action-form";
import { TextAreaField, TextField } from "@/components/form-fields";
import type { AllowedTransition } from "@/lib/domain/petitions/workflow";
import type { PetitionStatus } from "@/lib/generated/prisma/enums";
import { transitionAction } from "../../actions";

const today = () => new Date().toISOString().slice(0, 10);
const GATED: readonly PetitionStatus[] = ["APPROVED", "SUBMITTED"];

/** The steps this person may take now, each a small form asking only for what that step records. */
export async function WorkflowPanel({ petitionId, version, transitions, blocked, messages }: {
  petitionId: string; version: number; transitions: AllowedTransition[]; blocked: boolean; messages: Record<string, string>;
}) {
  const t = await getTranslations("petitionUi");
  return (
    <section aria-labelledby="workflow-h" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="workflow">
      <h2 id="workflow-h" className="text-lg font-semibold">{t("workflow")}</h2>
      {transitions.length === 0 ? <p className="mt-2 text-sm text-stone-600">{t("noTransitions")}</p> : null}
      <div className="mt-2 space-y-2">
        {transitions.map((tr) => {
          const gated = blocked && GATED.includes(tr.to);
          const f = (name: string) => `wf-${tr.to}-${name}`;
          return (
            <details key={tr.to} className="rounded-md border border-stone-200 p-3" data-transition={tr.to}>
              <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t(`to.${tr.to}`)}</summary>
              {gated ? <p className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">{t("approvalBlocked")}</p> : (
                <ActionForm action={transitionAction} messages={messages} submitLabel={t(`to.${tr.to}`)} submitVariant={tr.to === "WITHDRAWN" ? "danger" : "primary"} className="mt-3 space-y-3">
                  <input type="hidden" name="id" value={petitionId} />
                  <input type="hidden" name="version" value={version} />
                  <input type="hidden" name="to" value={tr.to} />
                  {tr.to === "SUBMITTED" ? (
                    <>
                      <TextField id={f("submittedOn")} name="submittedOn" type="date" label={t("submittedOn")} defaultValue={today()} max={today()} required />
                      <TextField id={f("submittedVia")} name="submittedVia" label={t("submittedVia")} hint={t("submittedViaHint")} required />
                      <TextField id={f("unReference")} name="unReference" label={t("unReference")} />
                    </>
                  ) : null}
                  {tr.to === "ACKNOWLEDGED" ? (
                    <>
                      <TextField id={f("acknowledgedOn")} name="acknowledgedOn" type="date" label={t("acknowledgedOn")} defaultValue={today()} max={today()} required />
                      <TextField id={f("unReference")} name="unReference" label={t("unReference")} />
                      <TextField id={f("transmittedOn")} name="transmittedOn" type="date" label={t("transmittedOn")} max={today()} />
                    </>
                  ) : null}
                  {tr.to === "RESPONSE_RECEIVED" ? <TextField id={f("responseReceivedOn")} name="responseReceivedOn" type="date" label={t("responseReceivedOn")} defaultValue={today()} max={today()} required /> : null}
                  {tr.to === "WITHDRAWN" ? <TextAreaField id={f("withdrawnReason")} name="withdrawnReason" label={t("withdrawnReason")} required rows={2} /> : null}
                  {tr.requiresOverrideReason ? <TextAreaField id={f("overrideReason")} name="overrideReason" label={t("overrideReason")} required rows={2} /> : null}
                  <TextAreaField id={f("note")} name="note" label={t("note")} rows={2} />
                </ActionForm>
              )}
            </details>
          );
        })}
      </div>
    </section>
  );
}
