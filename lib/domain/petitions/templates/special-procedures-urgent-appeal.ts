// Joint urgent appeal to Special Procedures mandate holders (UN-PETITIONS.md): an ongoing or
// imminent violation; neither exhaustion of domestic remedies nor treaty ratification is needed.
// Factual and sober in tone, as the mandates require. Covers one person or a group.
import type { PetitionCaseData } from "../case-data";
import type { PetitionTemplate } from "../types";
import { buildChecks, missing } from "./elements";
import { arrestParagraph, circumstancesParagraph, custodyParagraph, DPRK, identityParagraph, LEGISLATION, type Named, PRC, urgencyParagraphs } from "./facts";
import { assemble, consentSection, domesticRemediesParagraph, namedPeople, personHeading, submitterSection, titleNames } from "./sections";

const MANDATES = [
  "Special Rapporteur on the situation of human rights in the Democratic People's Republic of Korea",
  "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
  "Working Group on Arbitrary Detention",
  "Special Rapporteur on the human rights of migrants",
];

function perpetrators(people: Named[]): string[] {
  const authorities = [...new Set(people.map((n) => n.person.arrestAuthority?.trim()).filter((a): a is string => Boolean(a)))];
  const arresting = authorities.length ? authorities.join("; ") : missing("arrestAuthority", "en");
  return [
    `Arrest and detention: ${arresting}, and the public security and border defence authorities of ${PRC} running the places of detention described below. These are organs of the State, acting under its laws and instructions.`,
    `On return: the Ministry of State Security and the Ministry of Social Security of ${DPRK}, to which the persons would be handed over, and which are responsible for the treatment documented by the Commission of Inquiry on Human Rights in the DPRK (A/HRC/25/63).`,
  ];
}

export const specialProceduresUrgentAppeal: PetitionTemplate = {
  kind: "SPECIAL_PROCEDURES_URGENT_APPEAL",
  channel: "SPECIAL_PROCEDURES",
  language: "en",
  minDetainees: 1,
  maxDetainees: null,
  checks: (data) =>
    buildChecks(data, {
      person: ["fullName", "sex", "birthDateOrAge", "arrestDate", "arrestPlace", "arrestAuthority", "custody", "currentFacility", "circumstances", "urgency"],
      consent: "SPECIAL_PROCEDURES",
      organisation: ["submitter", "signatory"],
    }),
  generate: (data: PetitionCaseData) => {
    const people = namedPeople(data, "SPECIAL_PROCEDURES", { withChinese: true });
    const perPerson = (build: (n: Named) => string[]) => people.flatMap((n, i) => [...personHeading(n, i, people.length), ...build(n)]);
    const group = people.length > 1 ? `a group of ${people.length} nationals of the DPRK held in ${PRC}` : `an individual held in ${PRC}`;
    return assemble(`Request for a joint urgent appeal concerning ${titleNames(people)}, at imminent risk of forced return to the DPRK`, [
      { key: "addressee", heading: "To", paragraphs: [{ plain: [...MANDATES, "c/o Special Procedures Branch, Office of the United Nations High Commissioner for Human Rights, Palais des Nations, CH-1211 Geneva 10, Switzerland"].join("\n") }] },
      {
        key: "request",
        heading: "Request",
        paragraphs: [`The submitting organisation requests the mandate holders listed above to send a joint urgent appeal to the Government of ${PRC} concerning ${group}, ${people.length > 1 ? "who face an imminent forced return to the DPRK, where they are" : "who faces an imminent forced return to the DPRK, where the person is"} at risk of torture, arbitrary detention and enforced disappearance.`],
      },
      { key: "victims", heading: "Alleged victims", paragraphs: perPerson((n) => [identityParagraph(n, data.today)]) },
      { key: "perpetrators", heading: "Alleged perpetrators", paragraphs: perpetrators(people) },
      {
        key: "facts",
        heading: "Date, place and facts",
        paragraphs: [...perPerson((n) => [arrestParagraph(n), custodyParagraph(n, { present: true }), circumstancesParagraph(n)]), LEGISLATION],
      },
      { key: "urgency", heading: "Urgency", paragraphs: perPerson((n) => urgencyParagraphs(n, data.today)) },
      { key: "domestic", heading: "Steps taken domestically", paragraphs: [domesticRemediesParagraph(people)] },
      {
        key: "asks",
        heading: "Action requested",
        paragraphs: [`The mandate holders are requested to urge the Government of ${PRC} to halt any return of the persons concerned to the DPRK, to give the Office of the United Nations High Commissioner for Refugees access to them, to ensure that they are not subjected to ill-treatment in custody, and to release them or allow them to travel to a safe third country.`],
      },
      consentSection(data, people, "SPECIAL_PROCEDURES"),
      submitterSection(data),
    ]);
  },
};
