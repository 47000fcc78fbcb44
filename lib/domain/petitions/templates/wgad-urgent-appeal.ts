// WGAD urgent appeal: continued detention endangers life or health, or a transfer/return is
// imminent (UN-PETITIONS.md). The model questionnaire's elements, compressed to what an urgent
// appeal must carry, plus the urgency facts. Several people held together may share one appeal.
import type { PetitionCaseData } from "../case-data";
import type { PetitionTemplate } from "../types";
import { buildChecks } from "./elements";
import { arrestParagraph, circumstancesParagraph, custodyParagraph, identityParagraph, LEGISLATION, PRC, urgencyParagraphs } from "./facts";
import { assemble, consentSection, domesticRemediesParagraph, namedPeople, personHeading, submitterSection, titleNames } from "./sections";
import { ARBITRARINESS, WGAD_ADDRESS } from "./wgad-common";

export const wgadUrgentAppeal: PetitionTemplate = {
  kind: "WGAD_URGENT_APPEAL",
  channel: "WGAD",
  language: "en",
  minDetainees: 1,
  maxDetainees: null,
  checks: (data) =>
    buildChecks(data, {
      person: ["fullName", "sex", "birthDateOrAge", "arrestDate", "arrestPlace", "arrestAuthority", "custody", "currentFacility", "circumstances", "urgency"],
      consent: "WGAD",
      organisation: ["submitter", "signatory"],
    }),
  generate: (data: PetitionCaseData) => {
    const people = namedPeople(data, "WGAD", { withChinese: true });
    const perPerson = (build: (n: (typeof people)[number]) => string[]) =>
      people.flatMap((n, i) => [...personHeading(n, i, people.length), ...build(n)]);
    const several = people.length > 1;
    return assemble(`Urgent appeal to the Working Group on Arbitrary Detention concerning ${titleNames(people)}, detained in ${PRC}`, [
      { key: "addressee", heading: "To", paragraphs: [{ plain: WGAD_ADDRESS }] },
      {
        key: "request",
        heading: "Request for urgent action",
        paragraphs: [
          `The submitting organisation respectfully requests the Working Group on Arbitrary Detention to transmit an urgent appeal to the Government of ${PRC} concerning ${titleNames(people)}. ${several ? "Their" : "The"} continued detention and imminent forced return to the DPRK place ${several ? "their" : "the person's"} life and physical integrity in serious danger.`,
        ],
      },
      { key: "identity", heading: "Identity", paragraphs: perPerson((n) => [identityParagraph(n, data.today)]) },
      { key: "arrest", heading: "Arrest", paragraphs: [...perPerson((n) => [arrestParagraph(n)]), LEGISLATION] },
      { key: "detention", heading: "Detention", paragraphs: perPerson((n) => [custodyParagraph(n, { present: true })]) },
      { key: "circumstances", heading: "Circumstances", paragraphs: perPerson((n) => [circumstancesParagraph(n)]) },
      { key: "urgency", heading: "Urgency", paragraphs: perPerson((n) => urgencyParagraphs(n, data.today)) },
      { key: "arbitrariness", heading: "Why the detention is arbitrary", paragraphs: ARBITRARINESS },
      { key: "domestic", heading: "Domestic remedies", paragraphs: [domesticRemediesParagraph(people)] },
      {
        key: "asks",
        heading: "Action requested",
        paragraphs: [
          `The Working Group is requested to urge the Government of ${PRC}, as a matter of urgency: (a) not to return ${several ? "the persons concerned" : titleNames(people)} to the DPRK; (b) to grant the Office of the United Nations High Commissioner for Refugees access to ${several ? "them" : "the person"} and to any claim for protection; (c) to release ${several ? "them" : "the person"} or to bring the detention under effective judicial review; and (d) to inform the Working Group of the measures taken.`,
        ],
      },
      consentSection(data, people, "WGAD"),
      submitterSection(data),
    ]);
  },
};
