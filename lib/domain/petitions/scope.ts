// THE access rule for petitions: a viewer sees the petitions of their own teams (admins: all).
// Every petition read and write composes this; another team's petition does not exist for the
// viewer (404, never "forbidden"), so petition ids leak nothing across teams (S9).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";

export function petitionWhere(viewer: Viewer): Prisma.PetitionWhereInput {
  if (viewer.role === "ADMIN") return { archivedAt: null };
  return { teamId: { in: viewer.teamIds }, archivedAt: null };
}
