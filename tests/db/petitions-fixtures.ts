// Builders for the petition database tests: a team with its organisation details and cases that
// satisfy (or deliberately miss) the WGAD urgent appeal's required elements.
import { prisma } from "@/lib/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { createDetainee } from "@/lib/domain/detainee/mutations";
import { addCustodyPeriod } from "@/lib/domain/custody/mutations";
import { recordConsent } from "@/lib/domain/consent/mutations";
import type { CreateDetaineeInput } from "@/lib/domain/detainee/schemas";
import { makeTeam } from "./fixtures";

export async function makePetitionTeam(): Promise<string> {
  const teamId = await makeTeam();
  await prisma().team.update({
    where: { id: teamId },
    data: { orgLegalName: "Haven Legal Aid", orgAddress: "1 Test Street, Seoul", orgEmail: "legal@haven.test", orgSignatory: "Han Ji-won, Director" },
  });
  return teamId;
}

type CaseOptions = { consent?: boolean; without?: (keyof CreateDetaineeInput)[]; familyContacts?: string };

/** A detained person with every element of a WGAD urgent appeal (unless left out) and WGAD consent. */
export async function makeCompleteCase(staff: Viewer, lawyer: Viewer, teamId: string, facilityId: string, opts: CaseOptions = {}) {
  const fields: CreateDetaineeInput = {
    teamId, status: "DETAINED", familyNameRoman: "Kim", givenNameRoman: "Young-hee", nameHangul: "김영희", nameChinese: "金英姬",
    sex: "FEMALE", birthDate: "1990-04", arrestDate: "2026-09-14", arrestPlace: "Yanji, Jilin", arrestAuthority: "Yanji Public Security Bureau",
    narrative: "She crossed the Tumen river in August 2026 and was arrested at a bus station.",
    healthConcerns: "Untreated diabetes.", familyContacts: opts.familyContacts,
  };
  for (const key of opts.without ?? []) delete (fields as Record<string, unknown>)[key];
  const d = await createDetainee(staff, fields);
  await addCustodyPeriod(staff, { detaineeId: d.id, facilityId, from: "2026-09-14" });
  if (opts.consent !== false) await giveConsent(lawyer, d.id);
  return d;
}

export async function giveConsent(lawyer: Viewer, detaineeId: string) {
  return recordConsent(lawyer, { detaineeId, channel: "WGAD", naming: "FULL_NAME", givenBy: "RELATIVE", givenByName: "Sister", method: "PHONE", givenOn: "2026-10-01" });
}

export const today = () => new Date().toISOString().slice(0, 10);
