// Pieces every petition write shares: finding the petition inside the viewer's scope, the
// optimistic-lock check that names who saved meanwhile, the case-timeline entry, and the input
// the deadline rules need.
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PetitionKind, PetitionStatus } from "@/lib/generated/prisma/enums";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { DeadlineInput } from "./deadlines";
import { petitionWhere } from "./scope";
import type { PetitionContent } from "./types";

/** A stale version: who saved the petition meanwhile and when (runAction passes both to the form). */
export class PetitionConflictError extends AppError {
  readonly changes: { field: string; value: string }[] = [];
  constructor(readonly changedBy: string | null, readonly changedAt: Date) {
    const when = changedAt.toISOString().slice(0, 16).replace("T", " ");
    super("CONFLICT", `${changedBy ?? "Someone else"} saved this petition at ${when} UTC while you were editing it. Your text is still in the form; nothing was saved.`);
  }
}

const petitionSelect = {
  id: true, teamId: true, kind: true, language: true, title: true, content: true, status: true, version: true, authorId: true,
  approvalOverrideReason: true, createdAt: true, updatedAt: true, submittedOn: true, transmittedOn: true, acknowledgedOn: true,
  responseReceivedOn: true, detainees: { select: { detaineeId: true } },
} as const satisfies Prisma.PetitionSelect;

export type PetitionForWrite = Prisma.PetitionGetPayload<{ select: typeof petitionSelect }>;

/** The petition, or NOT_FOUND when it is outside the actor's scope (same answer as "no such id"). */
export async function findPetitionForWrite(tx: Tx, actor: Actor, id: string): Promise<PetitionForWrite> {
  const where = isViewer(actor) ? { AND: [{ id }, petitionWhere(actor)] } : { id, archivedAt: null };
  const petition = await tx.petition.findFirst({ where, select: petitionSelect });
  if (!petition) throw new AppError("NOT_FOUND", "Petition not found.");
  return petition;
}

/** Throws PetitionConflictError naming the last person who changed the petition. */
export async function assertVersion(tx: Tx, petition: PetitionForWrite, version: number): Promise<void> {
  if (petition.version === version) return;
  await throwConflict(tx, petition.id, petition.updatedAt);
}

export async function throwConflict(tx: Tx, petitionId: string, fallbackAt: Date): Promise<never> {
  const last = await tx.auditLog.findFirst({
    where: { entityType: "Petition", entityId: petitionId, actorId: { not: null } },
    orderBy: { id: "desc" },
    select: { actorId: true, at: true },
  });
  const who = last?.actorId ? await tx.user.findUnique({ where: { id: last.actorId }, select: { displayName: true } }) : null;
  throw new PetitionConflictError(who?.displayName ?? null, last?.at ?? fallbackAt);
}

/** Writes the new state only if nobody else did in between (the version is the lock). */
export async function updateAtVersion(tx: Tx, petition: PetitionForWrite, data: Prisma.PetitionUpdateManyMutationInput): Promise<number> {
  const updated = await tx.petition.updateMany({ where: { id: petition.id, version: petition.version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) await throwConflict(tx, petition.id, new Date());
  return petition.version + 1;
}

export function readContent(petition: { content: unknown }): PetitionContent {
  const c = petition.content as Partial<PetitionContent> | null;
  return { templateVersion: c?.templateVersion ?? 1, generatedAt: c?.generatedAt ?? "", title: c?.title ?? "", sections: c?.sections ?? [] };
}

/** One entry on the timeline of each detainee the petition names. */
export async function addTimelineEntries(
  tx: Tx,
  actor: Actor,
  detaineeIds: readonly string[],
  meta: { event: string; petitionId: string; kind: PetitionKind; from?: PetitionStatus | null; to?: PetitionStatus },
  body?: string,
): Promise<void> {
  if (detaineeIds.length === 0) return;
  await tx.activity.createMany({
    data: detaineeIds.map((detaineeId) => ({ detaineeId, kind: "PETITION" as const, body: body ?? null, actorId: isViewer(actor) ? actor.id : null, meta })),
  });
}

/**
 * For the WGEID 3-month rule: of the petition's people now DISAPPEARED, select when each
 * disappeared — the custody period their disappearance closed, else the status date.
 */
export const disappearanceSelect = {
  where: { detainee: { status: "DISAPPEARED" } },
  select: {
    detainee: {
      select: { statusChangedAt: true, custody: { where: { toDate: { not: null } }, orderBy: { toDate: "desc" }, take: 1, select: { toDate: true } } },
    },
  },
} as const satisfies Prisma.Petition$detaineesArgs;

type DisappearanceRow = { detainee: { statusChangedAt: Date; custody: { toDate: Date | null }[] } };

/** The latest disappearance among the rows selected by disappearanceSelect. */
export function latestDisappearance(rows: readonly DisappearanceRow[]): Date | null {
  const times = rows.map((r) => (r.detainee.custody[0]?.toDate ?? r.detainee.statusChangedAt).getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export async function disappearedOnFor(tx: Tx, detaineeIds: readonly string[]): Promise<Date | null> {
  if (detaineeIds.length === 0) return null;
  const rows = await tx.detainee.findMany({
    where: { id: { in: [...detaineeIds] }, status: "DISAPPEARED" },
    select: disappearanceSelect.select.detainee.select,
  });
  return latestDisappearance(rows.map((detainee) => ({ detainee })));
}

export function deadlineInputOf(
  p: Pick<PetitionForWrite, "kind" | "status" | "createdAt" | "submittedOn" | "transmittedOn" | "acknowledgedOn" | "responseReceivedOn">,
  disappearedOn: Date | null,
): DeadlineInput {
  return {
    kind: p.kind, status: p.status, createdAt: p.createdAt, submittedOn: p.submittedOn, transmittedOn: p.transmittedOn,
    acknowledgedOn: p.acknowledgedOn, responseReceivedOn: p.responseReceivedOn, disappearedOn,
  };
}

/** UTC midnight of `now`: the date columns and deadline rules count whole days. */
export function dayOf(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
