import { describe, expect, it } from "vitest";
import type { PetitionAggregates } from "../case-data";
import { gaSession, ordinal, ungaThirdCommitteeLetter } from "./unga-third-committee-letter";
import { fullText, sampleData, samplePerson } from "./sample-data";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const aggregates: PetitionAggregates = {
  since: d("2024-11-01"),
  returns: [
    { facilityNameEn: "Tumen Border Defence Detention Centre", facilityNameLocal: "图们边防支队看守所", region: null, year: 2026, month: 10, events: 2, reportedMin: 500, reportedMax: 600 },
    { facilityNameEn: null, facilityNameLocal: null, region: "Liaoning", year: 2025, month: null, events: 1, reportedMin: null, reportedMax: 50 },
  ],
  atRisk: { total: 3, byLevel: { IMMINENT: 2, HIGH: 1 }, byFacility: [{ nameEn: "Baishan Detention Centre", nameLocal: "白山市看守所", count: 3 }] },
};

describe("letter to Third Committee delegations", () => {
  it("needs no individual case", () => {
    expect(ungaThirdCommitteeLetter.minDetainees).toBe(0);
    expect(ungaThirdCommitteeLetter.usesAggregates).toBe(true);
  });

  it("gives returns by facility and month, and people at risk as anonymous counts", () => {
    const text = fullText(ungaThirdCommitteeLetter.generate(sampleData([], { aggregates })));
    expect(text).toContain("– October 2026: Tumen Border Defence Detention Centre (图们边防支队看守所) — 2 returns, 500–600 people reported");
    expect(text).toContain("– 2025 (month not known): Liaoning — 1 return, about 50 people reported");
    expect(text).toContain("recorded 3 forced returns");
    expect(text).toContain("3 people whose cases the submitting organisation follows are held at high or imminent risk of forced return (2 imminent, 1 high)");
    expect(text).toContain("– Baishan Detention Centre (白山市看守所): 3 people");
  });

  it("cites an illustrative case only with a MEDIA consent, and otherwise says nothing about it", () => {
    const withConsent = fullText(ungaThirdCommitteeLetter.generate(sampleData([samplePerson()], { aggregates })));
    expect(withConsent).toContain("KIM Young-hee, arrested on 14 October 2023");
    const noMedia = samplePerson({ consents: samplePerson().consents.filter((c) => c.channel !== "MEDIA") });
    const text = fullText(ungaThirdCommitteeLetter.generate(sampleData([noMedia], { aggregates })));
    expect(text).toContain("[consent to be cited publicly (K.Y.H.) — missing]");
    expect(text).not.toContain("Baishan Detention Centre (白山市看守所) since");
    expect(text).not.toContain("14 October 2023");
  });

  it("names the General Assembly session meeting that autumn", () => {
    expect(gaSession(d("2026-11-28"))).toBe(81);
    expect(gaSession(d("2026-03-01"))).toBe(80);
    expect([ordinal(81), ordinal(82), ordinal(83), ordinal(111), ordinal(80)]).toEqual(["81st", "82nd", "83rd", "111th", "80th"]);
    expect(ungaThirdCommitteeLetter.generate(sampleData([], { aggregates })).title).toContain("81st session");
  });
});
