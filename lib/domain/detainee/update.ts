// Editing and archiving a case, with optimistic locking: the write happens only if the case is
// still at the version the editor loaded; otherwise the editor is told who changed what.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { encryptOptional } from "@/lib/crypto/field";
import { can } from "@/lib/auth/permissions";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { findDetaineeForWrite } from "../custody/mutations";
import { assertAssignable } from "./mutations";
import { buildSearchText } from "../names/search-text";
import { archiveDetaineeSchema, updateDetaineeSchema, type UpdateDetaineeInput } from "./schemas";
import { changedSince, editableSnapshot, SNAPSHOT_FIELDS } from "./snapshot";

/** Thrown on a stale version: who changed the case, when, and which fields (with their values). */
export class ConflictError extends AppError {
  constructor(readonly changedBy: string | null, readonly changedAt: Date, readonly changes: { field: string; value: string }[]) {
    super("CONFLICT", "Someone else saved this case while you were editing it. Your edits are still in the form; nothing was saved.");
  }
}

export async function updateDetainee(actor: Actor, input: UpdateDetaineeInput): Promise<{ version: number }> {
  assertCan(actor, "detainee.update");
  const d = updateDetaineeSchema.parse(input);
  if (d.familyContacts !== undefined && isViewer(actor) && !can(actor, "detainee.restricted.read")) {
    throw new AppError("FORBIDDEN", "Only the case's lawyers can change family contacts.");
  }
  return prisma().$transaction(async (tx) => {
    const found = await findDetaineeForWrite(tx, actor, d.detaineeId);
    const current = await tx.detainee.findUniqueOrThrow({ where: { id: found.id } });
    if (current.version !== d.version) {
      const last = await tx.auditLog.findFirst({
        where: { entityType: "Detainee", entityId: found.id, actorId: { not: null } },
        orderBy: { id: "desc" },
        select: { actorId: true },
      });
      const who = last?.actorId ? await tx.user.findUnique({ where: { id: last.actorId }, select: { displayName: true } }) : null;
      throw new ConflictError(who?.displayName ?? null, current.updatedAt, changedSince(d.base ?? {}, editableSnapshot(current)));
    }
    const next = {
      familyNameRoman: d.familyNameRoman, givenNameRoman: d.givenNameRoman, nameHangul: d.nameHangul, nameChinese: d.nameChinese,
      aliases: d.aliases, sex: d.sex, birthDate: d.birthDate?.date ?? null, birthDatePrecision: d.birthDate?.precision ?? null,
      estimatedAge: d.estimatedAge ?? null, homeProvince: d.homeProvince, arrestDate: d.arrestDate?.date ?? null,
      arrestDatePrecision: d.arrestDate?.precision ?? null, arrestPlace: d.arrestPlace, arrestAuthority: d.arrestAuthority,
      narrative: d.narrative, healthConcerns: d.healthConcerns, hasSouthKoreaLinks: d.hasSouthKoreaLinks,
    };
    const before = editableSnapshot(current);
    const after = editableSnapshot({ ...current, ...next });
    const fields: string[] = SNAPSHOT_FIELDS.filter((f) => before[f] !== after[f]);
    const contactsChanged = d.familyContacts !== undefined;
    if (contactsChanged) fields.push("familyContacts");
    if (d.assignedUserIds) {
      const wanted = [...new Set(d.assignedUserIds)];
      await assertAssignable(tx, current.teamId, wanted);
      const had = (await tx.detaineeAssignment.findMany({ where: { detaineeId: found.id }, select: { userId: true } })).map((a) => a.userId);
      if (had.length !== wanted.length || had.some((id) => !wanted.includes(id))) {
        await tx.detaineeAssignment.deleteMany({ where: { detaineeId: found.id, userId: { notIn: wanted } } });
        await tx.detaineeAssignment.createMany({ data: wanted.map((userId) => ({ detaineeId: found.id, userId })), skipDuplicates: true });
        fields.push("assignedLawyers");
      }
    }
    const updated = await tx.detainee.updateMany({
      where: { id: found.id, version: d.version },
      data: {
        ...next,
        searchText: buildSearchText({ ...next, caseNumber: current.caseNumber }),
        ...(contactsChanged ? { familyContactsEnc: encryptOptional(d.familyContacts, { table: "Detainee", id: found.id, field: "familyContactsEnc" }) } : {}),
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "Someone else saved this case at the same moment. Reload and try again.");
    await tx.activity.create({ data: { detaineeId: found.id, kind: "OTHER", actorId: isViewer(actor) ? actor.id : null, meta: { edited: fields } } });
    await recordAudit(tx, actor, { action: "detainee.update", entityType: "Detainee", entityId: found.id, meta: { fields } });
    return { version: d.version + 1 };
  });
}

/** Archived cases disappear from every list and page (scope excludes them) until purged or restored. */
export async function archiveDetainee(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, "detainee.archive");
  const d = archiveDetaineeSchema.parse(input);
  await prisma().$transaction(async (tx) => {
    const found = await findDetaineeForWrite(tx, actor, d.detaineeId);
    const updated = await tx.detainee.updateMany({ where: { id: found.id, version: d.version }, data: { archivedAt: new Date(), version: { increment: 1 } } });
    if (updated.count !== 1) throw new AppError("CONFLICT", "Someone else changed this case meanwhile. Reload it before archiving.");
    await tx.activity.create({ data: { detaineeId: found.id, kind: "OTHER", body: d.reason, actorId: isViewer(actor) ? actor.id : null, meta: { archived: true } } });
    await recordAudit(tx, actor, { action: "detainee.archive", entityType: "Detainee", entityId: found.id });
  });
}
