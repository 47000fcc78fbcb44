// WGEID urgent action: one form per person (UN-PETITIONS.md) for someone whose fate is unknown
// after being handed to DPRK State agents. The Working Group's six required elements are the
// numbered sections. Its forms ask for full institution names without abbreviations, so this
// template spells out every State and body. For people still held in China (at risk of
// disappearance) the WGAD and Special Procedures urgent appeals are the better channel; here
// the disappearance element stays missing until the return is recorded.
import type { PetitionCaseData } from "../case-data";
import { wgeidUrgentWindow } from "../deadlines";
import { datePhrase, facilityName } from "../prose";
import type { PetitionTemplate } from "../types";
import { buildChecks, disappearance, missing } from "./elements";
import { identityParagraph, type Named } from "./facts";
import { assemble, consentSection, namedPeople, submitterSection } from "./sections";

const DPRK_FULL = "the Democratic People's Republic of Korea";
const CHINA_FULL = "the People's Republic of China";

function when(n: Named, today: Date): string[] {
  const d = disappearance(n.person);
  const date = d && d.date.precision !== "YEAR" ? datePhrase(d.date, "en") : missing("disappearance", "en");
  const from = d?.facility ? ` from ${facilityName(d.facility, "en")}` : "";
  const out = [`${n.name} was handed over by the authorities of ${CHINA_FULL} to the authorities of ${DPRK_FULL} ${date}${from}, and has not been seen or heard from since. The family has received no information on ${n.name}'s fate or whereabouts.`];
  const window = wgeidUrgentWindow(d?.date.date ?? null, today);
  if (window.within) out.push("The disappearance occurred within the three months preceding this submission; the urgent action procedure is therefore requested.");
  if (n.person.arrestDate) out.push(`${n.name} had been arrested in ${CHINA_FULL} ${datePhrase(n.person.arrestDate, "en")}${n.person.arrestPlace ? ` in ${n.person.arrestPlace.trim()}` : ""}.`);
  return out;
}

function where(n: Named): string {
  const d = disappearance(n.person);
  const place = d?.place?.trim();
  if (place) return `The handover took place at ${place}, on the border between ${CHINA_FULL} and ${DPRK_FULL}.`;
  if (d?.facility) return `The exact crossing point is not known; ${n.name} was last held at ${facilityName(d.facility, "en")}, from where detainees are returned across the border to ${DPRK_FULL}.`;
  return missing("disappearance", "en");
}

export const wgeidUrgentAction: PetitionTemplate = {
  kind: "WGEID_URGENT_ACTION",
  channel: "WGEID",
  language: "en",
  minDetainees: 1,
  maxDetainees: 1,
  checks: (data) => buildChecks(data, { person: ["fullName", "sex", "birthDateOrAge", "disappearance"], consent: "WGEID", organisation: ["submitter", "signatory"] }),
  generate: (data: PetitionCaseData) => {
    const [n] = namedPeople(data, "WGEID", { withChinese: true });
    if (!n) throw new Error("WGEID urgent action needs exactly one person");
    return assemble(`Urgent action request to the Working Group on Enforced or Involuntary Disappearances concerning ${n.name}`, [
      { key: "addressee", heading: "To", paragraphs: [{ plain: "Working Group on Enforced or Involuntary Disappearances\nOffice of the United Nations High Commissioner for Human Rights\nPalais des Nations, CH-1211 Geneva 10, Switzerland" }] },
      { key: "identity", heading: "1. Identity of the disappeared person", paragraphs: [identityParagraph(n, data.today), "No identity document or identity number is known to the submitting organisation."] },
      { key: "date", heading: "2. Date of the arrest, abduction or last sighting", paragraphs: when(n, data.today) },
      { key: "place", heading: "3. Place", paragraphs: [where(n)] },
      {
        key: "forces",
        heading: "4. Forces believed to be responsible",
        paragraphs: [`The Ministry of State Security of ${DPRK_FULL}, whose officers receive persons handed over at the border and hold them for interrogation, and the Ministry of Social Security of ${DPRK_FULL}. The person was handed over by the Ministry of Public Security of ${CHINA_FULL}, acting under the 1986 Mutual Cooperation Protocol for the Work of Maintaining National Security and Social Order in the Border Areas.`],
      },
      {
        key: "action",
        heading: "5. Action taken to locate the person",
        paragraphs: [`Inquiries by relatives with the authorities of ${DPRK_FULL} are not possible: relatives who ask about a returned person expose themselves and the person to reprisals, and no remedy such as habeas corpus is available there. The authorities of ${CHINA_FULL} do not disclose to families or lawyers whether, when and to whom a person was handed over.`],
      },
      consentSection(data, [n], "WGEID"),
      submitterSection(data, { heading: "6. Identity of the submitter" }),
    ]);
  },
};
