// Repatriation events. Linking a detainee to an event is the moment a case becomes
// REPATRIATED: their custody closes on the event date and the status changes, all in one
// transaction with the audit rows (PRODUCT.md §1).
import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { findDetaineeForWrite } from "../custody/mutations";
import { canTransition } from "../detainee/status";
import { eventInputSchema, linkDetaineesSchema } from "./schemas";

export async function createRepatriationEvent(actor: Actor, input: z.input<typeof eventInputSchema>): Promise<{ id: string }> {
  assertCan(actor, "event.write");
  const data = eventInputSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    let province = data.province;
    if (data.facilityId) {
      const facility = await tx.detentionFacility.findFirst({ where: { id: data.facilityId, archivedAt: null }, select: { province: true } });
      if (!facility) throw new AppError("INVALID", "Choose a facility from the registry.", { facilityId: ["unknownFacility"] });
      province ??= facility.province;
    }
    const event = await tx.repatriationEvent.create({
      data: {
        refCode: data.refCode, date: data.date.date, datePrecision: data.date.precision, facilityId: data.facilityId ?? null,
        fromRegion: data.fromRegion, province, handoverPoint: data.handoverPoint, reportedMin: data.reportedMin ?? null,
        reportedMax: data.reportedMax ?? null, verification: data.verification, description: data.description, sources: data.sources,
        createdById: isViewer(actor) ? actor.id : null,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "event.create", entityType: "RepatriationEvent", entityId: event.id, meta: { verification: data.verification } });
    return event;
  });
}

export async function linkDetaineesToEvent(actor: Actor, input: z.input<typeof linkDetaineesSchema>): Promise<void> {
  assertCan(actor, "event.write");
  assertCan(actor, "detainee.status.change");
  const data = linkDetaineesSchema.parse(input);
  await prisma().$transaction(async (tx) => {
    const event = await tx.repatriationEvent.findFirst({ where: { id: data.eventId, archivedAt: null }, select: { id: true, date: true, datePrecision: true } });
    if (!event) throw new AppError("NOT_FOUND", "Repatriation event not found.");
    for (const detaineeId of new Set(data.detaineeIds)) {
      const detainee = await findDetaineeForWrite(tx, actor, detaineeId);
      if (!canTransition(detainee.status, "REPATRIATED")) {
        throw new AppError("INVALID", `A case with status ${detainee.status} cannot be marked as repatriated.`, { detaineeIds: ["invalidTransition"] });
      }
      await tx.repatriationEventDetainee.create({ data: { eventId: event.id, detaineeId } });
      await tx.custodyPeriod.updateMany({
        where: { detaineeId, toDate: null },
        data: { toDate: event.date, toPrecision: event.datePrecision },
      });
      await tx.detainee.update({
        where: { id: detaineeId },
        data: { status: "REPATRIATED", statusChangedAt: new Date(), version: { increment: 1 } },
      });
      await tx.activity.create({
        data: {
          detaineeId, kind: "STATUS_CHANGE", body: data.note, actorId: isViewer(actor) ? actor.id : null,
          meta: { from: detainee.status, to: "REPATRIATED", eventId: event.id },
        },
      });
      await recordAudit(tx, actor, { action: "detainee.status.change", entityType: "Detainee", entityId: detaineeId, meta: { from: detainee.status, to: "REPATRIATED", eventId: event.id } });
    }
  });
}
