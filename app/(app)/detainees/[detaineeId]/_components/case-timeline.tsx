import { getFormatter, getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { listActivities } from "@/lib/domain/detainee/queries";
import { ALL_STATUSES } from "@/lib/domain/detainee/status";
import type { DetaineeStatus } from "@/lib/generated/prisma/enums";

const isStatus = (v: unknown): v is DetaineeStatus => typeof v === "string" && (ALL_STATUSES as string[]).includes(v);

/** The case's notes, calls, status and custody changes, newest first. */
export async function CaseTimeline({ viewer, detaineeId }: { viewer: Viewer; detaineeId: string }) {
  const [items, t, ts, format] = await Promise.all([
    listActivities(viewer, detaineeId), getTranslations("detainee"), getTranslations("status"), getFormatter(),
  ]);
  return (
    <section aria-labelledby="timeline-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <h2 id="timeline-h" className="text-lg font-semibold">{t("timeline")}</h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">{t("noActivity")}</p>
      ) : (
        <ol className="mt-3 space-y-3" data-testid="timeline">
          {items.map((a) => {
            const meta = (a.meta ?? {}) as Record<string, unknown>;
            const summary =
              a.kind === "STATUS_CHANGE" && meta.created && isStatus(meta.to)
                ? t("caseOpened", { status: ts(meta.to) })
                : a.kind === "STATUS_CHANGE" && isStatus(meta.from) && isStatus(meta.to)
                  ? t("statusChanged", { from: ts(meta.from), to: ts(meta.to) })
                  : a.kind === "CUSTODY_CHANGE"
                    ? t("custodyChanged")
                    : null;
            return (
              <li key={a.id} className="grid gap-1 border-l-4 border-stone-300 pl-3 sm:grid-cols-[10rem_1fr]">
                <time dateTime={a.occurredAt.toISOString()} className="text-sm text-stone-600">
                  {format.dateTime(a.occurredAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
                <div className="text-sm">
                  <span className="mr-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs font-medium">{t(`activity.${a.kind}`)}</span>
                  {summary ? <span className="font-medium">{summary}</span> : null}
                  {a.body ? <p className="mt-1 whitespace-pre-line">{a.body}</p> : null}
                  {a.actor ? <p className="mt-0.5 text-xs text-stone-600">{a.actor.displayName}</p> : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
