// Properties every template must have: required elements listed, complete data renders without
// gaps, every gap is a visible placeholder matched by a failing check (and the reverse), names
// never exceed what consent allows, paragraph numbers run through the document.
import { describe, expect, it } from "vitest";
import type { PetitionKind } from "@/lib/generated/prisma/enums";
import type { PetitionPerson } from "../case-data";
import { AVAILABLE_KINDS, getTemplate } from ".";
import { ORG_ELEMENTS, PERSON_ELEMENTS } from "./elements";
import { barePerson, fullText, sampleData, samplePerson } from "./sample-data";

const UN_PERSON = ["fullName", "sex", "birthDateOrAge", "arrestDate", "arrestPlace", "arrestAuthority", "custody", "currentFacility"];
const EXPECTED: Record<Exclude<PetitionKind, "CAT_ARTICLE_22">, string[]> = {
  WGAD_URGENT_APPEAL: [...UN_PERSON, "circumstances", "urgency", "consent", "submitter", "signatory"],
  WGAD_REGULAR_COMMUNICATION: [...UN_PERSON, "circumstances", "consent", "submitter", "signatory"],
  SPECIAL_PROCEDURES_URGENT_APPEAL: [...UN_PERSON, "circumstances", "urgency", "consent", "submitter", "signatory"],
  WGEID_URGENT_ACTION: ["fullName", "sex", "birthDateOrAge", "disappearance", "consent", "submitter", "signatory"],
  UNHCR_INTERVENTION: [...UN_PERSON, "urgency", "consent", "submitter", "signatory"],
  UNGA_THIRD_COMMITTEE_LETTER: ["custody", "consent", "submitter", "signatory"],
  ROK_GOVERNMENT_LETTER: [...UN_PERSON, "urgency", "consent", "submitter", "signatory"],
};
const kinds = Object.keys(EXPECTED) as (keyof typeof EXPECTED)[];
const CHANNEL_OR_MEDIA = (kind: PetitionKind) => getTemplate(kind).channel ?? "MEDIA";
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A complete case for `kind` (WGEID needs a person who disappeared after a return). */
function completePerson(kind: PetitionKind, overrides: Partial<PetitionPerson> = {}): PetitionPerson {
  if (kind !== "WGEID_URGENT_ACTION") return samplePerson(overrides);
  return samplePerson({
    status: "DISAPPEARED",
    custody: [{ ...samplePerson().custody[0]!, to: { date: d("2026-10-02"), precision: "DAY" } }],
    currentFacility: null,
    returns: [{ date: { date: d("2026-10-02"), precision: "DAY" }, handoverPoint: "Tumen–Namyang bridge", reportedMin: 40, reportedMax: 60, verification: "CONFIRMED" }],
    ...overrides,
  });
}
const consentAll = (naming: "FULL_NAME" | "INITIALS") =>
  (["WGAD", "SPECIAL_PROCEDURES", "WGEID", "UNHCR", "MEDIA"] as const).map((channel) => ({ channel, naming, givenOn: d("2026-11-01"), revokedAt: null, createdAt: d("2026-11-01") }));
const emptyOrg = { teamId: "team1", teamName: "T", legalName: null, nameKo: null, address: null, email: null, phone: null, website: null, signatory: null };
const PLACEHOLDER = /\[([^\]]+?) — (?:missing|누락)\]/g;

describe.each(kinds)("%s", (kind) => {
  const t = getTemplate(kind);

  it("lists its channel's required elements", () => {
    const keys = t.checks(sampleData([completePerson(kind)])).map((c) => c.key.split(":")[0]);
    expect(keys).toEqual(EXPECTED[kind]);
  });

  it("renders complete data without a gap, every check present", () => {
    const data = sampleData([completePerson(kind)]);
    expect(t.checks(data).filter((c) => !c.present)).toEqual([]);
    const text = fullText(t.generate(data));
    expect(text.match(PLACEHOLDER)).toBeNull();
    expect(text).toContain(kind === "ROK_GOVERNMENT_LETTER" ? "헤이븐 법률지원센터" : "Haven Legal Aid Centre");
  });

  it("shows a placeholder for each missing element, and only for those", () => {
    const data = sampleData([barePerson({ consents: consentAll("FULL_NAME") })], { organisation: emptyOrg });
    const failing = t.checks(data).filter((c) => !c.present).map((c) => c.key.split(":")[0]!);
    const label = (k: string) => {
      const e = (PERSON_ELEMENTS as Record<string, { en: string; ko: string }>)[k] ?? (ORG_ELEMENTS as Record<string, { en: string; ko: string }>)[k]!;
      return t.language === "ko" ? e.ko : e.en;
    };
    const shown = new Set([...fullText(t.generate(data)).matchAll(PLACEHOLDER)].map((m) => m[1]));
    expect(failing.length).toBeGreaterThan(0);
    for (const k of failing) expect(shown, k).toContain(label(k));
    expect([...shown].sort()).toEqual([...new Set(failing.map(label))].sort());
  });

  it("points each missing element at the field, consent panel or organisation page that fixes it", () => {
    const checks = t.checks(sampleData([barePerson()], { organisation: emptyOrg }));
    const href = (key: string) => checks.find((c) => c.key === key)?.fixHref;
    if (EXPECTED[kind].includes("arrestDate")) expect(href("arrestDate:det2")).toBe("/detainees/det2/edit#f-arrestDate");
    expect(href("consent:det2")).toBe("/detainees/det2#consent");
    expect(checks.find((c) => c.key === "consent:det2")).toMatchObject({ present: false, labelKey: "petitionElements.consent", labelParams: { name: "P.C." } });
    expect(href("submitter")).toBe("/admin/teams/team1#organisation");
  });

  it("uses initials only, everywhere, when consent says INITIALS", () => {
    const text = fullText(t.generate(sampleData([completePerson(kind, { consents: consentAll("INITIALS") })])));
    for (const form of ["김영희", "金英姬", "Young-hee", "KIM"]) expect(text).not.toContain(form);
    expect(text).toContain("K.Y.H.");
  });

  it("uses initials and flags consent when none is recorded for the channel", () => {
    const others = consentAll("FULL_NAME").filter((c) => c.channel !== CHANNEL_OR_MEDIA(kind));
    const data = sampleData([completePerson(kind, { consents: others })]);
    const text = fullText(t.generate(data));
    for (const form of ["김영희", "金英姬", "Young-hee"]) expect(text).not.toContain(form);
    expect(t.checks(data).find((c) => c.key === "consent:det1")?.present).toBe(false);
  });

  it("numbers paragraphs 1, 2, 3… through the whole document", () => {
    const doc = t.generate(sampleData([completePerson(kind)]));
    const numbers = doc.sections.flatMap((s) => s.body.split("\n\n")).map((p) => /^(\d+)\. /.exec(p)?.[1]).filter(Boolean).map(Number);
    expect(numbers.length).toBeGreaterThan(3);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(new Set(doc.sections.map((s) => s.key)).size).toBe(doc.sections.length);
  });

  it("writes partial dates to the precision known", () => {
    const text = fullText(t.generate(sampleData([completePerson(kind)])));
    if (t.language === "ko") {
      expect(text).toContain("2023년 10월 14일");
      expect(text).toContain("2024년 1월");
    } else if (kind === "WGEID_URGENT_ACTION") {
      expect(text).toContain("on 2 October 2026");
    } else {
      expect(text).toMatch(/on 14 October 2023|since January 2024/);
      expect(text).not.toMatch(/1 January 2024/);
    }
  });
});

describe("links to South Korea", () => {
  it("never reach a document sent to the UN (the detaining State receives it), only the ROK letter", () => {
    for (const kind of kinds) {
      const t = getTemplate(kind);
      const withLinks = fullText(t.generate(sampleData([completePerson(kind, { hasSouthKoreaLinks: true })])));
      const without = fullText(t.generate(sampleData([completePerson(kind, { hasSouthKoreaLinks: false })])));
      if (kind === "ROK_GOVERNMENT_LETTER") expect(withLinks).toContain("대한민국과의 연고");
      else expect(withLinks).toBe(without);
    }
  });
});

describe("CAT article 22", () => {
  it("is marked unavailable with a reason and is not offered", () => {
    expect(getTemplate("CAT_ARTICLE_22").unavailableKey).toBe("petitionKinds.catUnavailable");
    expect(AVAILABLE_KINDS).not.toContain("CAT_ARTICLE_22");
    expect(AVAILABLE_KINDS).toHaveLength(7);
  });
});
