// The small pieces of petition prose: dates to the precision known, names as consent allows,
// facility names in both scripts, numbered paragraphs. Pure, so every template words these the
// same way and the tests pin them once.
import { romanize } from "es-hangul";
import { formatPartialDate, type PartialDate } from "@/lib/dates/partial-date";

export type Lang = "en" | "ko";
export type Naming = "FULL_NAME" | "INITIALS";

/** The bare date: "14 October 2023", "October 2023", "2023"; "2023년 10월 14일", "2023년 10월", "2023년". */
export function dateText(value: PartialDate, lang: Lang): string {
  return formatPartialDate(value, lang);
}

/**
 * The date as an adverbial phrase: "on 14 October 2023", "in October 2023", "in 2023". Korean needs
 * no preposition; the particle (에) is the sentence's business.
 */
export function datePhrase(value: PartialDate, lang: Lang): string {
  if (lang === "ko") return dateText(value, lang);
  return `${value.precision === "DAY" ? "on" : "in"} ${dateText(value, lang)}`;
}

/** A visible gap the drafter must fill: "[date of arrest — missing]" / "[체포 일자 — 누락]". */
export function placeholder(what: string, lang: Lang): string {
  return lang === "ko" ? `[${what} — 누락]` : `[${what} — missing]`;
}

export type NameParts = { familyNameRoman: string | null; givenNameRoman: string | null; nameHangul: string | null; nameChinese?: string | null };

// Family names whose usual Latin spelling differs from Revised Romanisation's (김 is "Kim", not
// "Gim"; 박 "Pak", not "Bak"; 리 "Ri"). Used when only the Hangul is recorded, so the same person gets
// the same initials and spelling as from the passport-style name people use.
const FAMILY_SPELLING: Record<string, string> = {
  김: "Kim", 강: "Kang", 고: "Ko", 권: "Kwon", 곽: "Kwak", 구: "Ku", 공: "Kong", 기: "Ki", 길: "Kil", 금: "Kum", 국: "Kuk",
  박: "Pak", 리: "Ri", 이: "Lee", 림: "Rim", 류: "Ryu", 량: "Ryang", 로: "Ro", 룡: "Ryong",
};

function capitalise(word: string): string {
  return word ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : word;
}

/** The Hangul name split as family name + given syllables, romanised (conventional family name, RR otherwise). */
function romaniseHangul(hangul: string): { family: string; given: string[] } {
  const [family = "", ...given] = [...hangul.replace(/\s+/g, "")];
  return { family: FAMILY_SPELLING[family] ?? romanize(family), given: given.map((s) => romanize(s)) };
}

/** "K.Y.H.": from the romanised names, else from the Hangul (per syllable), else "N.N.". */
export function initials(n: NameParts): string {
  let words: string[] = [];
  if (n.familyNameRoman?.trim() || n.givenNameRoman?.trim()) {
    words = [n.familyNameRoman ?? "", n.givenNameRoman ?? ""].join(" ").split(/[\s\-‐]+/);
  } else if (n.nameHangul?.trim()) {
    const r = romaniseHangul(n.nameHangul);
    words = [r.family, ...r.given];
  }
  const letters = words.map((w) => w.trim()[0]?.toUpperCase() ?? "").filter((l) => /\p{L}/u.test(l));
  return letters.length ? `${letters.join(".")}.` : "N.N.";
}

/** "KIM Young-hee": family name in capitals (the UN's convention), given name as recorded. */
export function romanName(n: NameParts): string | null {
  if (n.familyNameRoman?.trim() || n.givenNameRoman?.trim()) {
    return [n.familyNameRoman?.trim().toUpperCase(), n.givenNameRoman?.trim()].filter(Boolean).join(" ");
  }
  if (!n.nameHangul?.trim()) return null;
  const r = romaniseHangul(n.nameHangul);
  return [r.family.toUpperCase(), capitalise(r.given.join("-"))].filter(Boolean).join(" ");
}

/**
 * The name as consent allows. FULL_NAME: "KIM Young-hee (김영희)" in English, "김영희(KIM Young-hee)"
 * in Korean; INITIALS: "K.Y.H." in both. The Chinese-character form is added when asked for
 * (the UN's letter to the Government must match what Chinese records say); `short` gives only the
 * main form, for every mention after the first.
 */
export function personName(n: NameParts, naming: Naming, lang: Lang, opts: { withChinese?: boolean; short?: boolean } = {}): string {
  if (naming === "INITIALS") return initials(n);
  const roman = romanName(n);
  const hangul = n.nameHangul?.trim() || null;
  if (opts.short) return (lang === "ko" ? hangul ?? roman : roman ?? hangul) ?? initials(n);
  const extras = [lang === "ko" ? roman : hangul, opts.withChinese ? n.nameChinese?.trim() || null : null].filter((x): x is string => Boolean(x));
  const main = lang === "ko" ? hangul ?? roman : roman ?? hangul;
  if (!main) return initials(n);
  const rest = extras.filter((x) => x !== main);
  if (!rest.length) return main;
  return lang === "ko" ? `${main}(${rest.join(", ")})` : `${main} (${rest.join(", ")})`;
}

export type FacilityNames = { nameEn: string; nameLocal: string | null };

/** "Tumen Border Defence Detention Centre (图们边防支队看守所)"; the local script only when recorded. */
export function facilityName(f: FacilityNames, lang: Lang): string {
  const local = f.nameLocal?.trim();
  if (!local || local === f.nameEn) return f.nameEn;
  return lang === "ko" ? `${f.nameEn}(${local})` : `${f.nameEn} (${local})`;
}

/** "A, B and C" / "A, B 및 C". */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? "";
  const last = items[items.length - 1]!;
  return `${items.slice(0, -1).join(", ")} ${lang === "ko" ? "및" : "and"} ${last}`;
}

/**
 * Numbers paragraphs "1. …", "2. …" from `start`, separated by blank lines, the body format of
 * PetitionSection. Returns the body and the next number, so numbering runs through a document.
 */
export function numberParagraphs(paragraphs: string[], start = 1): { body: string; next: number } {
  const body = paragraphs.map((p, i) => `${start + i}. ${p.trim()}`).join("\n\n");
  return { body, next: start + paragraphs.length };
}

/** Whole years between a birth date and `today` ("aged 34"), counted conservatively for partial dates. */
export function ageOn(birth: PartialDate, today: Date): number {
  const b = birth.date;
  let age = today.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday = today.getUTCMonth() < b.getUTCMonth() || (today.getUTCMonth() === b.getUTCMonth() && today.getUTCDate() < b.getUTCDate());
  if (birth.precision === "DAY" && beforeBirthday) age -= 1;
  if (birth.precision === "MONTH" && today.getUTCMonth() < b.getUTCMonth()) age -= 1;
  return age;
}

/** A count with its noun: "1 person", "3 people"; Korean "3명". */
export function people(count: number, lang: Lang): string {
  if (lang === "ko") return `${count}명`;
  return `${count} ${count === 1 ? "person" : "people"}`;
}
