// What a purge does to petitions. A petition about the purged person alone goes with the case
// (with its history and files). A petition that also covers people whose cases remain is their
// record too, so it stays: the link is removed, every full form of the purged person's name and
// their case number is replaced in its title, content and history notes, and its generated
// exports (which print the name) are deleted; they can be generated again. Uploaded UN replies
// are kept — the team may still need them for the others — which docs/security.md lists as a
// known limit, like partial mentions (initials, a family name alone) in free text.
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const PURGED_MARK = "[purged]";

type NameForms = {
  caseNumber: string;
  familyNameRoman: string | null;
  givenNameRoman: string | null;
  nameHangul: string | null;
  nameChinese: string | null;
  aliases: string[];
};

/** Full name forms only: a family name alone ("Kim") would also erase other people's names. */
export function nameFormsToRedact(d: NameForms): string[] {
  const family = d.familyNameRoman?.trim();
  const given = d.givenNameRoman?.trim();
  const forms = [d.caseNumber, d.nameHangul, d.nameChinese, ...d.aliases];
  if (family && given) forms.push(`${family} ${given}`, `${given} ${family}`, `${family.toUpperCase()} ${given}`, `${family}, ${given}`);
  return [...new Set(forms.map((f) => f?.trim()).filter((f): f is string => Boolean(f && f.length >= 2)))].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, forms: string[]): string {
  let out = text;
  for (const form of forms) out = out.split(form).join(PURGED_MARK);
  return out;
}

/** Redacts every string inside a JSON value (keys included: content may be keyed by name). */
export function redactJson(value: Prisma.JsonValue, forms: string[]): Prisma.JsonValue {
  if (typeof value === "string") return redactText(value, forms);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, forms));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k, forms), redactJson(v ?? null, forms)]));
  }
  return value;
}

export type PetitionPurge = { deleted: number; redacted: number; fileKeys: string[] };

export async function purgePetitionsOf(tx: Tx, detaineeId: string, forms: string[]): Promise<PetitionPurge> {
  const links = await tx.petitionDetainee.findMany({
    where: { detaineeId },
    select: { petition: { select: { id: true, title: true, content: true, _count: { select: { detainees: true } }, files: { select: { storageKey: true, kind: true } } } } },
  });
  const out: PetitionPurge = { deleted: 0, redacted: 0, fileKeys: [] };
  for (const { petition } of links) {
    if (petition._count.detainees <= 1) {
      out.fileKeys.push(...petition.files.map((f) => f.storageKey));
      await tx.petition.delete({ where: { id: petition.id } });
      out.deleted += 1;
      continue;
    }
    const exports = petition.files.filter((f) => f.kind !== "UPLOAD");
    out.fileKeys.push(...exports.map((f) => f.storageKey));
    await tx.petitionFile.deleteMany({ where: { petitionId: petition.id, kind: { not: "UPLOAD" } } });
    await tx.petitionDetainee.delete({ where: { petitionId_detaineeId: { petitionId: petition.id, detaineeId } } });
    await tx.petition.update({
      where: { id: petition.id },
      data: { title: redactText(petition.title, forms), content: redactJson(petition.content, forms) as Prisma.InputJsonValue, version: { increment: 1 } },
    });
    const notes = await tx.petitionTransition.findMany({ where: { petitionId: petition.id, note: { not: null } }, select: { id: true, note: true } });
    for (const t of notes) {
      const note = redactText(t.note!, forms);
      if (note !== t.note) await tx.petitionTransition.update({ where: { id: t.id }, data: { note } });
    }
    out.redacted += 1;
  }
  return out;
}
