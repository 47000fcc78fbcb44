// Source writes. Anyone who may edit the case may ADD a source (a caseworker taking a family's
// call must be able to record who called) but only roles that may read identities may change or
// remove one: for a caseworker a source is write-only.
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { decryptOptional, encryptOptional } from "@/lib/crypto/field";
import { newId } from "@/lib/db/new-id";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { findDetaineeForWrite } from "../custody/mutations";
import { detaineeWhere } from "../detainee/scope";
import { addSourceSchema, removeSourceSchema, updateSourceSchema, type AddSourceInput, type UpdateSourceInput } from "./schemas";

type Result = { id: string; detaineeId: string };

/** Where a source's encrypted field lives (bound into its ciphertext, lib/crypto/field.ts). */
const at = (id: string, field: "identityEnc" | "contactEnc") => ({ table: "Source", id, field });

/** A case's source, if the actor may see the case; another team's source is NOT_FOUND. */
async function findSourceForWrite(tx: Tx, actor: Actor, sourceId: string) {
  const scope = isViewer(actor) ? { detainee: detaineeWhere(actor) } : { detaineeId: { not: null } };
  const source = await tx.source.findFirst({
    where: { AND: [{ id: sourceId }, scope] },
    select: { id: true, detaineeId: true, kind: true, label: true, confidentiality: true, identityEnc: true, contactEnc: true },
  });
  if (!source?.detaineeId) throw new AppError("NOT_FOUND", "Source not found.");
  return { ...source, detaineeId: source.detaineeId };
}

function timeline(tx: Tx, actor: Actor, detaineeId: string, meta: Record<string, string>) {
  return tx.activity.create({ data: { detaineeId, kind: "OTHER", actorId: isViewer(actor) ? actor.id : null, meta } });
}

export async function addSource(actor: Actor, input: AddSourceInput): Promise<Result> {
  assertCan(actor, "detainee.update");
  const data = addSourceSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const detainee = await findDetaineeForWrite(tx, actor, data.detaineeId);
    const id = newId();
    const created = await tx.source.create({
      data: {
        id, teamId: detainee.teamId, detaineeId: detainee.id, kind: data.kind, label: data.label, confidentiality: data.confidentiality,
        identityEnc: encryptOptional(data.identity, at(id, "identityEnc")), contactEnc: encryptOptional(data.contact, at(id, "contactEnc")),
      },
      select: { id: true },
    });
    await timeline(tx, actor, detainee.id, { event: "source.add", sourceId: created.id, sourceKind: data.kind });
    const fields = [data.identity ? "identity" : null, data.contact ? "contact" : null].filter((f): f is string => f !== null);
    await recordAudit(tx, actor, { action: "source.add", entityType: "Source", entityId: created.id, meta: { detaineeId: detainee.id, kind: data.kind, fields } });
    return { id: created.id, detaineeId: detainee.id };
  });
}

export async function updateSource(actor: Actor, input: UpdateSourceInput): Promise<Result> {
  assertCan(actor, "source.manage");
  const data = updateSourceSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const before = await findSourceForWrite(tx, actor, data.sourceId);
    // Names of the fields that changed, for the audit row: never their values.
    const changed = [
      before.kind !== data.kind ? "kind" : null,
      before.label !== data.label ? "label" : null,
      before.confidentiality !== data.confidentiality ? "confidentiality" : null,
      decryptOptional(before.identityEnc, at(before.id, "identityEnc")) !== data.identity ? "identity" : null,
      decryptOptional(before.contactEnc, at(before.id, "contactEnc")) !== data.contact ? "contact" : null,
    ].filter((f): f is string => f !== null);
    await tx.source.update({
      where: { id: before.id },
      data: {
        kind: data.kind, label: data.label, confidentiality: data.confidentiality,
        identityEnc: encryptOptional(data.identity, at(before.id, "identityEnc")), contactEnc: encryptOptional(data.contact, at(before.id, "contactEnc")),
      },
    });
    await timeline(tx, actor, before.detaineeId, { event: "source.update", sourceId: before.id, sourceKind: data.kind });
    await recordAudit(tx, actor, { action: "source.update", entityType: "Source", entityId: before.id, meta: { detaineeId: before.detaineeId, fields: changed } });
    return { id: before.id, detaineeId: before.detaineeId };
  });
}

export async function removeSource(actor: Actor, input: { sourceId: string }): Promise<Result> {
  assertCan(actor, "source.manage");
  const data = removeSourceSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const source = await findSourceForWrite(tx, actor, data.sourceId);
    // Indicators citing this source keep their facts; their sourceId becomes null (schema: SetNull).
    await tx.source.delete({ where: { id: source.id } });
    await timeline(tx, actor, source.detaineeId, { event: "source.remove", sourceKind: source.kind });
    await recordAudit(tx, actor, { action: "source.remove", entityType: "Source", entityId: source.id, meta: { detaineeId: source.detaineeId, kind: source.kind } });
    return { id: source.id, detaineeId: source.detaineeId };
  });
}
