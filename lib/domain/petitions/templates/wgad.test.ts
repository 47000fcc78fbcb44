import { describe, expect, it } from "vitest";
import { wgadRegularCommunication } from "./wgad-regular-communication";
import { wgadUrgentAppeal } from "./wgad-urgent-appeal";
import { barePerson, fullText, sampleData, samplePerson } from "./sample-data";

describe("WGAD regular communication", () => {
  it("follows the model questionnaire, sections I to VI", () => {
    const headings = wgadRegularCommunication.generate(sampleData()).sections.map((s) => s.heading);
    for (const n of ["I.", "II.", "III.", "IV.", "V.", "VI."]) expect(headings.some((h) => h.startsWith(`${n} `)), n).toBe(true);
  });

  it("fills the questionnaire fields from the case, in both scripts", () => {
    const text = fullText(wgadRegularCommunication.generate(sampleData()));
    expect(text).toContain("Family name: KIM\nFirst name: Young-hee");
    expect(text).toContain("Name as recorded by the Chinese authorities: 金英姬");
    expect(text).toContain("Birth date or age: May 1990");
    expect(text).toContain("Place of detention (present): Baishan Detention Centre (白山市看守所)");
    expect(text).toContain("Duration of detention: continuing, about 37 months");
    expect(text).toContain("Signature: LEE Min-jung, Director");
  });

  it("is one questionnaire per person", () => {
    expect(wgadRegularCommunication.maxDetainees).toBe(1);
  });
});

describe("WGAD urgent appeal", () => {
  it("states the urgency facts: health, assessed risk, recent signs and returns from the facility", () => {
    const urgency = wgadUrgentAppeal.generate(sampleData()).sections.find((s) => s.key === "urgency")!.body;
    expect(urgency).toContain("untreated tuberculosis");
    expect(urgency).toContain("is imminent");
    expect(urgency).toContain("refusal of food and medicine sent by relatives (3 November 2026)");
    expect(urgency).toContain("in October 2026 (200–300 people reported)");
  });

  it("leaves out warning signs older than six months", () => {
    const old = samplePerson({ indicators: [{ type: "VISITS_REFUSED", observedOn: { date: new Date("2025-01-10T00:00:00Z"), precision: "DAY" } }] });
    expect(fullText(wgadUrgentAppeal.generate(sampleData([old])))).not.toContain("refusal of visits");
  });

  it("covers several people held together, each under a sub-heading, numbering running on", () => {
    const doc = wgadUrgentAppeal.generate(sampleData([samplePerson(), barePerson({ consents: [] })]));
    const identity = doc.sections.find((s) => s.key === "identity")!.body;
    expect(identity).toMatch(/^Case 1 — KIM Young-hee\n\n2\. KIM Young-hee \(김영희, 金英姬\) is a national/);
    expect(identity).toContain("Case 2 — P.C.\n\n3. P.C. is a national");
    expect(doc.title).toContain("KIM Young-hee, P.C.");
  });

  it("shows the custody chain with facility names in English and Chinese and dates as precise as known", () => {
    const body = wgadUrgentAppeal.generate(sampleData()).sections.find((s) => s.key === "detention")!.body;
    expect(body).toContain("at Tumen Border Defence Detention Centre (图们边防支队看守所) from 14 October 2023 until January 2024; and at Baishan Detention Centre (白山市看守所) since January 2024");
  });
});
