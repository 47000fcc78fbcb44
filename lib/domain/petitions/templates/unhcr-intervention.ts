// Request that UNHCR intervene with the Chinese authorities (UN-PETITIONS.md). UNHCR has no
// individual petition form, so this is a letter: who, where, how urgent, why return means
// persecution, and what is asked — access, no refoulement, a joint refugee status assessment —
// resting on China's 1982 accession to the Refugee Convention and the 1995 UNHCR–China agreement.
import type { PetitionCaseData } from "../case-data";
import { facilityName } from "../prose";
import type { PetitionTemplate } from "../types";
import { buildChecks, missing } from "./elements";
import { arrestParagraph, custodyParagraph, identityParagraph, type Named, PRC, urgencyParagraphs } from "./facts";
import { assemble, consentSection, namedPeople, personHeading, submitterSection, titleNames } from "./sections";

function whereHeld(n: Named): string {
  const f = n.person.currentFacility;
  return f ? facilityName(f, "en") : missing("currentFacility", "en");
}

export const unhcrIntervention: PetitionTemplate = {
  kind: "UNHCR_INTERVENTION",
  channel: "UNHCR",
  language: "en",
  minDetainees: 1,
  maxDetainees: null,
  checks: (data) =>
    buildChecks(data, {
      person: ["fullName", "sex", "birthDateOrAge", "arrestDate", "arrestPlace", "arrestAuthority", "custody", "currentFacility", "urgency"],
      consent: "UNHCR",
      organisation: ["submitter", "signatory"],
    }),
  generate: (data: PetitionCaseData) => {
    const people = namedPeople(data, "UNHCR");
    const several = people.length > 1;
    const perPerson = (build: (n: Named) => string[]) => people.flatMap((n, i) => [...personHeading(n, i, people.length), ...build(n)]);
    return assemble(`Request for UNHCR intervention on behalf of ${titleNames(people)}, held in ${PRC}`, [
      {
        key: "addressee",
        heading: "To",
        paragraphs: [{ plain: "The Representative\nOffice of the United Nations High Commissioner for Refugees, Beijing\n\nCopy: UNHCR Representation in the Republic of Korea, Seoul" }],
      },
      {
        key: "request",
        heading: "Purpose of this request",
        paragraphs: [`The submitting organisation asks UNHCR to intervene urgently with the authorities of ${PRC} on behalf of ${several ? `${people.length} nationals` : "a national"} of the DPRK held at ${joinPlaces(people)}, who ${several ? "are" : "is"} at imminent risk of forced return to the DPRK.`],
      },
      {
        key: "persons",
        heading: "Persons concerned",
        paragraphs: perPerson((n) => [identityParagraph(n, data.today), `${n.name} claims the nationality of the DPRK and has expressed, directly or through the family, a fear of return.`]),
      },
      { key: "detention", heading: "Arrest and present place of detention", paragraphs: perPerson((n) => [arrestParagraph(n), custodyParagraph(n)]) },
      { key: "urgency", heading: "Expected transfer or return", paragraphs: perPerson((n) => urgencyParagraphs(n, data.today)) },
      {
        key: "persecution",
        heading: "Grounds for fear of persecution on return",
        paragraphs: [
          "Leaving the DPRK without permission is treated as a crime, and returnees are interrogated by the Ministry of State Security about their time abroad, their contacts and any intention to reach the Republic of Korea. The Commission of Inquiry on Human Rights in the DPRK (A/HRC/25/63) found that returnees are systematically subjected to torture, sexual violence, arbitrary detention and, in some cases, execution or enforced disappearance, on account of political opinion imputed to them.",
          "Whatever the reasons for leaving, these consequences of return make the persons concerned refugees sur place, and their return would breach the principle of non-refoulement.",
        ],
      },
      {
        key: "asks",
        heading: "Action requested",
        paragraphs: [
          `The submitting organisation asks UNHCR: (a) to seek immediate access to ${several ? "the persons concerned" : "the person concerned"}, as provided by the 1995 agreement between UNHCR and the Government of ${PRC}; (b) to call on the authorities not to return ${several ? "them" : "the person"} to the DPRK, recalling the obligations ${PRC} accepted by acceding in 1982 to the 1951 Convention relating to the Status of Refugees and its 1967 Protocol; and (c) to propose a joint assessment of ${several ? "their" : "the"} refugee status and, pending it, release or transfer to a safe third country.`,
        ],
      },
      consentSection(data, people, "UNHCR"),
      submitterSection(data),
    ]);
  },
};

function joinPlaces(people: Named[]): string {
  return [...new Set(people.map(whereHeld))].join("; ");
}
