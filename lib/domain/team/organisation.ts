// The submitting organisation's details, per team, printed on petitions. Admin-edited with
// optimistic locking (two admins may edit at once) and a fresh re-authentication (S7).
import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { requireReauthOf } from "@/lib/auth/reauth";
import type { Actor, Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { idSchema, isStorableText, textSchema } from "../schemas-common";

const line = (max: number) => textSchema().trim().max(max, "tooLong").transform((v) => v || null);

export const organisationSchema = z.strictObject({
  teamId: idSchema,
  version: z.coerce.number().int().min(1).max(2_147_483_647),
  orgLegalName: line(200),
  orgNameKo: line(200),
  orgAddress: line(500),
  orgEmail: z.union([z.literal("").transform(() => null), z.email("invalidEmail").max(200)]),
  orgPhone: line(60),
  orgWebsite: z.union([z.literal("").transform(() => null), z.url({ protocol: /^https?$/, error: "invalid" }).max(300).refine(isStorableText, "invalidCharacters")]),
  orgSignatory: line(200),
});

export const ORGANISATION_FIELDS = ["orgLegalName", "orgNameKo", "orgAddress", "orgEmail", "orgPhone", "orgWebsite", "orgSignatory"] as const;

export async function getTeamOrganisation(viewer: Viewer, teamId: string) {
  if (!idSchema.safeParse(teamId).success) return null;
  assertCan(viewer, "team.manage");
  return prisma().team.findFirst({
    where: { id: teamId, archivedAt: null },
    select: { id: true, name: true, version: true, updatedAt: true, ...Object.fromEntries(ORGANISATION_FIELDS.map((f) => [f, true])) } as never,
  }) as Promise<({ id: string; name: string; version: number; updatedAt: Date } & Record<(typeof ORGANISATION_FIELDS)[number], string | null>) | null>;
}

export async function updateTeamOrganisation(actor: Actor, input: unknown): Promise<{ version: number }> {
  assertCan(actor, "team.manage");
  await requireReauthOf(actor);
  const { teamId, version, ...fields } = organisationSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const updated = await tx.team.updateMany({ where: { id: teamId, version, archivedAt: null }, data: { ...fields, version: { increment: 1 } } });
    if (updated.count === 0) {
      const exists = await tx.team.findFirst({ where: { id: teamId, archivedAt: null }, select: { id: true } });
      if (!exists) throw new AppError("NOT_FOUND", "Team not found.");
      throw new AppError("CONFLICT", "Someone else changed these details while you were editing. Reload to see their version.");
    }
    await recordAudit(tx, actor, { action: "team.organisation.update", entityType: "Team", entityId: teamId, meta: { fields: Object.keys(fields) } });
    return { version: version + 1 };
  });
}
