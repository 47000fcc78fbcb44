// Case data for the template tests (and for previewing a template while writing one): a complete
// case, and helpers to blank fields. Fictional people; real facility names.
import type { PetitionCaseData, PetitionPerson } from "../case-data";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const SAMPLE_TODAY = d("2026-11-28");

const tumen = { id: "fac1", nameEn: "Tumen Border Defence Detention Centre", nameLocal: "图们边防支队看守所", type: "BORDER_DEFENCE_STATION" as const, country: "CN", province: "Jilin", city: "Tumen" };
const baishan = { id: "fac2", nameEn: "Baishan Detention Centre", nameLocal: "白山市看守所", type: "DETENTION_CENTRE" as const, country: "CN", province: "Jilin", city: "Baishan" };

export function samplePerson(overrides: Partial<PetitionPerson> = {}): PetitionPerson {
  return {
    id: "det1",
    caseNumber: "HV-2026-0042",
    familyNameRoman: "Kim",
    givenNameRoman: "Young-hee",
    nameHangul: "김영희",
    nameChinese: "金英姬",
    sex: "FEMALE",
    birthDate: { date: d("1990-05-01"), precision: "MONTH" },
    estimatedAge: null,
    homeProvince: "North Hamgyong Province",
    status: "DETAINED",
    arrestDate: { date: d("2023-10-14"), precision: "DAY" },
    arrestPlace: "Tumen, Jilin Province",
    arrestAuthority: "the Tumen Border Defence Detachment",
    narrative: "She crossed the Tumen River in September 2023 and worked on a farm near Tumen until her arrest.",
    healthConcerns: "she suffers from untreated tuberculosis",
    hasSouthKoreaLinks: true,
    riskLevel: "IMMINENT",
    custody: [
      { facility: tumen, from: { date: d("2023-10-14"), precision: "DAY" }, to: { date: d("2024-01-01"), precision: "MONTH" } },
      { facility: baishan, from: { date: d("2024-01-01"), precision: "MONTH" }, to: null },
    ],
    currentFacility: baishan,
    indicators: [{ type: "SUPPLIES_REFUSED", observedOn: { date: d("2026-11-03"), precision: "DAY" } }],
    returns: [],
    facilityReturns: [{ date: { date: d("2026-10-01"), precision: "MONTH" }, handoverPoint: "Dandong–Sinuiju bridge", reportedMin: 200, reportedMax: 300, verification: "CORROBORATED" }],
    consents: (["WGAD", "SPECIAL_PROCEDURES", "WGEID", "UNHCR", "MEDIA"] as const).map((channel) => ({ channel, naming: "FULL_NAME" as const, givenOn: d("2026-11-01"), revokedAt: null, createdAt: d("2026-11-01") })),
    ...overrides,
  };
}

/** A person with nothing but a Hangul name recorded. */
export function barePerson(overrides: Partial<PetitionPerson> = {}): PetitionPerson {
  return samplePerson({
    id: "det2", caseNumber: "HV-2026-0043", familyNameRoman: null, givenNameRoman: null, nameHangul: "박철", nameChinese: null, sex: "UNKNOWN",
    birthDate: null, estimatedAge: null, homeProvince: null, arrestDate: null, arrestPlace: null, arrestAuthority: null, narrative: null,
    healthConcerns: null, hasSouthKoreaLinks: false, riskLevel: null, custody: [], currentFacility: null, indicators: [], returns: [],
    facilityReturns: [], consents: [],
    ...overrides,
  });
}

export function sampleData(people: PetitionPerson[] = [samplePerson()], overrides: Partial<PetitionCaseData> = {}): PetitionCaseData {
  return {
    language: "en",
    today: SAMPLE_TODAY,
    organisation: {
      teamId: "team1", teamName: "Seoul team", legalName: "Haven Legal Aid Centre", nameKo: "헤이븐 법률지원센터", address: "12 Sejong-daero, Jongno-gu, Seoul 03172, Republic of Korea",
      email: "un@haven.example", phone: "+82 2 555 0100", website: null, signatory: "LEE Min-jung, Director",
    },
    people,
    aggregates: null,
    ...overrides,
  };
}

/** Every section of a generated document as one string (title included), for searching. */
export function fullText(doc: { title: string; sections: { heading: string; body: string }[] }): string {
  return [doc.title, ...doc.sections.flatMap((s) => [s.heading, s.body])].join("\n");
}
