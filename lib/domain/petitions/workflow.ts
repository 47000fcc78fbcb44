// The petition workflow as data plus the role rules, pure so the server (which enforces it) and
// the UI (which shows only the buttons that would succeed) share one truth.
import { can, type Permission } from "@/lib/auth/permissions";
import type { PetitionStatus, Role } from "@/lib/generated/prisma/enums";

/**
 * Allowed moves. Beyond the straight line DRAFT → … → CLOSED: a reviewer sends a draft back
 * (IN_REVIEW → DRAFT) or reopens an approved one to edit it (APPROVED → DRAFT); a reply may come
 * without a formal acknowledgement (SUBMITTED → RESPONSE_RECEIVED); a government may never reply
 * (ACKNOWLEDGED → CLOSED); anything not yet final may be withdrawn.
 */
export const PETITION_TRANSITIONS: Readonly<Record<PetitionStatus, readonly PetitionStatus[]>> = {
  DRAFT: ["IN_REVIEW", "WITHDRAWN"],
  IN_REVIEW: ["APPROVED", "DRAFT", "WITHDRAWN"],
  APPROVED: ["SUBMITTED", "DRAFT", "WITHDRAWN"],
  SUBMITTED: ["ACKNOWLEDGED", "RESPONSE_RECEIVED", "WITHDRAWN"],
  ACKNOWLEDGED: ["RESPONSE_RECEIVED", "CLOSED", "WITHDRAWN"],
  RESPONSE_RECEIVED: ["CLOSED", "WITHDRAWN"],
  CLOSED: [],
  WITHDRAWN: [],
};

export const PETITION_STATUSES = Object.keys(PETITION_TRANSITIONS) as PetitionStatus[];
export const FINAL_STATUSES: readonly PetitionStatus[] = ["CLOSED", "WITHDRAWN"];
/** Sections can be edited (and regenerated) only before approval. */
export const EDITABLE_STATUSES: readonly PetitionStatus[] = ["DRAFT", "IN_REVIEW"];
/** Moves that send the petition to the UN on the team's behalf: a second person must agree. */
export const FOUR_EYES_TARGETS: readonly PetitionStatus[] = ["APPROVED", "SUBMITTED"];

type PetitionLike = { status: PetitionStatus; authorId: string | null };
type ViewerLike = { id: string; role: Role };

function permissionFor(to: PetitionStatus): Permission {
  if (to === "WITHDRAWN") return "petition.withdraw";
  if (to === "IN_REVIEW") return "petition.draft";
  // Sending back and reopening are the reviewer's decisions, like approving.
  if (to === "APPROVED" || to === "DRAFT") return "petition.approve";
  if (to === "SUBMITTED") return "petition.submit";
  return "petition.track";
}

export type TransitionRule =
  | { allowed: true; requiresOverrideReason: boolean }
  | { allowed: false; reason: "notInWorkflow" | "forbidden" | "ownPetition" };

/**
 * Whether `viewer` may move `petition` to `to`. Approval and submission by the petition's own
 * author are refused (four-eyes), except for an ADMIN, who must then give a reason — the
 * override is for small teams where no second lawyer is available, and it stays on record.
 */
export function transitionRule(petition: PetitionLike, viewer: ViewerLike, to: PetitionStatus): TransitionRule {
  if (!PETITION_TRANSITIONS[petition.status]?.includes(to)) return { allowed: false, reason: "notInWorkflow" };
  if (!can(viewer, permissionFor(to))) return { allowed: false, reason: "forbidden" };
  const isOwn = petition.authorId !== null && petition.authorId === viewer.id;
  if (FOUR_EYES_TARGETS.includes(to) && isOwn) {
    return can(viewer, "petition.override") ? { allowed: true, requiresOverrideReason: true } : { allowed: false, reason: "ownPetition" };
  }
  return { allowed: true, requiresOverrideReason: false };
}

export type AllowedTransition = { to: PetitionStatus; requiresOverrideReason: boolean };

/** The moves to offer as buttons: only those the server would accept from this viewer. */
export function allowedTransitions(petition: PetitionLike, viewer: ViewerLike): AllowedTransition[] {
  const out: AllowedTransition[] = [];
  for (const to of PETITION_TRANSITIONS[petition.status] ?? []) {
    const rule = transitionRule(petition, viewer, to);
    if (rule.allowed) out.push({ to, requiresOverrideReason: rule.requiresOverrideReason });
  }
  return out;
}

export function canEditPetition(petition: { status: PetitionStatus }, viewer: { role: Role }): boolean {
  return EDITABLE_STATUSES.includes(petition.status) && can(viewer, "petition.draft");
}

export function canExportPetition(viewer: { role: Role }): boolean {
  return can(viewer, "petition.export");
}

export function isFinalStatus(status: PetitionStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
