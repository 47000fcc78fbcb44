// Notes and calls on a case timeline. A confidential body is encrypted into bodyEnc and the
// plaintext column stays null, so a database dump or backup never holds it (S18).
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { encryptField } from "@/lib/crypto/field";
import { newId } from "@/lib/db/new-id";
import { isViewer, type Actor } from "@/lib/auth/viewer";
import { assertCan } from "../authz";
import { findDetaineeForWrite } from "../custody/mutations";
import { addNoteSchema, type AddNoteInput } from "./schemas";

export async function addNote(actor: Actor, input: AddNoteInput): Promise<{ id: string; detaineeId: string }> {
  assertCan(actor, "detainee.update");
  const data = addNoteSchema.parse(input);
  return prisma().$transaction(async (tx) => {
    const detainee = await findDetaineeForWrite(tx, actor, data.detaineeId);
    const id = newId();
    const created = await tx.activity.create({
      data: {
        id, detaineeId: detainee.id, kind: data.kind, actorId: isViewer(actor) ? actor.id : null,
        isConfidential: data.isConfidential,
        body: data.isConfidential ? null : data.body,
        bodyEnc: data.isConfidential ? encryptField(data.body, { table: "Activity", id, field: "bodyEnc" }) : null,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "note.add", entityType: "Detainee", entityId: detainee.id,
      meta: { activityId: created.id, kind: data.kind, confidential: data.isConfidential },
    });
    return { id: created.id, detaineeId: detainee.id };
  });
}
