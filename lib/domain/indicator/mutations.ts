import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { refreshRisk, RESCORE_TX } from "../risk/refresh";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { findDetaineeForWrite } from "../custody/mutations";
import { indicatorInputSchema } from "./schemas";

/** A warning sign at a facility (shared knowledge) or about one detainee (scoped to their team). */
export async function createIndicator(actor: Actor, input: z.input<typeof indicatorInputSchema>): Promise<{ id: string }> {
  assertCan(actor, "indicator.write");
  const data = indicatorInputSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    if (data.detaineeId) await findDetaineeForWrite(tx, actor, data.detaineeId);
    if (data.facilityId && !(await tx.detentionFacility.findFirst({ where: { id: data.facilityId, archivedAt: null }, select: { id: true } }))) {
      throw new AppError("INVALID", "Choose a facility from the registry.", { facilityId: ["unknownFacility"] });
    }
    const indicator = await tx.indicator.create({
      data: {
        type: data.type, facilityId: data.facilityId ?? null, detaineeId: data.detaineeId ?? null,
        observedOn: data.observedOn.date, datePrecision: data.observedOn.precision, confidence: data.confidence,
        description: data.description, createdById: isViewer(actor) ? actor.id : null,
      },
      select: { id: true },
    });
    if (data.detaineeId) {
      // A warning sign about a person is part of their case: it goes on the timeline too.
      await tx.activity.create({
        data: { detaineeId: data.detaineeId, kind: "OTHER", actorId: isViewer(actor) ? actor.id : null, meta: { event: "indicator.add", indicatorId: indicator.id, indicatorType: data.type } },
      });
    }
    await recordAudit(tx, actor, { action: "indicator.create", entityType: "Indicator", entityId: indicator.id, meta: { type: data.type } });
    await refreshRisk(tx, { facilityIds: data.facilityId ? [data.facilityId] : [], detaineeIds: data.detaineeId ? [data.detaineeId] : [] });
    return indicator;
  }, RESCORE_TX);
}
