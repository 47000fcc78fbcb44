import "server-only";
import { cache } from "react";
// Petition reads. Every query ANDs petitionWhere(viewer) and selects only what the screens show.
// Nothing restricted is ever selected here (family contacts, sources, confidential narrative):
// the petition's own text was generated without them (case-data.ts).
//
// Sorting by deadline uses the stored Petition.responseDueOn, which holds the petition's next
// deadline (refreshed at every transition and by the daily deadline job). A deadline computed
// per row cannot be sorted or paged in SQL; with 50,000 petitions the list must be.
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import { detaineeWhere } from "../detainee/scope";
import { nextDeadline, petitionDeadlines } from "./deadlines";
import { checkPetition } from "./draft";
import { dayOf, deadlineInputOf, disappearanceSelect, latestDisappearance, readContent } from "./mutations-common";
import { listPetitionsSchema, type ListPetitionsFilters } from "./schemas";
import { petitionWhere } from "./scope";
import type { RequiredElementCheck } from "./types";
import { allowedTransitions, canEditPetition, canExportPetition, FINAL_STATUSES } from "./workflow";

export const PETITION_PAGE_SIZE = 25;
const DAY_MS = 86_400_000;

const ORDER: Record<ListPetitionsFilters["sort"], Prisma.PetitionOrderByWithRelationInput[]> = {
  deadline: [{ responseDueOn: { sort: "asc", nulls: "last" } }, { updatedAt: "desc" }, { id: "asc" }],
  updated: [{ updatedAt: "desc" }, { id: "asc" }],
  created: [{ createdAt: "desc" }, { id: "asc" }],
};

function dueWhere(due: ListPetitionsFilters["due"], today: Date): Prisma.PetitionWhereInput {
  if (!due) return {};
  const open = { status: { notIn: [...FINAL_STATUSES] } };
  if (due === "overdue") return { ...open, responseDueOn: { lt: today } };
  const days = due === "week" ? 7 : 30;
  return { ...open, responseDueOn: { gte: today, lte: new Date(today.getTime() + days * DAY_MS) } };
}

const deadlineFields = {
  kind: true, status: true, createdAt: true, submittedOn: true, transmittedOn: true, acknowledgedOn: true, responseReceivedOn: true,
} as const;

export async function listPetitions(viewer: Viewer, input: Partial<Record<keyof ListPetitionsFilters, unknown>> = {}, now: Date = new Date()) {
  const filters = listPetitionsSchema.parse(input);
  const today = dayOf(now);
  const where: Prisma.PetitionWhereInput = {
    AND: [
      petitionWhere(viewer),
      filters.status ? { status: filters.status } : {},
      filters.kind ? { kind: filters.kind } : {},
      filters.teamId ? { teamId: filters.teamId } : {},
      dueWhere(filters.due, today),
    ],
  };
  const db = prisma();
  const [total, rows] = await Promise.all([
    db.petition.count({ where }),
    db.petition.findMany({
      where,
      orderBy: ORDER[filters.sort],
      skip: (filters.page - 1) * PETITION_PAGE_SIZE,
      take: PETITION_PAGE_SIZE,
      select: {
        id: true, title: true, responseDueOn: true, updatedAt: true, unReference: true, ...deadlineFields,
        team: { select: { id: true, name: true } },
        author: { select: { displayName: true } },
        _count: { select: { detainees: true } },
        detainees: disappearanceSelect,
      },
    }),
  ]);
  return {
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / PETITION_PAGE_SIZE)),
    rows: rows.map(({ detainees, team, author, _count, ...r }) => ({
      ...r,
      teamName: team.name,
      authorName: author?.displayName ?? null,
      detaineeCount: _count.detainees,
      nextDeadline: nextDeadline(deadlineInputOf(r, latestDisappearance(detainees)), today),
    })),
  };
}
export type PetitionListRow = Awaited<ReturnType<typeof listPetitions>>["rows"][number];

function displayName(d: { caseNumber: string; nameHangul: string | null; familyNameRoman: string | null; givenNameRoman: string | null }): string {
  const roman = [d.familyNameRoman, d.givenNameRoman].filter(Boolean).join(" ");
  return d.nameHangul ?? (roman || d.caseNumber);
}

/** One petition, or null when it does not exist for this viewer (→ 404). Memoised per request. */
export const getPetition = cache(async (viewer: Viewer, petitionId: string, now: Date = new Date()) => {
  const db = prisma();
  const p = await db.petition.findFirst({
    where: { AND: [{ id: petitionId }, petitionWhere(viewer)] },
    select: {
      id: true, title: true, version: true, language: true, content: true, authorId: true, updatedAt: true, ...deadlineFields,
      unReference: true, submittedVia: true, responseDueOn: true, closedOn: true, withdrawnReason: true,
      approvedAt: true, approvalOverrideReason: true,
      team: { select: { id: true, name: true } },
      author: { select: { id: true, displayName: true } },
      approver: { select: { id: true, displayName: true } },
      detainees: {
        where: { detainee: detaineeWhere(viewer, { includeArchived: true }) },
        select: { detainee: { select: { id: true, caseNumber: true, nameHangul: true, familyNameRoman: true, givenNameRoman: true, status: true } } },
      },
      transitions: { orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true, fromStatus: true, toStatus: true, actorId: true, note: true, at: true } },
      files: { orderBy: { createdAt: "desc" }, select: { id: true, kind: true, fileName: true, mimeType: true, sizeBytes: true, sha256: true, createdById: true, createdAt: true } },
    },
  });
  if (!p) return null;
  const userIds = [...new Set([...p.transitions.map((t) => t.actorId), ...p.files.map((f) => f.createdById)].filter((id): id is string => !!id))];
  const [users, gone] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }) : [],
    db.petitionDetainee.findMany({ where: { petitionId: p.id, ...disappearanceSelect.where }, select: disappearanceSelect.select }),
  ]);
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
  const today = dayOf(now);
  const input = deadlineInputOf(p, latestDisappearance(gone));
  const { content, detainees, transitions, files, authorId, ...rest } = p;
  return {
    ...rest,
    content: readContent({ content }),
    detainees: detainees.map(({ detainee: d }) => ({ id: d.id, caseNumber: d.caseNumber, status: d.status, displayName: displayName(d) })),
    transitions: transitions.map(({ actorId, ...t }) => ({ ...t, actorName: actorId ? (nameOf.get(actorId) ?? null) : null })),
    files: files.map(({ createdById, ...f }) => ({ ...f, createdByName: createdById ? (nameOf.get(createdById) ?? null) : null })),
    deadlines: petitionDeadlines(input, today),
    nextDeadline: nextDeadline(input, today),
    allowedTransitions: allowedTransitions({ status: p.status, authorId }, viewer),
    canEdit: canEditPetition(p, viewer),
    canExport: canExportPetition(viewer),
    canUpload: can(viewer, "petition.file.upload"),
  };
});
export type PetitionDetail = NonNullable<Awaited<ReturnType<typeof getPetition>>>;

/** The dashboard's next deadlines across the viewer's open petitions, soonest (or most overdue) first. */
export async function upcomingPetitionDeadlines(viewer: Viewer, limit = 10, now: Date = new Date()) {
  const today = dayOf(now);
  const rows = await prisma().petition.findMany({
    where: { AND: [petitionWhere(viewer), { status: { notIn: [...FINAL_STATUSES] }, responseDueOn: { not: null } }] },
    orderBy: [{ responseDueOn: "asc" }, { id: "asc" }],
    take: Math.min(Math.max(1, limit), 100),
    select: { id: true, title: true, responseDueOn: true, ...deadlineFields, detainees: disappearanceSelect },
  });
  return rows.flatMap(({ detainees, ...r }) => {
    const deadline = nextDeadline(deadlineInputOf(r, latestDisappearance(detainees)), today);
    return deadline ? [{ id: r.id, title: r.title, kind: r.kind, status: r.status, deadline }] : [];
  });
}

/** The completeness panel: every required element (and consent) against the case data as it is now; null outside scope. */
export async function getPetitionChecks(viewer: Viewer, petitionId: string, now: Date = new Date()): Promise<RequiredElementCheck[] | null> {
  const db = prisma();
  const p = await db.petition.findFirst({
    where: { AND: [{ id: petitionId }, petitionWhere(viewer)] },
    select: { kind: true, teamId: true, detainees: { select: { detaineeId: true } } },
  });
  if (!p) return null;
  return checkPetition(db, viewer, { kind: p.kind, teamId: p.teamId, detaineeIds: p.detainees.map((d) => d.detaineeId), now });
}
