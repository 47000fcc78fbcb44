// The consent ledger. Rows are never edited or deleted: a revocation stamps revokedAt and a note
// on the row, so the history of who agreed to what, when and how stays complete.
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/db/new-id";
import { encryptOptional } from "@/lib/crypto/field";
import { recordAudit } from "@/lib/audit/record";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { assertCan } from "../authz";
import { findDetaineeForWrite } from "../custody/mutations";
import { detaineeWhere } from "../detainee/scope";
import { consentSite } from "./site";
import { recordConsentSchema, revokeConsentSchema, type RecordConsentInput, type RevokeConsentInput } from "./schemas";

type Result = { id: string; detaineeId: string };

export async function recordConsent(actor: Actor, input: RecordConsentInput): Promise<Result> {
  assertCan(actor, "detainee.update");
  const data = recordConsentSchema.parse(input);
  if (data.givenOn.date.getTime() > Date.now()) throw new AppError("INVALID", "Consent cannot be given in the future.", { givenOn: ["futureDate"] });
  return prisma().$transaction(async (tx) => {
    const detainee = await findDetaineeForWrite(tx, actor, data.detaineeId);
    // The giver's name and the notes are restricted: encrypted, bound to this row (S18); the
    // legacy plaintext columns stay null.
    const id = newId();
    const created = await tx.consent.create({
      data: {
        id, detaineeId: detainee.id, channel: data.channel, naming: data.naming, givenBy: data.givenBy,
        givenByNameEnc: encryptOptional(data.givenBy === "DETAINEE" ? null : data.givenByName, consentSite(id, "givenByNameEnc")), method: data.method,
        givenOn: data.givenOn.date, givenOnPrecision: data.givenOn.precision, notesEnc: encryptOptional(data.notes, consentSite(id, "notesEnc")),
        recordedById: isViewer(actor) ? actor.id : null,
      },
      select: { id: true },
    });
    await tx.activity.create({
      data: {
        detaineeId: detainee.id, kind: "CONSENT", actorId: isViewer(actor) ? actor.id : null,
        meta: { event: "recorded", consentId: created.id, channel: data.channel, naming: data.naming },
      },
    });
    await recordAudit(tx, actor, {
      action: "consent.record", entityType: "Consent", entityId: created.id,
      meta: { detaineeId: detainee.id, channel: data.channel, naming: data.naming, givenBy: data.givenBy, method: data.method },
    });
    return { id: created.id, detaineeId: detainee.id };
  });
}

export async function revokeConsent(actor: Actor, input: RevokeConsentInput): Promise<Result> {
  assertCan(actor, "detainee.update");
  const data = revokeConsentSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const scope = isViewer(actor) ? { detainee: detaineeWhere(actor) } : {};
    const consent = await tx.consent.findFirst({ where: { AND: [{ id: data.consentId }, scope] }, select: { id: true, detaineeId: true, channel: true } });
    if (!consent) throw new AppError("NOT_FOUND", "Consent not found.");
    // Conditional update: two people revoking at once cannot both stamp the row.
    const updated = await tx.consent.updateMany({ where: { id: consent.id, revokedAt: null }, data: { revokedAt: new Date(), revokedNote: data.revokedNote } });
    if (updated.count === 0) throw new AppError("CONFLICT", "This consent has already been revoked.", { consentId: ["alreadyRevoked"] });
    await tx.activity.create({
      data: { detaineeId: consent.detaineeId, kind: "CONSENT", actorId: isViewer(actor) ? actor.id : null, meta: { event: "revoked", consentId: consent.id, channel: consent.channel } },
    });
    await recordAudit(tx, actor, { action: "consent.revoke", entityType: "Consent", entityId: consent.id, meta: { detaineeId: consent.detaineeId, channel: consent.channel } });
    return { id: consent.id, detaineeId: consent.detaineeId };
  });
}
