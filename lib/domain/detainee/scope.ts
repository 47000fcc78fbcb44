// THE access rule for detainee cases: a viewer sees the cases of their own teams (admins: all).
// Every detainee read and write composes this; a case outside it simply does not exist for the
// viewer (404, never "forbidden"), so ids of other teams' cases leak nothing (S9).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";

export function detaineeWhere(viewer: Viewer, opts: { includeArchived?: boolean } = {}): Prisma.DetaineeWhereInput {
  const archived = opts.includeArchived ? {} : { archivedAt: null };
  if (viewer.role === "ADMIN") return archived;
  return { teamId: { in: viewer.teamIds }, ...archived };
}

/**
 * The same rule for a custody period, read from its own "scopeTeamId" (the case's team while the
 * case is live, NULL once archived; kept by database triggers, migration custody_scope_team), so
 * a facility's periods are scoped without joining each to its case.
 */
export function custodyScopeWhere(viewer: Viewer): Prisma.CustodyPeriodWhereInput {
  if (viewer.role === "ADMIN") return { scopeTeamId: { not: null } };
  return { scopeTeamId: { in: viewer.teamIds } };
}
