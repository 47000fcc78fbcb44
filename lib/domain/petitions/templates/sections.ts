// Section builders shared by the templates: document assembly with paragraph numbers running
// through the whole document, the submitter block, and the standard passages each channel asks for.
import type { ConsentChannel } from "@/lib/generated/prisma/enums";
import type { PetitionCaseData, PetitionOrganisation } from "../case-data";
import { dateText, type Lang, numberParagraphs, placeholder } from "../prose";
import type { GeneratedPetition } from "../types";
import { missing, namingFor } from "./elements";
import { named, type Named } from "./facts";

/** A paragraph: numbered by default; `{ plain }` for lines that are not (sub-headings, address blocks). */
export type Para = string | { plain: string };
export type DraftSection = { key: string; heading: string; paragraphs: Para[] };

/** Joins sections into the stored shape; numbered paragraphs count 1, 2, 3… across sections. */
export function assemble(title: string, sections: DraftSection[]): GeneratedPetition {
  let next = 1;
  return {
    title,
    sections: sections.map((s) => {
      const parts: string[] = [];
      for (const p of s.paragraphs) {
        if (typeof p === "string") {
          const n = numberParagraphs([p], next);
          parts.push(n.body);
          next = n.next;
        } else {
          parts.push(p.plain);
        }
      }
      return { key: s.key, heading: s.heading, body: parts.join("\n\n") };
    }),
  };
}

/** Every person named as their consent for `channel` allows (initials without consent). */
export function namedPeople(data: PetitionCaseData, channel: ConsentChannel, opts: { withChinese?: boolean } = {}): Named[] {
  return data.people.map((p) => named(p, namingFor(p, channel, data.today).naming, opts));
}

/**
 * A sub-heading for a person when a document covers several. Not "1. …": a body line starting
 * with a number is a numbered paragraph (PetitionSection), and the exporters would count it.
 */
export function personHeading(n: Named, index: number, total: number, lang: Lang = "en"): Para[] {
  if (total <= 1) return [];
  return [{ plain: lang === "ko" ? `대상자 ${index + 1} — ${n.name}` : `Case ${index + 1} — ${n.name}` }];
}

/** The organisation's name, address and contact lines, with placeholders for what is missing. */
export function organisationLines(o: PetitionOrganisation, lang: Lang): string[] {
  const name = lang === "ko" ? o.nameKo?.trim() || o.legalName?.trim() : o.legalName?.trim();
  const contact = [o.email?.trim(), o.phone?.trim()].filter(Boolean).join(" · ");
  const lines = [
    name || missing("submitter", lang),
    o.address?.trim() || missing("submitter", lang),
    contact || missing("submitter", lang),
  ];
  if (o.website?.trim()) lines.push(o.website.trim());
  return [...new Set(lines)];
}

export function submitterSection(data: PetitionCaseData, opts: { key?: string; heading?: string } = {}): DraftSection {
  const o = data.organisation;
  const sign = o.signatory?.trim() || missing("signatory", "en");
  return {
    key: opts.key ?? "submitter",
    heading: opts.heading ?? "Submitting organisation",
    paragraphs: [
      { plain: organisationLines(o, "en").join("\n") },
      "The submitting organisation acts as legal representative or on behalf of the family. Its identity and contact details are provided for the use of the United Nations and are to be kept confidential.",
      { plain: `Date: ${dateText({ date: data.today, precision: "DAY" }, "en")}\nSignature: ${sign}` },
    ],
  };
}

const CHANNEL_NAMES: Record<ConsentChannel, string> = {
  WGAD: "the Working Group on Arbitrary Detention",
  SPECIAL_PROCEDURES: "the Special Procedures of the Human Rights Council",
  WGEID: "the Working Group on Enforced or Involuntary Disappearances",
  UNHCR: "the Office of the United Nations High Commissioner for Refugees",
  MEDIA: "public communication",
};

/** The consent statement: who consented to what, stated only as far as consent is actually recorded. */
export function consentSection(data: PetitionCaseData, people: Named[], channel: ConsentChannel): DraftSection {
  const paragraphs: Para[] = people.map((n) => {
    const c = namingFor(n.person, channel, data.today);
    if (!c.consented) return `${n.name}: ${placeholder(`consent to submission to ${CHANNEL_NAMES[channel]}`, "en")}`;
    const how = c.naming === "FULL_NAME" ? "and agreed that the full name may appear in public reports" : "and asked that only initials appear in any public report";
    return `${n.name} (or the family, on the person's behalf) consented to this submission to ${CHANNEL_NAMES[channel]}, knows that it will be transmitted to the authorities concerned and that a summary may be made public, ${how}.`;
  });
  paragraphs.push("The identities of the sources of this information are known to the submitting organisation and are to be kept confidential.");
  return { key: "consent", heading: "Consent and confidentiality", paragraphs };
}

/** Domestic remedies: why none are available to a DPRK escapee held for return. */
export function domesticRemediesParagraph(people: Named[]): string {
  const who = people.length === 1 ? people[0]!.name : "The persons concerned";
  return `${who} ${people.length === 1 ? "has" : "have"} had no access to a lawyer, to a court or to the procedures for determining refugee status. Relatives cannot approach the authorities without exposing themselves and the detainee to reprisals, and no domestic remedy capable of suspending a return to the DPRK is available in practice.`;
}

/** "KIM Young-hee", "K.Y.H. and PARK Chol" — for titles. */
export function titleNames(people: Named[]): string {
  if (people.length <= 3) return people.map((n) => n.name).join(", ");
  return `${people.length} nationals of the DPRK`;
}
