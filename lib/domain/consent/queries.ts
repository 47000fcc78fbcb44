import "server-only";
// The consent ledger of a case: what is in force per channel now, and the full history.
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { decryptOptional } from "@/lib/crypto/field";
import type { PartialDate } from "@/lib/dates/partial-date";
import { detaineeWhere } from "../detainee/scope";
import { activeConsent } from "./active";
import { consentSite } from "./site";
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
        id: true, channel: true, naming: true, givenBy: true, givenByName: true, givenByNameEnc: true, method: true, givenOn: true, givenOnPrecision: true,
        notes: true, notesEnc: true, revokedAt: true, revokedNote: true, recordedById: true, createdAt: true,
      },
    });
  const userIds = [...new Set(rows.map((r) => r.recordedById).filter((id): id is string => id !== null))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  // The giver's name and the notes are restricted (S10): decrypted only for roles with
  // detainee.restricted.read, and that view is audited; others learn only that something is withheld.
  const mayReadRestricted = can(viewer, "detainee.restricted.read");
  const hasRestricted = (r: (typeof rows)[number]) => Boolean(r.givenByNameEnc || r.givenByName || r.notesEnc || r.notes);
  if (mayReadRestricted && rows.some(hasRestricted)) {
    const fields = [
      rows.some((r) => r.givenByNameEnc || r.givenByName) ? "givenByName" : null,
      rows.some((r) => r.notesEnc || r.notes) ? "notes" : null,
    ].filter((f): f is string => f !== null);
    await db.$transaction((tx) => recordAudit(tx, viewer, { action: "consent.restricted.view", entityType: "Detainee", entityId: detaineeId, meta: { fields } }));
  }
  const history = rows.map(({ recordedById, givenByName, givenByNameEnc, notes, notesEnc, ...r }) => ({
    ...r,
    given: { date: r.givenOn, precision: r.givenOnPrecision } satisfies PartialDate,
    recordedBy: recordedById ? names.get(recordedById) ?? null : null,
    // Legacy plaintext (rows from before encryption, until keys:rotate moves them) reads the same way.
    restricted: mayReadRestricted
      ? {
          visible: true as const,
          givenByName: decryptOptional(givenByNameEnc, consentSite(r.id, "givenByNameEnc")) ?? givenByName,
          notes: decryptOptional(notesEnc, consentSite(r.id, "notesEnc")) ?? notes,
        }
      : { visible: false as const, withheld: Boolean(givenByNameEnc || givenByName || notesEnc || notes) },
  }));
  const now = new Date();
  return {
    current: CONSENT_CHANNELS.map((channel) => ({ channel, consent: activeConsent(history, channel, now) })),
    history,
  };
}
export type ConsentLedger = Awaited<ReturnType<typeof listConsents>>;
export type ConsentRow = ConsentLedger["history"][number];
