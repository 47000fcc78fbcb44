// Writes to detainee cases: each in one transaction with its audit row and timeline entry.
import { prisma, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { refreshRisk } from "../risk/refresh";
import { afterStatusChange } from "../risk/triggers";
import { encryptOptional } from "@/lib/crypto/field";
import { newId } from "@/lib/db/new-id";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan, writableTeamIds } from "../authz";
import { buildSearchText } from "../names/search-text";
import { nextCaseNumber } from "./case-number";
import type { z } from "zod";
import { parsePartialDate, partialDateEnd } from "@/lib/dates/partial-date";
import { findDetaineeForWrite } from "../custody/mutations";
import { changeStatusSchema, createDetaineeSchema, type CreateDetaineeInput } from "./schemas";
import { canTransition, CLOSES_CUSTODY } from "./status";

export async function createDetainee(actor: Actor, input: CreateDetaineeInput, opts: { year?: number } = {}): Promise<{ id: string; caseNumber: string }> {
  assertCan(actor, "detainee.create");
  const d = createDetaineeSchema.parse(input);
  const allowed = writableTeamIds(actor);
  // Same answer as for a team that does not exist: no probing of other teams' ids.
  if (allowed && !allowed.includes(d.teamId)) throw new AppError("INVALID", "Choose one of your teams.", { teamId: ["unknownTeam"] });
  return prisma().$transaction(async (tx) => {
    const team = await tx.team.findFirst({ where: { id: d.teamId, archivedAt: null }, select: { id: true } });
    if (!team) throw new AppError("INVALID", "Choose one of your teams.", { teamId: ["unknownTeam"] });
    await assertAssignable(tx, d.teamId, d.assignedUserIds);
    const caseNumber = await nextCaseNumber(tx, opts.year);
    const id = newId();
    const created = await tx.detainee.create({
      data: {
        id, caseNumber, teamId: d.teamId,
        familyNameRoman: d.familyNameRoman, givenNameRoman: d.givenNameRoman, nameHangul: d.nameHangul,
        nameChinese: d.nameChinese, aliases: d.aliases,
        searchText: buildSearchText({ ...d, caseNumber }),
        sex: d.sex, birthDate: d.birthDate?.date ?? null, birthDatePrecision: d.birthDate?.precision ?? null,
        estimatedAge: d.estimatedAge ?? null, homeProvince: d.homeProvince, status: d.status,
        arrestDate: d.arrestDate?.date ?? null, arrestDatePrecision: d.arrestDate?.precision ?? null,
        arrestPlace: d.arrestPlace, arrestAuthority: d.arrestAuthority, narrative: d.narrative,
        healthConcerns: d.healthConcerns, hasSouthKoreaLinks: d.hasSouthKoreaLinks,
        familyContactsEnc: encryptOptional(d.familyContacts, { table: "Detainee", id, field: "familyContactsEnc" }),
        createdById: isViewer(actor) ? actor.id : null,
        assignments: { create: [...new Set(d.assignedUserIds)].map((userId) => ({ userId })) },
      },
      select: { id: true, caseNumber: true },
    });
    await tx.activity.create({
      data: { detaineeId: created.id, kind: "STATUS_CHANGE", actorId: isViewer(actor) ? actor.id : null, meta: { to: d.status, created: true } },
    });
    await recordAudit(tx, actor, { action: "detainee.create", entityType: "Detainee", entityId: created.id, meta: { teamId: d.teamId, status: d.status } });
    await refreshRisk(tx, { detaineeIds: [created.id] });
    return created;
  });
}

/** Assigned lawyers must be active LAWYER/ADMIN members of the case's team. */
export async function assertAssignable(tx: Tx, teamId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const ok = await tx.user.count({
    where: { id: { in: userIds }, disabledAt: null, role: { in: ["LAWYER", "ADMIN"] }, memberships: { some: { teamId } } },
  });
  if (ok !== new Set(userIds).size) throw new AppError("INVALID", "Only lawyers of the case's team can be assigned.", { assignedUserIds: ["notAssignable"] });
}

/**
 * Moves a case along the status workflow. Only moves in STATUS_TRANSITIONS are accepted, every
 * change needs a note, a move that ends custody (release, return, death…) needs a date and closes
 * the open custody period on it, REPATRIATED always needs a date, and a stale `version`
 * (someone else changed the case meanwhile) is a CONFLICT rather than a silent overwrite.
 */
export async function changeDetaineeStatus(actor: Actor, input: z.input<typeof changeStatusSchema>): Promise<void> {
  assertCan(actor, "detainee.status.change");
  const data = changeStatusSchema.parse(input);
  const date = data.date ? parsePartialDate(data.date) : null;
  if (data.date && !date) throw new AppError("INVALID", "Enter the date as YYYY, YYYY-MM or YYYY-MM-DD.", { date: ["invalidDate"] });
  if (data.to === "REPATRIATED" && !date) throw new AppError("INVALID", "Enter when the person was returned.", { date: ["required"] });
  await prisma().$transaction(async (tx) => {
    const detainee = await findDetaineeForWrite(tx, actor, data.detaineeId);
    if (!canTransition(detainee.status, data.to)) {
      throw new AppError("INVALID", `A case cannot move from ${detainee.status} to ${data.to}.`, { to: ["invalidTransition"] });
    }
    const updated = await tx.detainee.updateMany({
      where: { id: detainee.id, version: data.version },
      data: { status: data.to, statusChangedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", "Someone else changed this case while you were editing. Reload to see their change.");
    const open = CLOSES_CUSTODY.includes(data.to) ? await tx.custodyPeriod.findFirst({ where: { detaineeId: detainee.id, toDate: null } }) : null;
    if (open) {
      if (!date) throw new AppError("INVALID", "Enter when this happened: the current custody period ends on that date.", { date: ["required"] });
      if (partialDateEnd(date) < open.fromDate) {
        throw new AppError("INVALID", "This date is before the current custody period began.", { date: ["beforeCurrentStart"] });
      }
      await tx.custodyPeriod.update({ where: { id: open.id }, data: { toDate: date.date, toPrecision: date.precision } });
    }
    const activity = await tx.activity.create({
      data: {
        detaineeId: detainee.id, kind: "STATUS_CHANGE", body: data.note, actorId: isViewer(actor) ? actor.id : null,
        meta: { from: detainee.status, to: data.to, date: data.date ?? null },
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "detainee.status.change", entityType: "Detainee", entityId: detainee.id, meta: { from: detainee.status, to: data.to } });
    await afterStatusChange(tx, actor, { detaineeId: detainee.id, activityId: activity.id, from: detainee.status, to: data.to });
  });
}
