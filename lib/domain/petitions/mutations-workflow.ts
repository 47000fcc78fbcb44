// Moving a petition along its workflow (workflow.ts holds the table and role rules). Approval and
// submission re-run the completeness and consent checks against the case data as it is now, so
// a consent revoked after drafting still stops the petition from leaving.
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PetitionStatus } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { nextDeadline } from "./deadlines";
import { checkPetition } from "./draft";
import {
  addTimelineEntries, assertVersion, dayOf, deadlineInputOf, disappearedOnFor, findPetitionForWrite, updateAtVersion,
} from "./mutations-common";
import { transitionSchema, type TransitionInput } from "./schemas";
import type { RequiredElementCheck } from "./types";
import { transitionRule, type TransitionRule } from "./workflow";

/** Approval or submission refused while required elements (or consents) are missing. */
export class MissingElementsError extends AppError {
  constructor(readonly missing: RequiredElementCheck[]) {
    super(
      "INVALID",
      `This petition cannot leave review yet: ${missing.length} required element${missing.length === 1 ? " is" : "s are"} missing (${missing.map((m) => m.key).join(", ")}).`,
      { requiredElements: missing.map((m) => m.labelKey) },
    );
  }
}

function refusal(reason: Extract<TransitionRule, { allowed: false }>["reason"], from: PetitionStatus, to: PetitionStatus): AppError {
  if (reason === "forbidden") return new AppError("FORBIDDEN", "You do not have permission to do that.");
  if (reason === "ownPetition") return new AppError("FORBIDDEN", "Someone other than the author must approve and submit this petition.", { to: ["ownPetition"] });
  return new AppError("INVALID", `A petition cannot move from ${from} to ${to}.`, { to: ["invalidTransition"] });
}

/** A required date that cannot lie in the future nor before `notBefore`. */
function dayField(value: Date | undefined, field: string, today: Date, notBefore?: Date | null): Date {
  if (!value) throw new AppError("INVALID", "Enter the date.", { [field]: ["required"] });
  if (value.getTime() > today.getTime()) throw new AppError("INVALID", "This date is in the future.", { [field]: ["futureDate"] });
  if (notBefore && value.getTime() < notBefore.getTime()) throw new AppError("INVALID", "This date is before the petition was submitted.", { [field]: ["beforeSubmission"] });
  return value;
}

export async function transitionPetition(viewer: Viewer, input: TransitionInput, now: Date = new Date()): Promise<{ version: number }> {
  const data = transitionSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const petition = await findPetitionForWrite(tx, viewer, data.id);
    await assertVersion(tx, petition, data.version);
    const rule = transitionRule(petition, viewer, data.to);
    if (!rule.allowed) throw refusal(rule.reason, petition.status, data.to);
    const override = rule.requiresOverrideReason ? data.overrideReason : undefined;
    if (rule.requiresOverrideReason && !override) {
      throw new AppError("INVALID", "You drafted this petition: give the reason for approving it yourself.", { overrideReason: ["required"] });
    }
    const detaineeIds = petition.detainees.map((d) => d.detaineeId);
    const today = dayOf(now);
    if (data.to === "APPROVED" || data.to === "SUBMITTED") {
      const checks = await checkPetition(tx, viewer, { kind: petition.kind, teamId: petition.teamId, detaineeIds, now });
      const missing = checks.filter((c) => !c.present);
      if (missing.length > 0) throw new MissingElementsError(missing);
    }
    const next: Prisma.PetitionUpdateManyMutationInput = { status: data.to };
    const dates = { submittedOn: petition.submittedOn, transmittedOn: petition.transmittedOn, acknowledgedOn: petition.acknowledgedOn, responseReceivedOn: petition.responseReceivedOn };
    switch (data.to) {
      case "APPROVED":
        Object.assign(next, { approverId: viewer.id, approvedAt: now, approvalOverrideReason: override ?? null });
        break;
      case "SUBMITTED":
        dates.submittedOn = dayField(data.submittedOn, "submittedOn", today);
        if (!data.submittedVia) throw new AppError("INVALID", "Say how the petition was sent.", { submittedVia: ["required"] });
        Object.assign(next, { submittedOn: dates.submittedOn, submittedVia: data.submittedVia, submittedById: viewer.id, unReference: data.unReference ?? null });
        if (override) next.approvalOverrideReason = petition.approvalOverrideReason ?? override;
        break;
      case "ACKNOWLEDGED":
        dates.acknowledgedOn = dayField(data.acknowledgedOn, "acknowledgedOn", today, petition.submittedOn);
        if (data.transmittedOn) dates.transmittedOn = dayField(data.transmittedOn, "transmittedOn", today, petition.submittedOn);
        Object.assign(next, { acknowledgedOn: dates.acknowledgedOn, transmittedOn: dates.transmittedOn, ...(data.unReference ? { unReference: data.unReference } : {}) });
        break;
      case "RESPONSE_RECEIVED":
        dates.responseReceivedOn = dayField(data.responseReceivedOn, "responseReceivedOn", today, petition.submittedOn);
        if (data.transmittedOn) dates.transmittedOn = dayField(data.transmittedOn, "transmittedOn", today, petition.submittedOn);
        Object.assign(next, { responseReceivedOn: dates.responseReceivedOn, transmittedOn: dates.transmittedOn });
        break;
      case "CLOSED":
        next.closedOn = today;
        break;
      case "WITHDRAWN":
        if (!data.withdrawnReason) throw new AppError("INVALID", "Give the reason for withdrawing the petition.", { withdrawnReason: ["required"] });
        next.withdrawnReason = data.withdrawnReason;
        break;
      case "DRAFT":
        // Sent back or reopened: any approval given was for the text as it was, so it lapses.
        Object.assign(next, { approverId: null, approvedAt: null, approvalOverrideReason: null });
        break;
    }
    // The next deadline is kept in responseDueOn so the list can sort and filter on it in SQL.
    const due = nextDeadline(deadlineInputOf({ ...petition, ...dates, status: data.to }, await disappearedOnFor(tx, detaineeIds)), today);
    next.responseDueOn = due?.due ?? null;
    const version = await updateAtVersion(tx, petition, next);
    const note = data.to === "WITHDRAWN" ? (data.note ?? data.withdrawnReason) : data.note;
    await tx.petitionTransition.create({ data: { petitionId: petition.id, fromStatus: petition.status, toStatus: data.to, actorId: viewer.id, note: note ?? null, at: now } });
    await addTimelineEntries(tx, viewer, detaineeIds, { event: "petition.transition", petitionId: petition.id, kind: petition.kind, from: petition.status, to: data.to }, note);
    await recordAudit(tx, viewer, {
      action: "petition.transition", entityType: "Petition", entityId: petition.id,
      meta: { from: petition.status, to: data.to, override: Boolean(override) },
    });
    if (override) {
      await recordAudit(tx, viewer, { action: "petition.override", entityType: "Petition", entityId: petition.id, meta: { to: data.to, reason: override } });
    }
    return { version };
  });
}
