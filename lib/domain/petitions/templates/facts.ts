// The facts of one person's case as English prose, shared by the UN templates. Every missing
// element becomes the visible placeholder of elements.ts, never a silent gap.
//
// Deliberately left out of documents that reach the detaining State (every UN channel transmits
// to the Government): whether the person has links to South Korea. DPRK punishes such links
// harder, and the State holding the person shares information with DPRK security; only the
// letter to the Republic of Korea mentions them.
import type { IndicatorType } from "@/lib/generated/prisma/enums";
import type { PetitionEvent, PetitionPerson } from "../case-data";
import { ageOn, datePhrase, dateText, facilityName, type Lang, type Naming, personName } from "../prose";
import { missing, PERSON_ELEMENTS } from "./elements";

export const DPRK = "the Democratic People's Republic of Korea (DPRK)";
export const PRC = "the People's Republic of China";

// Signs older than this no longer say anything about an imminent return.
const RECENT_SIGN_DAYS = 180;

const SIGNS: Record<IndicatorType, string> = {
  TRANSFER_TO_BORDER_FACILITY: "transfer to a facility at the border",
  INTERROGATION_COMPLETED: "completion of interrogation",
  PHOTOGRAPHED_OR_CONFESSION_SIGNED: "being photographed or made to sign a statement",
  DPRK_OFFICIALS_VISIT: "a visit by DPRK security officials",
  IDENTITY_CONFIRMED_TO_DPRK: "identity confirmed to the DPRK authorities",
  SENTENCE_ENDING: "the end of an administrative detention term",
  FAMILY_CONTACT_LOST: "loss of contact with the family",
  SUPPLIES_REFUSED: "refusal of food and medicine sent by relatives",
  VISITS_REFUSED: "refusal of visits",
  BORDER_CROSSING_OPENED: "reopening of the border crossing used for returns",
  DIPLOMATIC_CALENDAR: "a diplomatic occasion around which returns have taken place",
  MASS_TRANSPORT_SEEN: "vehicles for mass transport seen at the facility",
  OTHER: "other warning signs",
};

/** A person as the text refers to them: `full` once (identity), `name` everywhere else. */
export type Named = { person: PetitionPerson; naming: Naming; name: string; full: string };

export function named(person: PetitionPerson, naming: Naming, opts: { withChinese?: boolean; lang?: Lang } = {}): Named {
  const lang = opts.lang ?? "en";
  return { person, naming, name: personName(person, naming, lang, { short: true }), full: personName(person, naming, lang, opts) };
}

function sexWord(p: PetitionPerson): string {
  if (p.sex === "FEMALE") return "a woman";
  if (p.sex === "MALE") return "a man";
  if (p.sex === "OTHER") return "a person of another gender";
  return missing("sex", "en");
}

function ageWords(p: PetitionPerson, today: Date): string {
  if (p.birthDate) return `born ${datePhrase(p.birthDate, "en")} (aged ${p.birthDate.precision === "YEAR" ? "about " : ""}${ageOn(p.birthDate, today)})`;
  if (p.estimatedAge !== null) return `aged about ${p.estimatedAge}`;
  return missing("birthDateOrAge", "en");
}

export function identityParagraph({ person: p, naming, full }: Named, today: Date): string {
  const name0 = PERSON_ELEMENTS.fullName.present(p) ? full : `${full} ${missing("fullName", "en")}`;
  const origin = p.homeProvince?.trim() ? `, originally from ${p.homeProvince.trim()}` : "";
  const parts = [`${name0} is a national of ${DPRK}, ${sexWord(p)}, ${ageWords(p, today)}${origin}.`];
  if (naming === "INITIALS") parts.push("The person is identified by initials only, in line with the wishes of the person or the family.");
  return parts.join(" ");
}

export function arrestParagraph({ person: p, name }: Named): string {
  const when = p.arrestDate ? datePhrase(p.arrestDate, "en") : missing("arrestDate", "en");
  const where = p.arrestPlace?.trim() || missing("arrestPlace", "en");
  const who = p.arrestAuthority?.trim() || missing("arrestAuthority", "en");
  const opening = p.arrestDate ? when.charAt(0).toUpperCase() + when.slice(1) : when;
  return `${opening}, ${name} was arrested in ${where}, in ${PRC}, by ${who}. No arrest warrant is known to have been shown, and no judicial authority is known to have reviewed the arrest.`;
}

function period(c: PetitionPerson["custody"][number]): string {
  const place = facilityName(c.facility, "en");
  const from = dateText(c.from, "en");
  return c.to ? `at ${place} from ${from} until ${dateText(c.to, "en")}` : `at ${place} since ${from}`;
}

/** The custody chain; with `present`, the present place of detention is required (a placeholder if unknown). */
export function custodyParagraph({ person: p, name }: Named, opts: { present?: boolean } = {}): string {
  const tail = p.currentFacility
    ? ` ${name} remains held at ${facilityName(p.currentFacility, "en")}.`
    : opts.present ? ` The present place of detention is ${missing("currentFacility", "en")}.` : "";
  if (!p.custody.length) return `${name} has been held at ${missing("custody", "en")}.${tail}`;
  const periods = p.custody.map(period);
  const chain = periods.length === 1 ? periods[0]! : `${periods.slice(0, -1).join("; ")}; and ${periods.at(-1)}`;
  return `Since the arrest, ${name} has been held ${chain}.${tail}`;
}

export function circumstancesParagraph({ person: p }: Named): string {
  return p.narrative?.trim() || missing("circumstances", "en");
}

function returnWords(e: PetitionEvent): string {
  const n = e.reportedMin && e.reportedMax && e.reportedMin !== e.reportedMax
    ? ` (${e.reportedMin}–${e.reportedMax} people reported)`
    : e.reportedMin || e.reportedMax ? ` (about ${e.reportedMax ?? e.reportedMin} people reported)` : "";
  return `${datePhrase(e.date, "en")}${n}`;
}

/** Why the matter is urgent: health, the assessed risk, warning signs, recent returns from the same facility. */
export function urgencyParagraphs({ person: p, name }: Named, today: Date): string[] {
  const out: string[] = [];
  if (p.healthConcerns?.trim()) out.push(`${name}'s health gives serious cause for concern: ${p.healthConcerns.trim().replace(/\.?$/, ".")}`);
  if (p.riskLevel === "IMMINENT" || p.riskLevel === "HIGH") {
    out.push(`On the information available to the submitting organisation, the risk that ${name} will be forcibly returned to the DPRK is ${p.riskLevel === "IMMINENT" ? "imminent" : "high"}.`);
  }
  const cutoff = today.getTime() - RECENT_SIGN_DAYS * 86_400_000;
  const signs = p.indicators.filter((i) => i.observedOn.date.getTime() >= cutoff);
  if (signs.length) {
    out.push(`The following signs that a return is being prepared have been observed: ${signs.map((s) => `${SIGNS[s.type]} (${dateText(s.observedOn, "en")})`).join("; ")}.`);
  }
  if (p.currentFacility && p.facilityReturns.length) {
    out.push(`Forced returns to the DPRK from ${facilityName(p.currentFacility, "en")} were reported ${p.facilityReturns.map(returnWords).join(", ")}.`);
  }
  if (!out.length) return [missing("urgency", "en")];
  out.push(`Persons returned to the DPRK after leaving the country without permission are, on return, interrogated by the Ministry of State Security and are at real risk of torture, arbitrary detention in labour camps, sexual violence and enforced disappearance, as documented by the Commission of Inquiry on Human Rights in the DPRK (A/HRC/25/63).`);
  return out;
}

export const LEGISLATION =
  "The detention is understood to rest on the Exit and Entry Administration Law of the People's Republic of China and on the 1986 Mutual Cooperation Protocol for the Work of Maintaining National Security and Social Order in the Border Areas concluded with the DPRK, under which nationals of the DPRK are treated as illegal migrants and handed over to the DPRK without any assessment of their claim to protection.";
