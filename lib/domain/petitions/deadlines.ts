// Deadlines that follow from a petition's channel and where it stands (PRODUCT.md §4, issue #5
// item 6). Pure: the petition page, the list (sorted by next deadline), the dashboard and the
// reminder job all read the same dates.
import type { PetitionKind, PetitionStatus } from "@/lib/generated/prisma/enums";

export type DeadlineInput = {
  kind: PetitionKind;
  status: PetitionStatus;
  createdAt: Date;
  submittedOn: Date | null;
  transmittedOn: Date | null;
  acknowledgedOn: Date | null;
  responseReceivedOn: Date | null;
  disappearedOn: Date | null;
};
export type PetitionDeadline = { key: string; labelKey: string; due: Date; severity: "info" | "warning" | "overdue" };

const DAY = 86_400_000;
// A deadline this close is shown as a warning (and is when the reminder goes out).
const WARNING_DAYS = 7;
// WGAD (its methods of work) and the Special Procedures give the Government 60 days to reply.
const GOVERNMENT_REPLY_DAYS = 60;
// Urgent appeals exist to beat a return that may happen within days: the team's own target is to
// file within 24 hours of opening the draft (PRODUCT.md: "within hours").
const FILE_URGENT_HOURS = 24;
// Letters (Third Committee, ROK government) and UNHCR requests have no formal reply period. We
// chase after 30 days: UNHCR's field work and a ministry's written answer usually take weeks, and
// the Third Committee negotiates its resolution within one autumn session (about two months), so
// a month leaves time to follow up before the text is final.
const FOLLOW_UP_DAYS = 30;
// WGEID's urgent procedure covers disappearances within the three months before receipt.
const WGEID_URGENT_MONTHS = 3;

const URGENT_KINDS = new Set<PetitionKind>(["WGAD_URGENT_APPEAL", "SPECIAL_PROCEDURES_URGENT_APPEAL", "WGEID_URGENT_ACTION"]);
const REPLY_KINDS = new Set<PetitionKind>(["WGAD_URGENT_APPEAL", "WGAD_REGULAR_COMMUNICATION", "SPECIAL_PROCEDURES_URGENT_APPEAL"]);
const FOLLOW_UP_KINDS = new Set<PetitionKind>(["UNHCR_INTERVENTION", "UNGA_THIRD_COMMITTEE_LETTER", "ROK_GOVERNMENT_LETTER"]);
const NOT_YET_FILED = new Set<PetitionStatus>(["DRAFT", "IN_REVIEW", "APPROVED"]);
const AWAITING_REPLY = new Set<PetitionStatus>(["SUBMITTED", "ACKNOWLEDGED"]);

const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const addDays = (d: Date, days: number) => new Date(startOfUtcDay(d).getTime() + days * DAY);

/** Same day of the month `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

function severity(due: Date, today: Date, exact = false): PetitionDeadline["severity"] {
  const now = exact ? today.getTime() : startOfUtcDay(today).getTime();
  if (due.getTime() < now) return "overdue";
  return due.getTime() - now <= WARNING_DAYS * DAY ? "warning" : "info";
}

/** Whether a disappearance on `disappearedOn` is still within WGEID's 3-month urgent procedure. */
export function wgeidUrgentWindow(disappearedOn: Date | null, today: Date): { within: boolean; endsOn: Date | null } {
  if (!disappearedOn) return { within: false, endsOn: null };
  const endsOn = addMonths(startOfUtcDay(disappearedOn), WGEID_URGENT_MONTHS);
  return { within: startOfUtcDay(today).getTime() <= endsOn.getTime(), endsOn };
}

/**
 * Every deadline that still matters, soonest first. Closed, withdrawn and answered petitions have
 * none: the reply is in (or the matter ended), so nothing is left to chase.
 */
export function petitionDeadlines(input: DeadlineInput, today: Date): PetitionDeadline[] {
  const out: PetitionDeadline[] = [];
  const { kind, status } = input;
  if (status === "CLOSED" || status === "WITHDRAWN" || status === "RESPONSE_RECEIVED") return out;

  if (URGENT_KINDS.has(kind) && (status === "DRAFT" || status === "IN_REVIEW")) {
    const due = new Date(input.createdAt.getTime() + FILE_URGENT_HOURS * 3_600_000);
    out.push({ key: "fileUrgent", labelKey: "petitionDeadlines.fileUrgent", due, severity: severity(due, today, true) });
  }

  if (kind === "WGEID_URGENT_ACTION" && NOT_YET_FILED.has(status)) {
    const w = wgeidUrgentWindow(input.disappearedOn, today);
    if (w.endsOn) {
      // Outside the window the form still goes to WGEID, under the standard procedure: say so.
      out.push({ key: "wgeidUrgentWindow", labelKey: w.within ? "petitionDeadlines.wgeidUrgentWindow" : "petitionDeadlines.wgeidUrgentWindowPassed", due: w.endsOn, severity: w.within ? severity(w.endsOn, today) : "warning" });
    }
  }

  if (REPLY_KINDS.has(kind) && AWAITING_REPLY.has(status)) {
    // The 60 days run from the UN's transmission to the Government; until we learn that date,
    // the submission date gives an early estimate, labelled as one.
    const start = input.transmittedOn ?? input.submittedOn;
    if (start) {
      const due = addDays(start, GOVERNMENT_REPLY_DAYS);
      const labelKey = input.transmittedOn ? "petitionDeadlines.governmentReply" : "petitionDeadlines.governmentReplyEstimate";
      out.push({ key: "governmentReply", labelKey, due, severity: severity(due, today) });
    }
  }

  if (FOLLOW_UP_KINDS.has(kind) && AWAITING_REPLY.has(status)) {
    const start = input.acknowledgedOn ?? input.submittedOn;
    if (start) {
      const due = addDays(start, FOLLOW_UP_DAYS);
      out.push({ key: "followUp", labelKey: "petitionDeadlines.followUp", due, severity: severity(due, today) });
    }
  }

  return out.sort((a, b) => a.due.getTime() - b.due.getTime());
}

/** The deadline to show in lists and sort by: the soonest one, overdue ones included. */
export function nextDeadline(input: DeadlineInput, today: Date): PetitionDeadline | null {
  return petitionDeadlines(input, today)[0] ?? null;
}
