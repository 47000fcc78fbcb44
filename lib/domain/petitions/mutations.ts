// Creating and editing petitions. Each write is one transaction with its audit row; edits are
// optimistic-locked on Petition.version so two people editing one draft never silently overwrite
// each other. Workflow moves live in mutations-workflow.ts.
import { prisma, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { detaineeWhere } from "../detainee/scope";
import { nextDeadline } from "./deadlines";
import { draftPetition, type DraftResult } from "./draft";
import { getTemplate } from "./templates";
import {
  addTimelineEntries, assertVersion, dayOf, deadlineInputOf, disappearedOnFor, findPetitionForWrite, readContent, updateAtVersion,
  type PetitionForWrite,
} from "./mutations-common";
import {
  createPetitionSchema, regenerateSchema, updateSectionSchema, updateTitleSchema,
  type CreatePetitionInput, type RegenerateInput, type UpdateSectionInput, type UpdateTitleInput,
} from "./schemas";
import type { PetitionContent } from "./types";
import { canEditPetition } from "./workflow";

/** Bumped when the stored section layout changes shape. */
const CONTENT_VERSION = 1;

function contentOf(draft: DraftResult, now: Date): PetitionContent {
  return {
    templateVersion: CONTENT_VERSION,
    generatedAt: now.toISOString(),
    title: draft.title,
    sections: draft.sections.map((s) => ({ key: s.key, heading: s.heading, body: s.body, generatedBody: s.body, edited: false })),
  };
}

/** The team a new petition belongs to: its detainees' one team, or the team given for a letter naming no one. */
async function resolveTeam(tx: Tx, viewer: Viewer, detaineeIds: string[], teamId: string | undefined): Promise<string> {
  const found = detaineeIds.length
    ? await tx.detainee.findMany({ where: { AND: [{ id: { in: detaineeIds } }, detaineeWhere(viewer)] }, select: { teamId: true } })
    : [];
  if (found.length !== detaineeIds.length) throw new AppError("NOT_FOUND", "Case not found.");
  const teams = [...new Set(found.map((d) => d.teamId))];
  if (teams.length > 1) throw new AppError("INVALID", "Everyone named in one petition must belong to the same team.", { detaineeIds: ["differentTeams"] });
  if (teamId && teams[0] && teamId !== teams[0]) throw new AppError("INVALID", "These cases belong to another team.", { teamId: ["differentTeams"] });
  const chosen = teamId ?? teams[0];
  if (!chosen) throw new AppError("INVALID", "Choose the team this letter is sent for.", { teamId: ["required"] });
  return chosen;
}

export async function createPetition(viewer: Viewer, input: CreatePetitionInput, now: Date = new Date()): Promise<{ id: string }> {
  assertCan(viewer, "petition.draft");
  const data = createPetitionSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const teamId = await resolveTeam(tx, viewer, data.detaineeIds, data.teamId);
    // draftPetition re-checks the team and every detainee against the viewer's scope.
    const draft = await draftPetition(tx, viewer, { kind: data.kind, teamId, detaineeIds: data.detaineeIds, language: data.language, now });
    const content = contentOf(draft, now);
    const base = { kind: data.kind, status: "DRAFT" as const, createdAt: now, submittedOn: null, transmittedOn: null, acknowledgedOn: null, responseReceivedOn: null };
    const due = nextDeadline(deadlineInputOf(base, await disappearedOnFor(tx, data.detaineeIds)), dayOf(now));
    const created = await tx.petition.create({
      data: {
        teamId, kind: data.kind, language: getTemplate(data.kind).language, title: draft.title,
        content: content as unknown as Prisma.InputJsonValue, status: "DRAFT", authorId: viewer.id, createdAt: now,
        responseDueOn: due?.due ?? null,
        detainees: { create: data.detaineeIds.map((detaineeId) => ({ detaineeId })) },
        transitions: { create: { fromStatus: null, toStatus: "DRAFT", actorId: viewer.id, at: now } },
      },
      select: { id: true },
    });
    await addTimelineEntries(tx, viewer, data.detaineeIds, { event: "petition.create", petitionId: created.id, kind: data.kind });
    await recordAudit(tx, viewer, { action: "petition.create", entityType: "Petition", entityId: created.id, meta: { kind: data.kind, teamId, detaineeIds: data.detaineeIds } });
    return created;
  });
}

async function findEditable(tx: Tx, viewer: Viewer, id: string, version: number): Promise<PetitionForWrite> {
  const petition = await findPetitionForWrite(tx, viewer, id);
  await assertVersion(tx, petition, version);
  if (!canEditPetition(petition, viewer)) {
    throw new AppError("INVALID", "This petition can no longer be edited. Reopen it as a draft first.", { status: ["notEditable"] });
  }
  return petition;
}

export async function updatePetitionSection(viewer: Viewer, input: UpdateSectionInput): Promise<{ version: number }> {
  assertCan(viewer, "petition.draft");
  const data = updateSectionSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const petition = await findEditable(tx, viewer, data.id, data.version);
    const content = readContent(petition);
    const section = content.sections.find((s) => s.key === data.key);
    if (!section) throw new AppError("INVALID", "This section no longer exists. Reload the petition.", { key: ["unknownSection"] });
    section.body = data.body;
    // Edited means "differs from what was generated": typing the generated text back clears it.
    section.edited = data.body !== section.generatedBody;
    const version = await updateAtVersion(tx, petition, { content: content as unknown as Prisma.InputJsonValue });
    await recordAudit(tx, viewer, { action: "petition.section.update", entityType: "Petition", entityId: petition.id, meta: { section: data.key, edited: section.edited } });
    return { version };
  });
}

export async function updatePetitionTitle(viewer: Viewer, input: UpdateTitleInput): Promise<{ version: number }> {
  assertCan(viewer, "petition.draft");
  const data = updateTitleSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const petition = await findEditable(tx, viewer, data.id, data.version);
    const content = { ...readContent(petition), title: data.title };
    const version = await updateAtVersion(tx, petition, { title: data.title, content: content as unknown as Prisma.InputJsonValue });
    await recordAudit(tx, viewer, { action: "petition.title.update", entityType: "Petition", entityId: petition.id });
    return { version };
  });
}

/** Asked before a regenerate would throw away hand edits; carries the edited sections' headings. */
export class OverwriteEditsError extends AppError {
  constructor(readonly editedSections: { key: string; heading: string }[]) {
    super("CONFLICT", "Regenerating replaces the sections you edited. Confirm to overwrite them.", { editedSections: editedSections.map((s) => s.heading) });
  }
}

/** Re-renders every section from the current case data; sections the template no longer has go. */
export async function regeneratePetition(viewer: Viewer, input: RegenerateInput, now: Date = new Date()): Promise<{ version: number }> {
  assertCan(viewer, "petition.draft");
  const data = regenerateSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const petition = await findEditable(tx, viewer, data.id, data.version);
    const edited = readContent(petition).sections.filter((s) => s.edited);
    if (edited.length > 0 && !data.confirmOverwrite) throw new OverwriteEditsError(edited.map((s) => ({ key: s.key, heading: s.heading })));
    const detaineeIds = petition.detainees.map((d) => d.detaineeId);
    const draft = await draftPetition(tx, viewer, { kind: petition.kind, teamId: petition.teamId, detaineeIds, now });
    const content = contentOf(draft, now);
    const version = await updateAtVersion(tx, petition, { title: draft.title, content: content as unknown as Prisma.InputJsonValue });
    await recordAudit(tx, viewer, {
      action: "petition.regenerate", entityType: "Petition", entityId: petition.id,
      meta: { overwritten: edited.map((s) => s.key), sections: content.sections.map((s) => s.key) },
    });
    return { version };
  });
}
