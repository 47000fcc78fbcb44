// Text shared by the two WGAD templates: the address and the legal analysis of arbitrariness.
// Category IV (prolonged administrative custody of asylum seekers and migrants) is the one the
// Working Group applies to people held for return; II and III follow from the same facts.
import { PRC } from "./facts";

export const WGAD_ADDRESS = [
  "Working Group on Arbitrary Detention",
  "Office of the United Nations High Commissioner for Human Rights",
  "Palais des Nations, CH-1211 Geneva 10, Switzerland",
].join("\n");

export const ARBITRARINESS = [
  `Category IV: the persons concerned are held in administrative custody, without any judicial review, for the sole purpose of being returned to the DPRK. Their return is prohibited by the principle of non-refoulement (article 33 of the 1951 Convention relating to the Status of Refugees and its 1967 Protocol, to which ${PRC} acceded in 1982, and article 3 of the Convention against Torture). A detention whose only aim is an unlawful return has no legal basis.`,
  "Category II: the detention results from the exercise of the right to leave any country, including one's own (article 13 of the Universal Declaration of Human Rights), and of the right to seek asylum (article 14).",
  "Category III: the persons concerned have not been informed of the reasons for their detention in a language they understand, have had no access to a lawyer or to consular protection, and have had no opportunity to challenge their detention or their return before a court.",
];
