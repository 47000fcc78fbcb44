// Letter to the Third Committee delegations sponsoring the annual DPRK human rights resolution
// (UN-PETITIONS.md). No petition procedure: advocacy built on aggregated, anonymised figures —
// returns by facility and month (shared knowledge) and the team's own detainees at high or
// imminent risk (counts only). Individual cases appear only as illustrations and only with
// consent.
//
// Naming rule (no UN channel governs a letter): a person is named only as a MEDIA consent allows —
// the letter circulates among delegations and may be quoted. Without a MEDIA consent the case is
// left out of the text altogether (initials and a facility can identify someone to the detaining
// State) and the missing consent is flagged, which blocks approval.
import type { PetitionAggregates, PetitionCaseData } from "../case-data";
import { datePhrase, dateText, facilityName, people as peopleCount, placeholder } from "../prose";
import type { PetitionTemplate } from "../types";
import { buildChecks, missing, namingFor } from "./elements";
import { custodyParagraph, type Named } from "./facts";
import { assemble, namedPeople, organisationLines, type Para } from "./sections";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The General Assembly session meeting in the autumn of `today`'s year (the 80th opened in September 2025). */
export function gaSession(today: Date): number {
  return today.getUTCFullYear() - 1945 - (today.getUTCMonth() < 8 ? 1 : 0);
}

/** 81 → "81st", 82 → "82nd", 111 → "111th". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

function returnLines(a: PetitionAggregates): Para[] {
  if (!a.returns.length) return [`No forced returns were recorded by the submitting organisation since ${dateText({ date: a.since, precision: "MONTH" }, "en")}.`];
  const lines = a.returns.map((r) => {
    const when = r.month ? `${MONTHS[r.month - 1]} ${r.year}` : `${r.year} (month not known)`;
    const where = r.facilityNameEn ? facilityName({ nameEn: r.facilityNameEn, nameLocal: r.facilityNameLocal }, "en") : r.region ?? "place of departure not recorded";
    const n = r.reportedMin || r.reportedMax ? `, ${r.reportedMin && r.reportedMax && r.reportedMin !== r.reportedMax ? `${r.reportedMin}–${r.reportedMax}` : `about ${r.reportedMax ?? r.reportedMin}`} people reported` : "";
    return `– ${when}: ${where} — ${r.events} ${r.events === 1 ? "return" : "returns"}${n}`;
  });
  const min = a.returns.reduce((s, r) => s + (r.reportedMin ?? 0), 0);
  const max = a.returns.reduce((s, r) => s + (r.reportedMax ?? r.reportedMin ?? 0), 0);
  return [
    `Since ${dateText({ date: a.since, precision: "MONTH" }, "en")}, the submitting organisation has recorded ${a.returns.reduce((s, r) => s + r.events, 0)} forced returns of nationals of the DPRK from the People's Republic of China, involving between ${min} and ${max} people by the reports received. By place of departure and month:`,
    { plain: lines.join("\n") },
  ];
}

function atRiskLines(a: PetitionAggregates): Para[] {
  const r = a.atRisk;
  if (!r.total) return ["None of the detainees whose cases the submitting organisation follows is currently assessed at high or imminent risk of return."];
  const where = r.byFacility.map((f) => `– ${facilityName(f, "en")}: ${peopleCount(f.count, "en")}`).join("\n");
  return [
    `At the date of this letter, ${peopleCount(r.total, "en")} whose cases the submitting organisation follows ${r.total === 1 ? "is" : "are"} held at high or imminent risk of forced return (${r.byLevel.IMMINENT ?? 0} imminent, ${r.byLevel.HIGH ?? 0} high). Names are withheld for their protection. By place of detention:`,
    { plain: where || "– place of detention not recorded" },
  ];
}

function illustration(data: PetitionCaseData, n: Named): string {
  if (!namingFor(n.person, "MEDIA", data.today).consented) return placeholder(`consent to be cited publicly (${n.name})`, "en");
  const arrested = n.person.arrestDate ? `, arrested ${datePhrase(n.person.arrestDate, "en")}` : "";
  return `${n.name}${arrested}. ${custodyParagraph(n)}`;
}

export const ungaThirdCommitteeLetter: PetitionTemplate = {
  kind: "UNGA_THIRD_COMMITTEE_LETTER",
  channel: null,
  language: "en",
  minDetainees: 0,
  maxDetainees: null,
  usesAggregates: true,
  checks: (data) => buildChecks(data, { person: ["custody"], consent: "MEDIA", organisation: ["submitter", "signatory"] }),
  generate: (data: PetitionCaseData) => {
    const a = data.aggregates ?? { since: data.today, returns: [], atRisk: { total: 0, byLevel: {}, byFacility: [] } };
    const session = ordinal(gaSession(data.today));
    const people = namedPeople(data, "MEDIA");
    const o = data.organisation;
    return assemble(`Forced returns of nationals of the DPRK from China: letter to the sponsors of the draft resolution on the situation of human rights in the DPRK (General Assembly, ${session} session)`, [
      {
        key: "addressee",
        heading: "To",
        paragraphs: [{ plain: `The Permanent Representatives of the main sponsor and co-sponsors of the draft resolution on the situation of human rights in the Democratic People's Republic of Korea\nThird Committee, ${session} session of the General Assembly\nNew York` }],
      },
      {
        key: "purpose",
        heading: "Purpose",
        paragraphs: [`Excellency, we write ahead of the Third Committee's consideration of the draft resolution on the situation of human rights in the Democratic People's Republic of Korea at the ${session} session, to share what we have documented about forced returns from the People's Republic of China and to propose language on non-refoulement.`],
      },
      { key: "returns", heading: "Forced returns by place and month", paragraphs: returnLines(a) },
      { key: "atRisk", heading: "People currently at risk", paragraphs: atRiskLines(a) },
      ...(people.length ? [{ key: "cases", heading: "Illustrative cases (cited with consent)", paragraphs: people.map((n) => illustration(data, n)) }] : []),
      {
        key: "language",
        heading: "Proposed paragraph",
        paragraphs: [
          "We propose that the resolution: “Urges all States to respect the fundamental principle of non-refoulement, to refrain from forcibly returning nationals of the Democratic People's Republic of Korea who have left the country, to treat with humanity those who seek refuge, to ensure unhindered access for the Office of the United Nations High Commissioner for Refugees to them, and to allow them safe passage to a country of their choice.”",
        ],
      },
      {
        key: "asks",
        heading: "Our requests",
        paragraphs: ["We ask your delegation to support the inclusion of this language, to co-sponsor the resolution, and to raise forced returns in bilateral contacts with the People's Republic of China and in your statements before the Third Committee."],
      },
      {
        key: "signatories",
        heading: "Signatory organisations",
        paragraphs: [{ plain: [...organisationLines(o, "en"), o.signatory?.trim() || missing("signatory", "en")].join("\n") }],
      },
    ]);
  },
};
