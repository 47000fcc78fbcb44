// recordAudit writes one audit row inside the caller's transaction, so a change and its audit
// entry commit or fail together. Never pass sensitive values in `meta` (names of fields changed,
// not their contents).
//
// The row is appended *pending* (no chain position or hash yet) and without any lock: writers
// never wait on each other. The sealer (./seal.ts) chains committed rows in order shortly after;
// asking it to run costs nothing here and never blocks the caller.
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { requestAuditSeal } from "./seal";

export type AuditEntry = {
  action: string;
  entityType?: string;
  entityId?: string;
  meta?: Prisma.InputJsonObject;
};

export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  const viewer = actor && isViewer(actor) ? actor : null;
  await tx.auditLog.create({
    data: {
      at: new Date(),
      actorId: viewer ? viewer.id : null,
      actorLabel: actor ? (isViewer(actor) ? actor.email : `system:${actor.system}`) : null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      requestId: viewer ? viewer.requestId : null,
      ip: viewer ? viewer.ip : null,
      meta: entry.meta ?? undefined,
    },
    select: { id: true },
  });
  requestAuditSeal();
}
