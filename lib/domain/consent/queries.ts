import "server-only";
// The consent ledger of a case: what is in force per channel now, and the full history.
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import type { PartialDate } from "@/lib/dates/partial-date";
import { detaineeWhere } from "../detainee/scope";
import { activeConsent } from "./active";
import { CONSENT_CHANNELS } from "./schemas";

const MAX_ROWS = 500;

export async function listConsents(viewer: Viewer, detaineeId: string) {
  const db = prisma();
  const where = { detaineeId, detainee: detaineeWhere(viewer) };
  const rows = await db.consent.findMany({
      where,
      orderBy: [{ givenOn: "desc" }, { createdAt: "desc" }],
      take: MAX_ROWS,
      select: {
        id: true, channel: true, naming: true, givenBy: true, givenByName: true, method: true, givenOn: true, givenOnPrecision: true,
        notes: true, revokedAt: true, revokedNote: true, recordedById: true, createdAt: true,
      },
    });
  const userIds = [...new Set(rows.map((r) => r.recordedById).filter((id): id is string => id !== null))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const history = rows.map(({ recordedById, ...r }) => ({
    ...r,
    given: { date: r.givenOn, precision: r.givenOnPrecision } satisfies PartialDate,
    recordedBy: recordedById ? names.get(recordedById) ?? null : null,
  }));
  const now = new Date();
  return {
    current: CONSENT_CHANNELS.map((channel) => ({ channel, consent: activeConsent(history, channel, now) })),
    history,
  };
}
export type ConsentLedger = Awaited<ReturnType<typeof listConsents>>;
export type ConsentRow = ConsentLedger["history"][number];
