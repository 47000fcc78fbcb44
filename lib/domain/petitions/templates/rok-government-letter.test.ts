import { describe, expect, it } from "vitest";
import { rokGovernmentLetter } from "./rok-government-letter";
import { fullText, sampleData, samplePerson } from "./sample-data";

const hangulShare = (text: string) => {
  const letters = [...text].filter((c) => /[\p{L}]/u.test(c));
  return letters.filter((c) => /[\uAC00-\uD7A3]/.test(c)).length / letters.length;
};

describe("letter to the ROK Government", () => {
  it("is written in Korean", () => {
    expect(rokGovernmentLetter.language).toBe("ko");
    const doc = rokGovernmentLetter.generate(sampleData());
    // The template's own words are Korean; only recorded data (places, names in other scripts) is not.
    const own = [doc.title, ...doc.sections.flatMap((s) => [s.heading, s.key === "persons" ? "" : s.body])].join("\n");
    expect(hangulShare(own)).toBeGreaterThan(0.8);
    expect(doc.sections.map((s) => s.heading)).toEqual(["수신", "요청 취지", "대상자 및 구금 현황", "법적 근거", "요청 사항", "서명"]);
  });

  it("names the person Korean-first, with Korean dates and the facility in Chinese characters", () => {
    const text = fullText(rokGovernmentLetter.generate(sampleData()));
    expect(text).toContain("김영희(KIM Young-hee)(여, 1990년 5월생, 36세");
    expect(text).toContain("2023년 10월 14일에 중국 Tumen, Jilin Province에서");
    expect(text).toContain("Tumen Border Defence Detention Centre(图们边防支队看守所)(2023년 10월 14일부터 2024년 1월까지)");
    expect(text).toContain("헤이븐 법률지원센터는");
  });

  it("names people only as a MEDIA consent allows", () => {
    const initialsOnly = samplePerson({ consents: [{ channel: "MEDIA", naming: "INITIALS", givenOn: new Date("2026-11-01T00:00:00Z"), revokedAt: null, createdAt: new Date("2026-11-01T00:00:00Z") }] });
    const text = fullText(rokGovernmentLetter.generate(sampleData([initialsOnly])));
    expect(text).toContain("K.Y.H.(여,");
    expect(text).not.toContain("김영희");
  });
});
