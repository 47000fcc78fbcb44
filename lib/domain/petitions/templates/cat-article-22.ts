// Committee against Torture, article 22 (UN-PETITIONS.md): individual complaints only against
// States that have made the article 22 declaration. China has not, and every facility Haven
// tracks is in China or the DPRK, so the template is marked unavailable rather than producing a
// complaint the Committee would declare inadmissible. If a transit State that accepts article 22
// is ever needed, this module is where its template goes (author, victim, authorisation, State
// party, article 3, facts, remedies, other procedures, interim measures, remedy sought).
import type { PetitionTemplate } from "../types";

export const catArticle22: PetitionTemplate = {
  kind: "CAT_ARTICLE_22",
  channel: null,
  language: "en",
  minDetainees: 1,
  maxDetainees: 1,
  unavailableKey: "petitionKinds.catUnavailable",
  checks: () => [],
  generate: () => ({
    title: "Committee against Torture — individual complaint (article 22)",
    sections: [
      {
        key: "unavailable",
        heading: "Not available",
        body: "The People's Republic of China has not recognised the competence of the Committee against Torture to receive individual complaints under article 22 of the Convention. A complaint concerning detention in China would be inadmissible; use the Special Procedures or the Working Group on Arbitrary Detention instead.",
      },
    ],
  }),
};
