// The deadline job: run daily (or more often — it is idempotent). For every open petition it
// notifies the author and the team's lawyers of each deadline due within a week or already
// overdue, once per deadline (the dedupe key carries the due date, so a moved deadline notifies
// again), and refreshes the stored next deadline that the list sorts on.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { SystemActor } from "@/lib/auth/viewer";
import { notifyUsers, type NotificationInput } from "../notification/notify";
import { nextDeadline, petitionDeadlines } from "./deadlines";
import { dayOf, deadlineInputOf, disappearanceSelect, latestDisappearance } from "./mutations-common";
import { FINAL_STATUSES } from "./workflow";

const NOTICE_DAYS = 7;
// Keyset batches: 50,000 open petitions must be neither one result set nor one transaction.
const BATCH = 500;
const DAY_MS = 86_400_000;
const JOB: SystemActor = { system: "petition-deadlines" };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Notice = { teamId: string; authorId: string | null; input: NotificationInput };

/** Creates the due notices; returns how many were created (0 on a repeat run the same day). */
export async function notifyDueDeadlines(now: Date): Promise<number> {
  const today = dayOf(now);
  const horizon = today.getTime() + NOTICE_DAYS * DAY_MS;
  let created = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await prisma().petition.findMany({
      where: { archivedAt: null, status: { notIn: [...FINAL_STATUSES] }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: {
        id: true, teamId: true, kind: true, status: true, title: true, authorId: true, createdAt: true, responseDueOn: true,
        submittedOn: true, transmittedOn: true, acknowledgedOn: true, responseReceivedOn: true,
        author: { select: { disabledAt: true } },
        detainees: disappearanceSelect,
      },
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    // The deadline rules are pure: work them out before the transaction opens, so it stays short.
    const refresh: { id: string; due: string | null }[] = [];
    const notices: Notice[] = [];
    for (const p of rows) {
      const input = deadlineInputOf(p, latestDisappearance(p.detainees));
      const next = nextDeadline(input, today)?.due ?? null;
      if ((next?.getTime() ?? null) !== (p.responseDueOn?.getTime() ?? null)) refresh.push({ id: p.id, due: next ? isoDay(next) : null });
      for (const d of petitionDeadlines(input, today)) {
        if (d.due.getTime() > horizon) continue;
        notices.push({
          teamId: p.teamId,
          authorId: p.authorId && !p.author?.disabledAt ? p.authorId : null,
          input: {
            kind: "DEADLINE_APPROACHING", messageKey: "notifications.deadlineApproaching", params: { title: p.title, due: isoDay(d.due) },
            href: `/petitions/${p.id}`, dedupeKey: `petition:${p.id}:deadline:${d.key}:${isoDay(d.due)}`,
          },
        });
      }
    }
    if (refresh.length || notices.length) created += await writeBatch(refresh, notices, rows.length);
    if (rows.length < BATCH) break;
  }
  return created;
}

async function writeBatch(refresh: { id: string; due: string | null }[], notices: Notice[], checked: number): Promise<number> {
  return prisma().$transaction(
    async (tx) => {
      if (refresh.length) {
        // A derived column: no version bump (an editor's save must not conflict with the job) and updatedAt untouched.
        await tx.$executeRaw`
          UPDATE "Petition" AS p SET "responseDueOn" = u.due::date
          FROM unnest(${refresh.map((r) => r.id)}::text[], ${refresh.map((r) => r.due)}::text[]) AS u(id, due)
          WHERE p."id" = u.id`;
      }
      const teamIds = [...new Set(notices.map((n) => n.teamId))];
      const members = teamIds.length
        ? await tx.teamMembership.findMany({ where: { teamId: { in: teamIds }, user: { role: "LAWYER", disabledAt: null } }, select: { teamId: true, userId: true } })
        : [];
      // Most days most notices already exist: one lookup skips them instead of one insert each.
      const recipients = [...new Set([...members.map((m) => m.userId), ...notices.flatMap((n) => (n.authorId ? [n.authorId] : []))])];
      const sent = notices.length
        ? await tx.notification.findMany({
            where: { userId: { in: recipients }, dedupeKey: { in: notices.map((n) => n.input.dedupeKey) } },
            select: { dedupeKey: true, userId: true },
          })
        : [];
      const done = new Set(sent.map((s) => `${s.userId} ${s.dedupeKey}`));
      let count = 0;
      for (const n of notices) {
        const lawyers = members.filter((m) => m.teamId === n.teamId).map((m) => m.userId);
        const due = (n.authorId ? [...lawyers, n.authorId] : lawyers).filter((u) => !done.has(`${u} ${n.input.dedupeKey}`));
        if (due.length) count += await notifyUsers(tx, due, n.input);
      }
      if (count > 0 || refresh.length > 0) {
        await recordAudit(tx, JOB, { action: "petition.deadline.notify", entityType: "Petition", meta: { notices: count, refreshed: refresh.length, checked } });
      }
      return count;
    },
    // Up to BATCH notices of a few milliseconds each; the default 5 s is too tight on a loaded server.
    { timeout: 60_000 },
  );
}
