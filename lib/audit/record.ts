// recordAudit writes one audit row inside the caller's transaction, so a change and its audit
// entry commit or fail together. Never pass sensitive values in `meta` (names of fields changed,
// not their contents).
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { auditHash, GENESIS_HASH } from "./chain";

// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_CHAIN_LOCK = 727_3001;

export type AuditEntry = {
  action: string;
  entityType?: string;
  entityId?: string;
  meta?: Prisma.InputJsonObject;
};

export async function recordAudit(tx: Tx, actor: Actor | null, entry: AuditEntry): Promise<void> {
  // Serialise writers so two transactions cannot both chain onto the same previous row.
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})) AS l`;
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content = {
    at: new Date(),
    actorId: actor && isViewer(actor) ? actor.id : null,
    actorLabel: actor ? (isViewer(actor) ? actor.email : `system:${actor.system}`) : null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    requestId: actor && isViewer(actor) ? actor.requestId : null,
    ip: actor && isViewer(actor) ? actor.ip : null,
    meta: entry.meta ?? null,
  };
  await tx.auditLog.create({
    data: { ...content, meta: content.meta ?? undefined, prevHash, hash: auditHash(prevHash, content) },
  });
}
