// The template of each petition kind. A kind without an entry is a compile error (Record over the
// enum), so adding a kind to the schema forces a decision here.
import type { PetitionKind } from "@/lib/generated/prisma/enums";
import type { PetitionTemplate } from "../types";
import { catArticle22 } from "./cat-article-22";
import { rokGovernmentLetter } from "./rok-government-letter";
import { specialProceduresUrgentAppeal } from "./special-procedures-urgent-appeal";
import { ungaThirdCommitteeLetter } from "./unga-third-committee-letter";
import { unhcrIntervention } from "./unhcr-intervention";
import { wgadRegularCommunication } from "./wgad-regular-communication";
import { wgadUrgentAppeal } from "./wgad-urgent-appeal";
import { wgeidUrgentAction } from "./wgeid-urgent-action";

export type { PetitionTemplate } from "../types";

const TEMPLATES: Record<PetitionKind, PetitionTemplate> = {
  WGAD_URGENT_APPEAL: wgadUrgentAppeal,
  WGAD_REGULAR_COMMUNICATION: wgadRegularCommunication,
  SPECIAL_PROCEDURES_URGENT_APPEAL: specialProceduresUrgentAppeal,
  WGEID_URGENT_ACTION: wgeidUrgentAction,
  UNHCR_INTERVENTION: unhcrIntervention,
  UNGA_THIRD_COMMITTEE_LETTER: ungaThirdCommitteeLetter,
  ROK_GOVERNMENT_LETTER: rokGovernmentLetter,
  CAT_ARTICLE_22: catArticle22,
};

export function getTemplate(kind: PetitionKind): PetitionTemplate {
  const t = TEMPLATES[kind];
  if (!t) throw new Error(`No petition template for ${kind}`);
  return t;
}

/** Kinds a user can start a draft of (CAT article 22 is not usable against China). */
export const AVAILABLE_KINDS: PetitionKind[] = (Object.keys(TEMPLATES) as PetitionKind[]).filter((k) => !TEMPLATES[k].unavailableKey);
