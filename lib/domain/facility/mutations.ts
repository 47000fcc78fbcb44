import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import { assertCan } from "../authz";
import { facilityInputSchema } from "./schemas";

export async function createFacility(actor: Actor, input: z.input<typeof facilityInputSchema>): Promise<{ id: string }> {
  assertCan(actor, "facility.write");
  const data = facilityInputSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    if (data.refCode && (await tx.detentionFacility.findUnique({ where: { refCode: data.refCode }, select: { id: true } }))) {
      throw new AppError("CONFLICT", "A facility with this reference code already exists.", { refCode: ["taken"] });
    }
    const facility = await tx.detentionFacility.create({ data: { ...data, latitude: data.latitude ?? null, longitude: data.longitude ?? null }, select: { id: true } });
    await recordAudit(tx, actor, { action: "facility.create", entityType: "DetentionFacility", entityId: facility.id });
    return facility;
  });
}
