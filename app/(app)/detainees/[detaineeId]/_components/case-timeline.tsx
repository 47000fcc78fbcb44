import { getFormatter, getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/auth/viewer";
import { listActivities, type ActivityRow } from "@/lib/domain/detainee/queries";
import { ALL_STATUSES } from "@/lib/domain/detainee/status";
import { CONSENT_CHANNELS, CONSENT_NAMINGS } from "@/lib/domain/consent/schemas";
import { SOURCE_KINDS } from "@/lib/domain/source/schemas";
import { PETITION_KINDS, PETITION_STATUS_VALUES } from "@/lib/domain/petitions/schemas";
import type { DetaineeStatus } from "@/lib/generated/prisma/enums";

// Meta is JSON written by our own mutations, but it is read defensively: an unexpected value
// renders no summary rather than a broken translation key.
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === "string" && (list as readonly string[]).includes(v);
const isStatus = (v: unknown): v is DetaineeStatus => isOneOf(ALL_STATUSES, v);

type Translator = Awaited<ReturnType<typeof getTranslations>>;

type Translators = { detainee: Translator; status: Translator; notes: Translator; consent: Translator; sources: Translator; indicators: Translator; indicatorType: Translator; petitionKinds: Translator; petitionStatus: Translator };

function summarise(a: ActivityRow, t: Translators): string | null {
  const meta = (a.meta ?? {}) as Record<string, unknown>;
  switch (a.kind) {
    case "STATUS_CHANGE":
      if (meta.created && isStatus(meta.to)) return t.detainee("caseOpened", { status: t.status(meta.to) });
      if (isStatus(meta.from) && isStatus(meta.to)) return t.detainee("statusChanged", { from: t.status(meta.from), to: t.status(meta.to) });
      return null;
    case "PETITION": {
      if (!isOneOf(PETITION_KINDS, meta.kind)) return null;
      const kind = t.petitionKinds(meta.kind);
      if (meta.event === "petition.create") return t.petitionStatus("timelineCreated", { kind });
      if (isOneOf(PETITION_STATUS_VALUES, meta.to)) return t.petitionStatus("timelineMoved", { kind, to: t.petitionStatus(meta.to) });
      return null;
    }
    case "CUSTODY_CHANGE":
      return t.detainee("custodyChanged");
    case "CONSENT":
      if (!isOneOf(CONSENT_CHANNELS, meta.channel)) return null;
      if (meta.event === "revoked") return t.notes("timeline.consentRevoked", { channel: t.consent(`channel.${meta.channel}`) });
      if (meta.event === "recorded" && isOneOf(CONSENT_NAMINGS, meta.naming)) {
        return t.notes("timeline.consentRecorded", { channel: t.consent(`channel.${meta.channel}`), naming: t.consent(`naming.${meta.naming}`) });
      }
      return null;
    case "ATTACHMENT":
      if (meta.event === "archived") return t.notes("timeline.fileArchived");
      if (meta.event === "uploaded") return t.notes(meta.confidential ? "timeline.confidentialFileUploaded" : "timeline.fileUploaded");
      return null;
    case "OTHER": {
      if (meta.event === "indicator.add" && typeof meta.indicatorType === "string") {
        return t.indicators("timelineAdded", { type: t.indicatorType(meta.indicatorType) });
      }
      if (Array.isArray(meta.edited)) return t.detainee("edited");
      if (meta.archived) return t.detainee("archived");
      if (!isOneOf(SOURCE_KINDS, meta.sourceKind)) return null;
      const kind = t.sources(`kind.${meta.sourceKind}`);
      if (meta.event === "source.add") return t.notes("timeline.sourceAdded", { kind });
      if (meta.event === "source.update") return t.notes("timeline.sourceUpdated", { kind });
      if (meta.event === "source.remove") return t.notes("timeline.sourceRemoved", { kind });
      return null;
    }
    default:
      return null;
  }
}

/** The case's notes, calls, status, custody, consent, evidence and source changes, newest first. */
export async function CaseTimeline({ viewer, detaineeId }: { viewer: Viewer; detaineeId: string }) {
  const [items, detainee, status, notes, consent, sources, indicators, indicatorType, format, petitionKinds, petitionStatus] = await Promise.all([
    listActivities(viewer, detaineeId), getTranslations("detainee"), getTranslations("status"), getTranslations("notes"),
    getTranslations("consent"), getTranslations("sources"), getTranslations("indicators"), getTranslations("indicatorType"), getFormatter(),
    getTranslations("petitionKinds"), getTranslations("petitionStatus"),
  ]);
  const t = { detainee, status, notes, consent, sources, indicators, indicatorType, petitionKinds, petitionStatus };
  return (
    <section aria-labelledby="timeline-h" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <h2 id="timeline-h" className="text-lg font-semibold">{detainee("timeline")}</h2>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">{detainee("noActivity")}</p>
      ) : (
        <ol className="mt-3 space-y-3" data-testid="timeline">
          {items.map((a) => {
            const summary = summarise(a, t);
            return (
              <li key={a.id} className="grid gap-1 border-l-4 border-stone-300 pl-3 sm:grid-cols-[10rem_1fr]">
                <time dateTime={a.occurredAt.toISOString()} className="text-sm text-stone-600">
                  {format.dateTime(a.occurredAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
                <div className="min-w-0 text-sm">
                  <span className="mr-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs font-medium">{detainee(`activity.${a.kind}`)}</span>
                  {a.isConfidential ? <span className="mr-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-medium">{notes("confidentialBadge")}</span> : null}
                  {summary ? <span className="font-medium">{summary}</span> : null}
                  {a.content.visible ? (
                    a.content.body ? <p className="mt-1 whitespace-pre-line break-words">{a.content.body}</p> : null
                  ) : (
                    <p className="mt-1 italic text-stone-700" data-testid="note-masked">{notes("hidden")}</p>
                  )}
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
