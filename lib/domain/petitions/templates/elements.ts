// Required elements (UN-PETITIONS.md) as data: how each is found in the case data, where the user
// fixes it, and the placeholder a document shows while it is missing. Templates pick the
// elements their channel requires; the completeness panel and the generated text therefore
// agree by construction.
import type { ConsentChannel } from "@/lib/generated/prisma/enums";
import { activeConsent } from "../../consent/active";
import type { PetitionCaseData, PetitionOrganisation, PetitionPerson } from "../case-data";
import { initials, type Lang, type Naming, placeholder } from "../prose";
import type { RequiredElementCheck } from "../types";

export const fixHref = {
  // Field ids are the form's own (components/form-fields.tsx: id = `f-${name}`).
  field: (p: { id: string }, name: string) => `/detainees/${p.id}/edit#f-${name}`,
  consent: (p: { id: string }) => `/detainees/${p.id}#consent`,
  custody: (p: { id: string }) => `/detainees/${p.id}#custody`,
  status: (p: { id: string }) => `/detainees/${p.id}#status`,
  organisation: (teamId: string) => `/admin/teams/${teamId}#organisation`,
};

const DISAPPEARED_STATUSES = new Set(["REPATRIATED", "DETAINED_IN_DPRK", "DISAPPEARED"]);
const AT_RISK_LEVELS = new Set(["HIGH", "IMMINENT"]);
const text = (s: string | null | undefined) => Boolean(s?.trim());

/** When and how the person was taken out of sight: the handover on a return, else the end of the last custody period. */
export function disappearance(p: PetitionPerson) {
  if (!DISAPPEARED_STATUSES.has(p.status)) return null;
  const event = p.returns[0];
  if (event) return { date: event.date, place: event.handoverPoint, facility: p.custody.at(-1)?.facility ?? null };
  const last = p.custody.at(-1);
  return last?.to ? { date: last.to, place: null, facility: last.facility } : null;
}

type PersonElement = { present: (p: PetitionPerson) => boolean; fix: (p: PetitionPerson) => string; en: string; ko: string };

export const PERSON_ELEMENTS = {
  fullName: { present: (p) => (text(p.familyNameRoman) && text(p.givenNameRoman)) || text(p.nameHangul), fix: (p) => fixHref.field(p, "familyNameRoman"), en: "full name", ko: "성명" },
  sex: { present: (p) => p.sex !== "UNKNOWN", fix: (p) => fixHref.field(p, "sex"), en: "sex", ko: "성별" },
  birthDateOrAge: { present: (p) => p.birthDate !== null || p.estimatedAge !== null, fix: (p) => fixHref.field(p, "birthDate"), en: "date of birth or age", ko: "생년월일 또는 나이" },
  arrestDate: { present: (p) => p.arrestDate !== null, fix: (p) => fixHref.field(p, "arrestDate"), en: "date of arrest", ko: "체포 일자" },
  arrestPlace: { present: (p) => text(p.arrestPlace), fix: (p) => fixHref.field(p, "arrestPlace"), en: "place of arrest", ko: "체포 장소" },
  arrestAuthority: { present: (p) => text(p.arrestAuthority), fix: (p) => fixHref.field(p, "arrestAuthority"), en: "authority that carried out the arrest", ko: "체포 기관" },
  custody: { present: (p) => p.custody.length > 0, fix: (p) => fixHref.custody(p), en: "places of detention", ko: "구금 장소" },
  currentFacility: { present: (p) => p.currentFacility !== null, fix: (p) => fixHref.custody(p), en: "present place of detention", ko: "현 구금 장소" },
  circumstances: { present: (p) => text(p.narrative), fix: (p) => fixHref.field(p, "narrative"), en: "circumstances of the case", ko: "사건 경위" },
  urgency: {
    present: (p) => text(p.healthConcerns) || AT_RISK_LEVELS.has(p.riskLevel ?? "") || p.indicators.length > 0 || p.facilityReturns.length > 0,
    fix: (p) => fixHref.field(p, "healthConcerns"),
    en: "facts showing urgency (health, imminent return)",
    ko: "긴급성(건강 상태, 임박한 송환)",
  },
  // WGEID: at least the month and year of the arrest, abduction or last sighting.
  disappearance: {
    present: (p) => {
      const d = disappearance(p);
      return d !== null && d.date.precision !== "YEAR" && (Boolean(d.place?.trim()) || d.facility !== null);
    },
    fix: (p) => fixHref.status(p),
    en: "date (at least month and year) and place of the disappearance",
    ko: "실종 일자(최소 연월) 및 장소",
  },
} satisfies Record<string, PersonElement>;
export type PersonElementKey = keyof typeof PERSON_ELEMENTS;

type OrgElement = { present: (o: PetitionOrganisation) => boolean; en: string; ko: string };
export const ORG_ELEMENTS = {
  submitter: { present: (o) => text(o.legalName) && text(o.address) && (text(o.email) || text(o.phone)), en: "submitting organisation (name, address, contact)", ko: "제출 단체(명칭, 주소, 연락처)" },
  signatory: { present: (o) => text(o.signatory), en: "signatory", ko: "서명인" },
} satisfies Record<string, OrgElement>;
export type OrgElementKey = keyof typeof ORG_ELEMENTS;

/** The placeholder shown in the document while an element is missing. */
export function missing(key: PersonElementKey | OrgElementKey, lang: Lang): string {
  const e = (PERSON_ELEMENTS as Record<string, { en: string; ko: string }>)[key] ?? (ORG_ELEMENTS as Record<string, { en: string; ko: string }>)[key]!;
  return placeholder(lang === "ko" ? e.ko : e.en, lang);
}

/**
 * How a person may be named for `channel`, and whether that rests on consent. Without a consent
 * in force the text uses initials (never more than consent allows) and the check says so.
 */
export function namingFor(p: PetitionPerson, channel: ConsentChannel, today: Date): { naming: Naming; consented: boolean } {
  const c = activeConsent(p.consents, channel, today);
  return { naming: c?.naming ?? "INITIALS", consented: c !== null };
}

export type CheckSpec = { person?: PersonElementKey[]; organisation?: OrgElementKey[]; consent?: ConsentChannel | null };

/** The completeness checks for a template: each person's elements, consent, then the organisation's. */
export function buildChecks(data: PetitionCaseData, spec: CheckSpec): RequiredElementCheck[] {
  const checks: RequiredElementCheck[] = [];
  for (const p of data.people) {
    const name = initials(p);
    for (const key of spec.person ?? []) {
      const e = PERSON_ELEMENTS[key];
      checks.push({ key: `${key}:${p.id}`, labelKey: `petitionElements.${key}`, labelParams: { name }, present: e.present(p), fixHref: e.fix(p) });
    }
    if (spec.consent) {
      checks.push({
        key: `consent:${p.id}`,
        labelKey: "petitionElements.consent",
        labelParams: { name, channel: spec.consent },
        present: namingFor(p, spec.consent, data.today).consented,
        fixHref: fixHref.consent(p),
      });
    }
  }
  for (const key of spec.organisation ?? []) {
    checks.push({ key, labelKey: `petitionElements.${key}`, present: ORG_ELEMENTS[key].present(data.organisation), fixHref: fixHref.organisation(data.organisation.teamId) });
  }
  return checks;
}
