// Facility registry writes. Facilities are shared knowledge across teams: any staff role may
// record or correct one; every write is audited with the names (not values) of what changed.
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { expandByProvince } from "../risk/inputs";
import { refreshRisk, RESCORE_TX } from "../risk/refresh";
import type { Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import { assertCan } from "../authz";
import { differingFields, lastEditor, StaleVersionError } from "./conflict";
import { facilityInputSchema, facilityUpdateSchema, type FacilityUpdateInput } from "./schemas";

async function assertRefCodeFree(tx: Tx, refCode: string | null, exceptId?: string): Promise<void> {
  if (!refCode) return;
  const other = await tx.detentionFacility.findUnique({ where: { refCode }, select: { id: true } });
  if (other && other.id !== exceptId) throw new AppError("CONFLICT", "A facility with this reference code already exists.", { refCode: ["taken"] });
}

export async function createFacility(actor: Actor, input: z.input<typeof facilityInputSchema>): Promise<{ id: string }> {
  assertCan(actor, "facility.write");
  const data = facilityInputSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    await assertRefCodeFree(tx, data.refCode);
    const facility = await tx.detentionFacility.create({ data: { ...data, latitude: data.latitude ?? null, longitude: data.longitude ?? null }, select: { id: true } });
    await recordAudit(tx, actor, { action: "facility.create", entityType: "DetentionFacility", entityId: facility.id });
    await refreshRisk(tx, { facilityIds: [facility.id] });
    return facility;
  }, RESCORE_TX);
}

export const FACILITY_CONFLICT_MESSAGE =
  "Someone else changed this facility while you were editing, so your changes were not saved. Check the values saved now, then save again.";

/**
 * Replaces a facility's fields. Optimistic locking: the update only applies `where version = n`
 * (the version the editor loaded), so two people editing at once cannot silently overwrite each
 * other; the second gets a CONFLICT and sees the current values.
 */
export async function updateFacility(actor: Actor, input: FacilityUpdateInput): Promise<{ id: string; version: number }> {
  assertCan(actor, "facility.write");
  const { facilityId, version, ...data } = facilityUpdateSchema.parse(input);
  const fields = { ...data, latitude: data.latitude ?? null, longitude: data.longitude ?? null };
  return prisma().$transaction(async (tx) => {
    const current = await tx.detentionFacility.findFirst({ where: { id: facilityId, archivedAt: null } });
    if (!current) throw new AppError("NOT_FOUND", "Facility not found.");
    const keys = Object.keys(fields) as (keyof typeof fields)[];
    if (current.version !== version) {
      throw new StaleVersionError(FACILITY_CONFLICT_MESSAGE, await lastEditor(tx, "DetentionFacility", facilityId), current.updatedAt, differingFields(current, fields, keys));
    }
    await assertRefCodeFree(tx, fields.refCode, facilityId);
    // Field names only: the audit log never holds the values themselves.
    const changed = differingFields(current, fields, keys).map((c) => c.field);
    // Type or province changes move the score and the regional wave of the old province too.
    const before = await expandByProvince(tx, [facilityId]);
    const updated = await tx.detentionFacility.updateMany({ where: { id: facilityId, version }, data: { ...fields, version: { increment: 1 } } });
    if (updated.count === 0) throw new AppError("CONFLICT", FACILITY_CONFLICT_MESSAGE);
    await recordAudit(tx, actor, { action: "facility.update", entityType: "DetentionFacility", entityId: facilityId, meta: { fields: changed } });
    await refreshRisk(tx, { facilityIds: [facilityId, ...before.map((f) => f.id)] });
    return { id: facilityId, version: version + 1 };
  }, RESCORE_TX);
}
