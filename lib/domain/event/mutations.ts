// Repatriation events. Linking a detainee to an event is the moment a case becomes
// REPATRIATED: their custody closes on the event date and the status changes, all in one
// transaction with the audit rows (PRODUCT.md §1).
import type { z } from "zod";
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { findDetaineeForWrite } from "../custody/mutations";
import { differingFields, lastEditor, StaleVersionError } from "../facility/conflict";
import { fromColumns, partialDateToInput } from "@/lib/dates/partial-date";
import { canTransition } from "../detainee/status";
import { afterEventChange, afterStatusChange } from "../risk/triggers";
import { RESCORE_TX } from "../risk/refresh";
import { eventInputSchema, eventUpdateSchema, linkDetaineesSchema, type EventUpdateInput } from "./schemas";

/** The province an event left from: as entered, else the chosen facility's. */
async function eventProvince(tx: Tx, facilityId: string | null | undefined, province: string | null): Promise<string | null> {
  if (!facilityId) return province;
  const facility = await tx.detentionFacility.findFirst({ where: { id: facilityId, archivedAt: null }, select: { province: true } });
  if (!facility) throw new AppError("INVALID", "Choose a facility from the registry.", { facilityId: ["unknownFacility"] });
  return province ?? facility.province;
}

export async function createRepatriationEvent(actor: Actor, input: z.input<typeof eventInputSchema>): Promise<{ id: string }> {
  assertCan(actor, "event.write");
  const data = eventInputSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    if (data.refCode && (await tx.repatriationEvent.findUnique({ where: { refCode: data.refCode }, select: { id: true } }))) {
      throw new AppError("CONFLICT", "An event with this reference code already exists.", { refCode: ["taken"] });
    }
    const province = await eventProvince(tx, data.facilityId, data.province);
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
    await afterEventChange(tx, actor, { id: event.id, facilityIds: [data.facilityId ?? null], provinces: [province] });
    return event;
  }, RESCORE_TX);
}

export const EVENT_CONFLICT_MESSAGE =
  "Someone else changed this event while you were editing, so your changes were not saved. Check the values saved now, then save again.";

/** Replaces an event's fields, only `where version = n` (optimistic locking; a stale edit is a CONFLICT). */
export async function updateRepatriationEvent(actor: Actor, input: EventUpdateInput): Promise<{ id: string; version: number }> {
  assertCan(actor, "event.write");
  const { eventId, version, ...data } = eventUpdateSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const current = await tx.repatriationEvent.findFirst({ where: { id: eventId, archivedAt: null } });
    if (!current) throw new AppError("NOT_FOUND", "Repatriation event not found.");
    if (data.refCode && (await tx.repatriationEvent.findFirst({ where: { refCode: data.refCode, id: { not: eventId } }, select: { id: true } }))) {
      throw new AppError("CONFLICT", "An event with this reference code already exists.", { refCode: ["taken"] });
    }
    const fields = {
      refCode: data.refCode, date: data.date.date, datePrecision: data.date.precision, facilityId: data.facilityId ?? null,
      fromRegion: data.fromRegion, province: await eventProvince(tx, data.facilityId, data.province), handoverPoint: data.handoverPoint,
      reportedMin: data.reportedMin ?? null, reportedMax: data.reportedMax ?? null, verification: data.verification,
      description: data.description, sources: data.sources,
    };
    // Compared as the form shows them (a partial date as "2023-10"), so precision changes count.
    const asForm = <T extends { date: Date; datePrecision: "DAY" | "MONTH" | "YEAR" }>(e: T) => ({ ...e, date: partialDateToInput(fromColumns(e.date, e.datePrecision)) });
    const keys = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => k !== "datePrecision");
    const differences = differingFields(asForm(current), asForm(fields), keys);
    if (current.version !== version) {
      // Show the saved facility by name, not by id.
      const savedFacility = current.facilityId ? await tx.detentionFacility.findUnique({ where: { id: current.facilityId }, select: { nameEn: true } }) : null;
      const shown = differences.map((c) => (c.field === "facilityId" ? { ...c, value: savedFacility?.nameEn ?? "" } : c));
      throw new StaleVersionError(EVENT_CONFLICT_MESSAGE, await lastEditor(tx, "RepatriationEvent", eventId), current.updatedAt, shown);
    }
    // Field names only, never values, in the audit log.
    const changed = differences.map((c) => c.field);
    const updated = await tx.repatriationEvent.updateMany({ where: { id: eventId, version }, data: { ...fields, version: { increment: 1 } } });
    if (updated.count === 0) throw new AppError("CONFLICT", EVENT_CONFLICT_MESSAGE);
    await recordAudit(tx, actor, { action: "event.update", entityType: "RepatriationEvent", entityId: eventId, meta: { fields: changed, verification: data.verification } });
    // Both the old and the new place: moving an event lowers one facility and raises another.
    await afterEventChange(tx, actor, { id: eventId, facilityIds: [current.facilityId, fields.facilityId], provinces: [current.province, fields.province] });
    return { id: eventId, version: version + 1 };
  }, RESCORE_TX);
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
      const activity = await tx.activity.create({
        data: {
          detaineeId, kind: "STATUS_CHANGE", body: data.note, actorId: isViewer(actor) ? actor.id : null,
          meta: { from: detainee.status, to: "REPATRIATED", eventId: event.id },
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, { action: "detainee.status.change", entityType: "Detainee", entityId: detaineeId, meta: { from: detainee.status, to: "REPATRIATED", eventId: event.id } });
      await afterStatusChange(tx, actor, { detaineeId, activityId: activity.id, from: detainee.status, to: "REPATRIATED" });
    }
  }, RESCORE_TX);
}
