import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { requireReauthOf } from "@/lib/auth/reauth";
import type { Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { teamInputSchema } from "./schemas";

export async function createTeam(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, "team.manage");
  await requireReauthOf(actor);
  const { name } = teamInputSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { name }, select: { id: true } })) {
      throw new AppError("CONFLICT", "A team with this name already exists.", { name: ["taken"] });
    }
    const team = await tx.team.create({ data: { name }, select: { id: true } });
    await recordAudit(tx, actor, { action: "team.create", entityType: "Team", entityId: team.id });
    return team;
  });
}
