// What a change to a risk input sets off, inside the same transaction: rescoring (./refresh) and
// the notices of PRODUCT.md §3 (a return recorded where our clients are held; a case's status
// changed). The person who made the change is not notified of their own act.
import type { Tx } from "@/lib/db/client";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { notifyUsers } from "@/lib/domain/notification/notify";
import { caseFollowers, refreshRisk } from "./refresh";

const others = (ids: string[], actor: Actor) => (isViewer(actor) ? ids.filter((id) => id !== actor.id) : ids);

/** Facilities an event bears on: its own, or — for an event known only by province — that province's. */
async function eventFacilityIds(tx: Tx, facilityIds: (string | null)[], provinces: (string | null)[]): Promise<string[]> {
  const ids = new Set(facilityIds.filter((id): id is string => !!id));
  const names = provinces.filter((p): p is string => !!p);
  if (names.length > 0) {
    const inProvince = await tx.detentionFacility.findMany({ where: { archivedAt: null, province: { in: names, mode: "insensitive" } }, select: { id: true } });
    for (const f of inProvince) ids.add(f.id);
  }
  return [...ids];
}

/** After an event is recorded or edited: rescore, and tell the teams whose clients are held at its facility. */
export async function afterEventChange(tx: Tx, actor: Actor, event: { id: string; facilityIds: (string | null)[]; provinces: (string | null)[] }): Promise<void> {
  await refreshRisk(tx, { facilityIds: await eventFacilityIds(tx, event.facilityIds, event.provinces) });
  const current = await tx.repatriationEvent.findUnique({
    where: { id: event.id },
    select: { date: true, datePrecision: true, verification: true, reportedMin: true, reportedMax: true, archivedAt: true, facility: { select: { id: true, nameEn: true, nameLocal: true } } },
  });
  if (!current?.facility || current.archivedAt) return;
  // The teams, not the people: thousands may be held there.
  const held = await tx.$queryRaw<{ teamId: string }[]>`
    SELECT DISTINCT d."teamId" FROM "CustodyPeriod" c JOIN "Detainee" d ON d.id = c."detaineeId"
    WHERE c."facilityId" = ${current.facility.id} AND c."toDate" IS NULL AND d."archivedAt" IS NULL`;
  const teamIds = held.map((d) => d.teamId);
  if (teamIds.length === 0) return;
  const members = await tx.teamMembership.findMany({ where: { teamId: { in: teamIds }, user: { disabledAt: null } }, select: { userId: true } });
  await notifyUsers(tx, others(members.map((m) => m.userId), actor), {
    kind: "REPATRIATION_AT_FACILITY",
    messageKey: "repatriationAtFacility",
    params: {
      facility: current.facility.nameEn,
      date: current.date.toISOString().slice(0, 10),
      precision: current.datePrecision,
      verification: current.verification,
      count: current.reportedMin ?? current.reportedMax ?? 0,
    },
    href: `/events/${event.id}`,
    // One notice per event and facility: editing the event again does not repeat it.
    dedupeKey: `event:${event.id}:facility:${current.facility.id}`,
  });
}

/** After a case's status changed: rescore it and tell its lawyers. */
export async function afterStatusChange(tx: Tx, actor: Actor, change: { detaineeId: string; activityId: string; from: string; to: string }): Promise<void> {
  await refreshRisk(tx, { detaineeIds: [change.detaineeId] });
  const d = await tx.detainee.findUniqueOrThrow({ where: { id: change.detaineeId }, select: { teamId: true, caseNumber: true } });
  await notifyUsers(tx, others(await caseFollowers(tx, change.detaineeId, d.teamId), actor), {
    kind: "STATUS_CHANGED",
    messageKey: "statusChanged",
    params: { caseNumber: d.caseNumber, from: change.from, to: change.to },
    href: `/detainees/${change.detaineeId}`,
    dedupeKey: `status:${change.activityId}`,
  });
}
