// Custody chain writes. The current facility is derived from the open period, so opening a new
// period (a transfer) closes the previous one in the same transaction.
import { z } from "zod";
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { refreshRisk } from "../risk/refresh";
import { fromColumns, type PartialDate } from "@/lib/dates/partial-date";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { detaineeWhere } from "../detainee/scope";
import { idSchema, optionalPartialDateSchema, optionalText, requiredPartialDateSchema } from "../schemas-common";
import { periodProblem } from "./periods";

export const addCustodySchema = z.strictObject({
  detaineeId: idSchema,
  facilityId: idSchema,
  from: requiredPartialDateSchema,
  to: optionalPartialDateSchema,
  howKnown: optionalText(1000),
  confidence: z.enum(["LOW", "MEDIUM", "HIGH"]).default("MEDIUM"),
  /** When true and another period is open, it is closed on `from` (a transfer). */
  closeCurrent: z.boolean().default(true),
});

const PROBLEM_MESSAGES = {
  inverted: "The end of a custody period cannot be before its start.",
  overlap: "This period overlaps another custody period of this person.",
  secondOpen: "This person already has an open custody period; close it first or record a transfer.",
} as const;

/** The detainee, if the actor may see it; the one place custody writes check scope. */
export async function findDetaineeForWrite(tx: Tx, actor: Actor, detaineeId: string) {
  const where = isViewer(actor) ? { AND: [{ id: detaineeId }, detaineeWhere(actor)] } : { id: detaineeId };
  const detainee = await tx.detainee.findFirst({ where, select: { id: true, teamId: true, status: true, version: true } });
  if (!detainee) throw new AppError("NOT_FOUND", "Case not found.");
  return detainee;
}

export async function addCustodyPeriod(actor: Actor, input: z.input<typeof addCustodySchema>): Promise<{ id: string }> {
  assertCan(actor, "detainee.update");
  const data = addCustodySchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const detainee = await findDetaineeForWrite(tx, actor, data.detaineeId);
    const facility = await tx.detentionFacility.findFirst({ where: { id: data.facilityId, archivedAt: null }, select: { id: true } });
    if (!facility) throw new AppError("INVALID", "Choose a facility from the registry.", { facilityId: ["unknownFacility"] });
    const existing = await tx.custodyPeriod.findMany({ where: { detaineeId: detainee.id } });
    const periods = existing.map((p) => ({ id: p.id, from: fromColumns(p.fromDate, p.fromPrecision)!, to: fromColumns(p.toDate, p.toPrecision) }));
    const open = existing.find((p) => p.toDate === null);
    if (open && !data.to && data.closeCurrent) {
      const closed = { from: fromColumns(open.fromDate, open.fromPrecision)!, to: data.from as PartialDate };
      if (periodProblem(closed, []) === "inverted") throw new AppError("INVALID", PROBLEM_MESSAGES.inverted, { from: ["beforeCurrentStart"] });
      await tx.custodyPeriod.update({ where: { id: open.id }, data: { toDate: data.from.date, toPrecision: data.from.precision } });
      const idx = periods.findIndex((p) => p.id === open.id);
      periods[idx] = { ...periods[idx]!, to: data.from };
    }
    const problem = periodProblem({ from: data.from, to: data.to }, periods);
    if (problem) throw new AppError("INVALID", PROBLEM_MESSAGES[problem], { from: [problem] });
    const created = await tx.custodyPeriod.create({
      data: {
        detaineeId: detainee.id, facilityId: facility.id, fromDate: data.from.date, fromPrecision: data.from.precision,
        toDate: data.to?.date ?? null, toPrecision: data.to?.precision ?? null, howKnown: data.howKnown, confidence: data.confidence,
      },
      select: { id: true },
    });
    await tx.detainee.update({ where: { id: detainee.id }, data: { version: { increment: 1 } } });
    await tx.activity.create({
      data: { detaineeId: detainee.id, kind: "CUSTODY_CHANGE", actorId: isViewer(actor) ? actor.id : null, meta: { facilityId: facility.id, transfer: Boolean(open) } },
    });
    await recordAudit(tx, actor, { action: "custody.add", entityType: "Detainee", entityId: detainee.id, meta: { custodyPeriodId: created.id, facilityId: facility.id } });
    await refreshRisk(tx, { detaineeIds: [detainee.id] });
    return created;
  });
}
