// Name search normalisation. A detainee's name reaches us in many forms (Hangul with or without
// spaces, several romanisations, Chinese characters as written by Chinese police, aliases), so
// every form is folded into one lowercase `searchText` that a trigram index can search.
import { getChoseong, romanize } from "es-hangul";
import { romanisedForms } from "./romanisation";

const HANGUL = /[\uac00-\ud7a3]/;

/** Lowercase, no spaces, hyphens or punctuation: "Kim Ok-hwa" → "kimokhwa". */
export function compact(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[\s\-‐‑'’.·,_]/g, "");
}

/** Every searchable form of one written name. */
export function nameForms(name: string | null | undefined): string[] {
  if (!name?.trim()) return [];
  const forms = new Set<string>([compact(name)]);
  if (HANGUL.test(name)) {
    const hangul = name.replace(/[^\uac00-\ud7a3]/g, "");
    forms.add(hangul);
    // Names are romanised syllable by syllable ("Ok-hwa"), in RR and MR-like forms, with the
    // conventional family-name spellings (Kim/Gim, Lee/Ri/Yi…); running-text romanisation with
    // sound changes ("okwa") is kept too, since some documents use it.
    for (const form of romanisedForms(hangul)) forms.add(form);
    forms.add(romanize(hangul)); // 김옥화 → gimokwa
    forms.add(getChoseong(hangul)); // 김옥화 → ㄱㅇㅎ
  }
  return [...forms].filter(Boolean);
}

export type NameFields = {
  caseNumber?: string | null;
  familyNameRoman?: string | null;
  givenNameRoman?: string | null;
  nameHangul?: string | null;
  nameChinese?: string | null;
  aliases?: readonly string[] | null;
};

export function buildSearchText(fields: NameFields): string {
  const roman = [fields.familyNameRoman, fields.givenNameRoman].filter(Boolean).join(" ");
  const forms = new Set<string>([
    ...nameForms(roman),
    ...nameForms(fields.nameHangul),
    ...nameForms(fields.nameChinese),
    ...(fields.aliases ?? []).flatMap(nameForms),
    ...(fields.caseNumber ? [compact(fields.caseNumber)] : []),
  ]);
  return [...forms].join(" ");
}

/** What to look for in searchText, given what someone typed. */
export function searchNeedle(query: string): string {
  return compact(query).slice(0, 100);
}
