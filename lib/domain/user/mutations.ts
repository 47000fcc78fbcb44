// User administration. Every change here needs the admin's fresh re-authentication, checked
// here rather than only in the action (S7): a hijacked admin session creates, promotes, re-enables
// or re-teams no one. Role changes, team changes and disabling bump sessionVersion so the
// user's existing sessions end on their next request (S5).
import { randomBytes } from "node:crypto";
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { requireReauthOf } from "@/lib/auth/reauth";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { createTeam } from "../team/mutations";
import { createUserSchema, localeSchema, setUserDisabledSchema, updateUserAccessSchema } from "./schemas";

async function assertTeamsExist(tx: Tx, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  const found = await tx.team.count({ where: { id: { in: teamIds }, archivedAt: null } });
  if (found !== new Set(teamIds).size) throw new AppError("INVALID", "One of the chosen teams does not exist.", { teamIds: ["unknownTeam"] });
}

export async function createUser(actor: Actor, input: unknown): Promise<{ id: string; hasPassword: boolean }> {
  assertCan(actor, "user.manage");
  await requireReauthOf(actor);
  const data = createUserSchema.parse(input);
  // Without a password, the hash of 32 random bytes nobody ever sees: no password matches it.
  const passwordHash = await hashPassword(data.password ?? randomBytes(32).toString("base64url"));
  return prisma().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", "A user with this email already exists.", { email: ["emailTaken"] });
    }
    await assertTeamsExist(tx, data.teamIds);
    const user = await tx.user.create({
      data: {
        email: data.email, displayName: data.displayName, role: data.role, locale: data.locale, passwordHash,
        memberships: { create: [...new Set(data.teamIds)].map((teamId) => ({ teamId })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "user.create", entityType: "User", entityId: user.id, meta: { role: data.role, teams: data.teamIds.length, password: data.password ? "set" : "link" } });
    return { id: user.id, hasPassword: data.password !== undefined };
  });
}

export async function updateUserAccess(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, "user.manage");
  await requireReauthOf(actor);
  const data = updateUserAccessSchema.parse(input);
  await prisma().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: data.userId }, select: { id: true, role: true, memberships: { select: { teamId: true } } } });
    if (!user) throw new AppError("NOT_FOUND", "User not found.");
    if (isViewer(actor) && actor.id === user.id && data.role !== "ADMIN") {
      throw new AppError("INVALID", "You cannot remove your own administrator role.", { role: ["ownRole"] });
    }
    await assertTeamsExist(tx, data.teamIds);
    const teamIds = [...new Set(data.teamIds)];
    await tx.teamMembership.deleteMany({ where: { userId: user.id, teamId: { notIn: teamIds } } });
    await tx.teamMembership.createMany({ data: teamIds.map((teamId) => ({ userId: user.id, teamId })), skipDuplicates: true });
    await tx.user.update({ where: { id: user.id }, data: { role: data.role, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: "user.access.update", entityType: "User", entityId: user.id,
      meta: { fromRole: user.role, toRole: data.role, fromTeams: user.memberships.map((m) => m.teamId).sort(), toTeams: teamIds.sort() },
    });
  });
}

export async function setUserDisabled(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, "user.manage");
  await requireReauthOf(actor);
  const data = setUserDisabledSchema.parse(input);
  if (isViewer(actor) && actor.id === data.userId && data.disabled) {
    throw new AppError("INVALID", "You cannot disable your own account.");
  }
  await prisma().$transaction(async (tx) => {
    const result = await tx.user.updateMany({
      where: { id: data.userId },
      data: { disabledAt: data.disabled ? new Date() : null, sessionVersion: { increment: 1 } },
    });
    if (result.count === 0) throw new AppError("NOT_FOUND", "User not found.");
    await recordAudit(tx, actor, { action: data.disabled ? "user.disable" : "user.enable", entityType: "User", entityId: data.userId });
  });
}

/** A signed-in user's own language choice, remembered for their next sign-in. */
export async function setOwnLocale(viewer: { id: string }, locale: unknown): Promise<void> {
  const value = localeSchema.parse(locale);
  await prisma().user.update({ where: { id: viewer.id }, data: { locale: value } });
}

/**
 * First run with an empty database: the only way to create a user without being one. Refuses
 * when any admin already exists, so it cannot be used to take over an installation.
 */
export async function createFirstAdmin(input: { email: string; displayName: string; password: string; teamName?: string }): Promise<{ id: string }> {
  const existing = await prisma().user.count({ where: { role: "ADMIN" } });
  if (existing > 0) throw new AppError("CONFLICT", "An administrator already exists; sign in as them to add users.");
  const system = { system: "create-admin" };
  let teamIds: string[] = [];
  if (input.teamName) {
    const team = await prisma().team.findUnique({ where: { name: input.teamName }, select: { id: true } });
    teamIds = [team?.id ?? (await createTeam(system, { name: input.teamName })).id];
  }
  const { email, displayName, password } = input;
  return createUser(system, { email, displayName, password, role: "ADMIN", teamIds });
}
