// WGAD regular communication, laid out as the Working Group's model questionnaire (sections
// I-VI, UN-PETITIONS.md). The Government then has 60 days to reply before an Opinion. One
// questionnaire per person, as the Working Group asks.
import type { PetitionCaseData } from "../case-data";
import type { PartialDate } from "@/lib/dates/partial-date";
import { dateText, facilityName } from "../prose";
import type { PetitionTemplate } from "../types";
import { buildChecks, missing } from "./elements";
import { arrestParagraph, circumstancesParagraph, custodyParagraph, identityParagraph, LEGISLATION, type Named, PRC } from "./facts";
import { assemble, consentSection, domesticRemediesParagraph, namedPeople, submitterSection, titleNames } from "./sections";
import { ARBITRARINESS, WGAD_ADDRESS } from "./wgad-common";

const lines = (rows: [string, string][]) => ({ plain: rows.map(([k, v]) => `${k}: ${v}`).join("\n") });
const orMissing = (d: PartialDate | null, key: Parameters<typeof missing>[0]) => (d ? dateText(d, "en") : missing(key, "en"));

function duration(from: Date, to: Date): string {
  const days = Math.max(0, Math.round((to.getTime() - from.getTime()) / 86_400_000));
  if (days < 60) return `about ${days} days`;
  return `about ${Math.round(days / 30.44)} months`;
}

function identity(n: Named, today: Date) {
  const p = n.person;
  const age = p.birthDate ? dateText(p.birthDate, "en") : p.estimatedAge !== null ? `about ${p.estimatedAge} years old` : missing("birthDateOrAge", "en");
  const sex = { FEMALE: "Female", MALE: "Male", OTHER: "Other", UNKNOWN: missing("sex", "en") }[p.sex];
  const nameRows: [string, string][] =
    n.naming === "FULL_NAME"
      ? [["Family name", p.familyNameRoman?.trim().toUpperCase() || p.nameHangul?.trim() || missing("fullName", "en")], ["First name", p.givenNameRoman?.trim() || (p.nameHangul ? n.name : missing("fullName", "en"))], ["Name in Korean", p.nameHangul?.trim() || "not recorded"], ["Name as recorded by the Chinese authorities", p.nameChinese?.trim() || "not known"]]
      : [["Name", `${n.name} (initials only, at the request of the person or the family)`]];
  return [
    lines([...nameRows, ["Sex", sex], ["Birth date or age", age], ["Nationality", "Democratic People's Republic of Korea"], ["Identity document", "none known"], ["Profession", "not known to the submitting organisation"], ["Usual residence", p.homeProvince?.trim() ? `${p.homeProvince.trim()}, DPRK` : "DPRK (province not known)"]]),
    identityParagraph(n, today),
  ];
}

function arrest(n: Named) {
  const p = n.person;
  return [
    lines([["Date of arrest", orMissing(p.arrestDate, "arrestDate")], ["Place of arrest", p.arrestPlace?.trim() || missing("arrestPlace", "en")], ["Forces who carried out the arrest", p.arrestAuthority?.trim() || missing("arrestAuthority", "en")], ["Warrant shown", "none known"], ["Authority who issued the warrant", "none known"]]),
    arrestParagraph(n),
    LEGISLATION,
  ];
}

function detention(n: Named, today: Date) {
  const p = n.person;
  const first = p.custody[0]?.from ?? p.arrestDate;
  const end = p.currentFacility ? today : p.custody.at(-1)?.to?.date ?? today;
  return [
    lines([
      ["Date of detention", orMissing(first, "custody")],
      ["Duration of detention", first ? `${p.currentFacility ? "continuing, " : ""}${duration(first.date, end)}` : missing("custody", "en")],
      ["Forces holding the detainee", `the public security and border defence authorities of ${PRC}`],
      ["Place of detention (present)", p.currentFacility ? facilityName(p.currentFacility, "en") : missing("currentFacility", "en")],
      ["Authorities that ordered the detention", "not disclosed to the detainee or the family"],
      ["Reasons given", "none given; the detainee is believed to be held as an illegal border crosser pending return to the DPRK"],
    ]),
    custodyParagraph(n),
  ];
}

export const wgadRegularCommunication: PetitionTemplate = {
  kind: "WGAD_REGULAR_COMMUNICATION",
  channel: "WGAD",
  language: "en",
  minDetainees: 1,
  maxDetainees: 1,
  checks: (data) =>
    buildChecks(data, {
      person: ["fullName", "sex", "birthDateOrAge", "arrestDate", "arrestPlace", "arrestAuthority", "custody", "currentFacility", "circumstances"],
      consent: "WGAD",
      organisation: ["submitter", "signatory"],
    }),
  generate: (data: PetitionCaseData) => {
    const people = namedPeople(data, "WGAD", { withChinese: true });
    const each = <T>(f: (n: Named) => T[]) => people.flatMap(f);
    return assemble(`Communication to the Working Group on Arbitrary Detention concerning ${titleNames(people)}, detained in ${PRC}`, [
      { key: "addressee", heading: "To", paragraphs: [{ plain: WGAD_ADDRESS }] },
      { key: "identity", heading: "I. Identity", paragraphs: each((n) => identity(n, data.today)) },
      { key: "arrest", heading: "II. Arrest", paragraphs: each(arrest) },
      { key: "detention", heading: "III. Detention", paragraphs: each((n) => detention(n, data.today)) },
      { key: "circumstances", heading: "IV. Circumstances of the arrest and detention and why they are arbitrary", paragraphs: [...each((n) => [circumstancesParagraph(n)]), ...ARBITRARINESS] },
      { key: "domestic", heading: "V. Domestic steps taken", paragraphs: [domesticRemediesParagraph(people)] },
      consentSection(data, people, "WGAD"),
      submitterSection(data, { heading: "VI. Full name and address of the submitter" }),
    ]);
  },
};
