// The case-status workflow (PRODUCT.md §1) as data: which moves are allowed. Status is a fact
// about the person (where they are), not the risk.
import type { DetaineeStatus } from "@/lib/generated/prisma/enums";

export const STATUS_TRANSITIONS: Readonly<Record<DetaineeStatus, readonly DetaineeStatus[]>> = {
  REPORTED: ["DETAINED", "RELEASED", "REPATRIATED", "RESETTLED", "DECEASED", "CLOSED"],
  DETAINED: ["RELEASED", "REPATRIATED", "RESETTLED", "DECEASED", "CLOSED"],
  RELEASED: ["DETAINED", "REPATRIATED", "RESETTLED", "DECEASED", "CLOSED"],
  REPATRIATED: ["DETAINED_IN_DPRK", "DISAPPEARED", "DECEASED", "CLOSED"],
  DETAINED_IN_DPRK: ["DISAPPEARED", "RELEASED", "DECEASED", "CLOSED"],
  DISAPPEARED: ["DETAINED_IN_DPRK", "RELEASED", "DECEASED", "CLOSED"],
  RESETTLED: ["CLOSED"],
  DECEASED: ["CLOSED"],
  CLOSED: ["REPORTED"],
};

export const ALL_STATUSES = Object.keys(STATUS_TRANSITIONS) as DetaineeStatus[];

export function canTransition(from: DetaineeStatus, to: DetaineeStatus): boolean {
  return STATUS_TRANSITIONS[from]?.includes(to) ?? false;
}

/** Statuses in which the person is still in someone's custody (so custody can be open). */
export const IN_CUSTODY: readonly DetaineeStatus[] = ["REPORTED", "DETAINED", "DETAINED_IN_DPRK"];

/** Moves that end the current custody period (the person left that facility). */
export const CLOSES_CUSTODY: readonly DetaineeStatus[] = ["RELEASED", "REPATRIATED", "RESETTLED", "DECEASED", "DISAPPEARED"];
