import "server-only";
// Sources of a case. The label, kind and confidentiality level are for everyone on the case;
// who the source is and how to reach them are decrypted only for roles with
// detainee.restricted.read, and each such view is audited (S10, S19). Other roles get
// { visible: false }: the values never leave the server, so they are in no HTML or RSC payload.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { decryptOptional } from "@/lib/crypto/field";
import { detaineeWhere } from "../detainee/scope";

const MAX_SOURCES = 200;

export async function listSources(viewer: Viewer, detaineeId: string) {
  const db = prisma();
  const rows = await db.source.findMany({
    where: { detaineeId, detainee: detaineeWhere(viewer) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_SOURCES,
    select: { id: true, kind: true, label: true, confidentiality: true, identityEnc: true, contactEnc: true, createdAt: true },
  });
  const mayRead = can(viewer, "detainee.restricted.read");
  const fields = [
    rows.some((r) => r.identityEnc) ? "identity" : null,
    rows.some((r) => r.contactEnc) ? "contact" : null,
  ].filter((f): f is string => f !== null);
  if (mayRead && fields.length > 0) {
    await db.$transaction((tx) => recordAudit(tx, viewer, { action: "source.restricted.view", entityType: "Detainee", entityId: detaineeId, meta: { fields } }));
  }
  return rows.map(({ identityEnc, contactEnc, ...r }) => ({
    ...r,
    restricted: mayRead
      ? {
          visible: true as const,
          identity: decryptOptional(identityEnc, { table: "Source", id: r.id, field: "identityEnc" }),
          contact: decryptOptional(contactEnc, { table: "Source", id: r.id, field: "contactEnc" }),
        }
      : { visible: false as const },
  }));
}
export type SourceRow = Awaited<ReturnType<typeof listSources>>[number];
