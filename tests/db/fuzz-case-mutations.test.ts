// S12/S11 on both engines: hostile input to every case-file write (the domain entry points of
// app/(app)/detainees/**/actions.ts) is refused as AppError/ZodError, writes nothing, and never
// reaches the user as a stack or SQL; a smuggled key (role, teamId, createdById…) is refused.
import { afterAll, beforeAll, describe, it } from "vitest";
import { createDetainee, changeDetaineeStatus } from "@/lib/domain/detainee/mutations";
import { archiveDetainee, updateDetainee } from "@/lib/domain/detainee/update";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { createIndicator } from "@/lib/domain/indicator/mutations";
import { recordConsent, revokeConsent } from "@/lib/domain/consent/mutations";
import { addNote } from "@/lib/domain/note/mutations";
import { addSource, removeSource, updateSource } from "@/lib/domain/source/mutations";
import { archiveAttachment } from "@/lib/domain/attachment/mutations";
import { assertHostileInputsRefusedCleanly, assertSmuggledKeysRefused, buildWorld, currentVersion, type World } from "./fuzz-world";

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(async () => w?.db.close());

type Target = [name: string, call: (input: never) => Promise<unknown>, base: () => Record<string, unknown> | Promise<Record<string, unknown>>];

// Valid inputs; the fuzzer breaks one or more of their fields, or adds one.
const targets: Target[] = [
  ["createDetainee", (i) => createDetainee(w.caseworker, i), () => ({ teamId: w.teamId, familyNameRoman: "Pak", nameHangul: "박", status: "DETAINED", aliases: ["P"], estimatedAge: 30, birthDate: "1990", narrative: "n", familyContacts: "c", hasSouthKoreaLinks: false, sex: "MALE" })],
  ["updateDetainee", (i) => updateDetainee(w.lawyer, i), async () => ({ detaineeId: w.detaineeId, version: await currentVersion(w, "detainee", w.detaineeId), nameHangul: "김영희", narrative: "edited", aliases: [], base: { narrative: "" } })],
  ["changeDetaineeStatus", (i) => changeDetaineeStatus(w.lawyer, i), async () => ({ detaineeId: w.detaineeId, to: "RELEASED", note: "Released", date: "2026-11", version: await currentVersion(w, "detainee", w.detaineeId) })],
  ["archiveDetainee", (i) => archiveDetainee(w.lawyer, i), async () => ({ detaineeId: w.spareDetaineeId, version: await currentVersion(w, "detainee", w.spareDetaineeId), reason: "duplicate" })],
  ["addCustodyPeriod", (i) => addCustodyPeriod(w.caseworker, i), () => ({ detaineeId: w.detaineeId, facilityId: w.facilityId, from: "2026-01", to: "2026-02", howKnown: "family", confidence: "LOW" })],
  ["createIndicator", (i) => createIndicator(w.caseworker, i), () => ({ type: "SUPPLIES_REFUSED", detaineeId: w.detaineeId, observedOn: "2026-10", confidence: "HIGH", description: "d" })],
  ["recordConsent", (i) => recordConsent(w.lawyer, i), () => ({ detaineeId: w.detaineeId, channel: "UNHCR", naming: "INITIALS", givenBy: "RELATIVE", givenByName: "Sister", method: "PHONE", givenOn: "2026-10-02", notes: "n" })],
  ["revokeConsent", (i) => revokeConsent(w.lawyer, i), () => ({ consentId: w.consentId, revokedNote: "withdrawn by phone" })],
  ["addNote", (i) => addNote(w.caseworker, i), () => ({ detaineeId: w.detaineeId, kind: "CALL", body: "Called the family", isConfidential: false })],
  ["addSource", (i) => addSource(w.lawyer, i), () => ({ detaineeId: w.detaineeId, kind: "MEDIA", label: "Reporter", identity: "id", contact: "c", confidentiality: "INTERNAL" })],
  ["updateSource", (i) => updateSource(w.lawyer, i), () => ({ sourceId: w.sourceId, kind: "MEDIA", label: "Reporter", identity: "id", contact: "c", confidentiality: "INTERNAL" })],
  ["removeSource", (i) => removeSource(w.lawyer, i), () => ({ sourceId: "c0000000000000000000000000" })],
  ["archiveAttachment", (i) => archiveAttachment(w.lawyer, i), () => ({ attachmentId: "c0000000000000000000000000" })],
];

describe("case-file writes under hostile input", () => {
  it.each(targets)("%s refuses hostile input cleanly and writes nothing when it refuses", async (name, call, base) => {
    await assertHostileInputsRefusedCleanly(w, name, call, await base());
  });

  it.each(targets)("%s refuses any key its schema does not own", async (name, call, base) => {
    await assertSmuggledKeysRefused(w, name, call, await base());
  });
});
