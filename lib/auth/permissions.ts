// One table of who may do what (PRODUCT.md §2). `can` fails closed: an unknown role or action is
// a "no", so a typo or a new role can never widen access.
import type { Role } from "@/lib/generated/prisma/enums";

const ALL = ["ADMIN", "LAWYER", "CASEWORKER", "VIEWER"] as const satisfies readonly Role[];
const STAFF = ["ADMIN", "LAWYER", "CASEWORKER"] as const satisfies readonly Role[];
const COUNSEL = ["ADMIN", "LAWYER"] as const satisfies readonly Role[];

export const PERMISSIONS = {
  "detainee.read": ALL,
  "detainee.create": STAFF,
  "detainee.update": STAFF,
  "detainee.archive": COUNSEL,
  "detainee.status.change": COUNSEL,
  "detainee.restricted.read": COUNSEL,
  "detainee.export": COUNSEL,
  "detainee.import": STAFF,
  // Editing or removing a source means seeing its identity, so only those who may read it.
  "source.manage": COUNSEL,
  "attachment.archive": COUNSEL,
  "facility.read": ALL,
  "facility.write": STAFF,
  "event.read": ALL,
  "event.write": STAFF,
  "indicator.write": STAFF,
  "petition.read": ALL,
  "petition.draft": STAFF,
  "petition.approve": COUNSEL,
  "petition.submit": COUNSEL,
  "petition.export": COUNSEL,
  // Recording what happened after submission (acknowledged, reply received, closed) and
  // withdrawing: the case's lawyers speak for the team to the UN.
  "petition.track": COUNSEL,
  "petition.withdraw": COUNSEL,
  // An admin approving or submitting their own draft (four-eyes override, reason required).
  "petition.override": ["ADMIN"],
  // Attaching a UN reply or other document to a petition.
  "petition.file.upload": STAFF,
  "user.manage": ["ADMIN"],
  "team.manage": ["ADMIN"],
  "audit.read": ["ADMIN"],
  "settings.manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(viewer: { role: string } | null | undefined, permission: Permission): boolean {
  if (!viewer) return false;
  if (!Object.prototype.hasOwnProperty.call(PERMISSIONS, permission)) return false;
  const allowed: readonly string[] = PERMISSIONS[permission];
  return allowed.includes(viewer.role);
}

export const ROLES: readonly Role[] = ALL;
