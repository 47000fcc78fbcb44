// S12/S11 on both engines: hostile input to the facility, event, petition and notice writes (the
// domain entry points of app/(app)/{facilities,events,petitions,notifications}/actions.ts) is
// refused as AppError/ZodError, writes nothing, leaks nothing through runAction, and a smuggled
// key (status, authorId, teamId…) is refused.
import { afterAll, beforeAll, describe, it } from "vitest";
import { createFacility, updateFacility } from "@/lib/domain/facility/mutations";
import { createRepatriationEvent, linkDetaineesToEvent, updateRepatriationEvent } from "@/lib/domain/event/mutations";
import { createPetition, regeneratePetition, updatePetitionSection, updatePetitionTitle } from "@/lib/domain/petitions/mutations";
import { transitionPetition } from "@/lib/domain/petitions/mutations-workflow";
import { markNotificationsRead } from "@/lib/domain/notification/mutations";
import { assertHostileInputsRefusedCleanly, assertSmuggledKeysRefused, buildWorld, currentVersion, type World } from "./fuzz-world";

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(async () => w?.db.close());

type Target = [name: string, call: (input: never) => Promise<unknown>, base: () => Record<string, unknown> | Promise<Record<string, unknown>>];

const petitionVersion = () => currentVersion(w, "petition", w.petitionId);
const facility = () => ({ refCode: "F-1", nameEn: "Yanji Detention Centre", nameLocal: "延吉", type: "DETENTION_CENTRE", country: "CN", province: "Jilin", city: "Yanji", latitude: 42.9, longitude: 129.5, notes: "n", confidence: "HIGH", sources: ["https://example.org/a"] });
const event = () => ({ refCode: "E-1", date: "2026-10-03", facilityId: w.facilityId, fromRegion: "Jilin", province: "Jilin", handoverPoint: "Tumen bridge", reportedMin: 10, reportedMax: 20, verification: "CORROBORATED", description: "d", sources: ["https://example.org/e"] });

const targets: Target[] = [
  ["createFacility", (i) => createFacility(w.caseworker, i), facility],
  ["updateFacility", (i) => updateFacility(w.caseworker, i), async () => ({ ...facility(), facilityId: w.facilityId, version: await currentVersion(w, "detentionFacility", w.facilityId) })],
  ["createRepatriationEvent", (i) => createRepatriationEvent(w.caseworker, i), event],
  ["updateRepatriationEvent", (i) => updateRepatriationEvent(w.caseworker, i), async () => ({ ...event(), eventId: w.eventId, version: await currentVersion(w, "repatriationEvent", w.eventId) })],
  ["linkDetaineesToEvent", (i) => linkDetaineesToEvent(w.lawyer, i), () => ({ eventId: w.eventId, detaineeIds: [w.detaineeId], note: "Seen at the bridge" })],
  ["createPetition", (i) => createPetition(w.lawyer, i), () => ({ kind: "UNHCR_INTERVENTION", detaineeIds: [w.detaineeId], teamId: w.teamId, language: "en" })],
  ["updatePetitionSection", (i) => updatePetitionSection(w.lawyer, i), async () => ({ id: w.petitionId, version: await petitionVersion(), key: "urgency", body: "She is at imminent risk." })],
  ["updatePetitionTitle", (i) => updatePetitionTitle(w.lawyer, i), async () => ({ id: w.petitionId, version: await petitionVersion(), title: "Urgent appeal" })],
  ["regeneratePetition", (i) => regeneratePetition(w.lawyer, i), async () => ({ id: w.petitionId, version: await petitionVersion(), confirmOverwrite: true })],
  ["transitionPetition", (i) => transitionPetition(w.lawyer, i), async () => ({ id: w.petitionId, version: await petitionVersion(), to: "IN_REVIEW", note: "Please review" })],
  ["markNotificationsRead", (i) => markNotificationsRead(w.lawyer, i), () => ({ ids: [w.notificationId], all: false })],
];

describe("registry, petition and notice writes under hostile input", () => {
  it.each(targets)("%s refuses hostile input cleanly and writes nothing when it refuses", async (name, call, base) => {
    await assertHostileInputsRefusedCleanly(w, name, call, await base());
  });

  it.each(targets)("%s refuses any key its schema does not own", async (name, call, base) => {
    await assertSmuggledKeysRefused(w, name, call, await base());
  });
});
