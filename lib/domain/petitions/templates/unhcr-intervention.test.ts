import { describe, expect, it } from "vitest";
import { specialProceduresUrgentAppeal } from "./special-procedures-urgent-appeal";
import { unhcrIntervention } from "./unhcr-intervention";
import { fullText, sampleData, samplePerson } from "./sample-data";

describe("UNHCR intervention request", () => {
  it("asks for access, no refoulement and a joint status assessment on China's own commitments", () => {
    const asks = unhcrIntervention.generate(sampleData()).sections.find((s) => s.key === "asks")!.body;
    expect(asks).toContain("1995 agreement between UNHCR and the Government of the People's Republic of China");
    expect(asks).toContain("acceding in 1982 to the 1951 Convention");
    expect(asks).toContain("joint assessment");
  });

  it("names the present facility in both scripts", () => {
    expect(fullText(unhcrIntervention.generate(sampleData()))).toContain("held at Baishan Detention Centre (白山市看守所), who is at imminent risk");
  });
});

describe("joint Special Procedures urgent appeal", () => {
  it("names the alleged perpetrators from the case and the consent items the mandates ask for", () => {
    const doc = specialProceduresUrgentAppeal.generate(sampleData([samplePerson({ consents: samplePerson().consents.map((c) => ({ ...c, naming: "INITIALS" as const })) })]));
    expect(doc.sections.find((s) => s.key === "perpetrators")!.body).toContain("the Tumen Border Defence Detachment");
    const consent = doc.sections.find((s) => s.key === "consent")!.body;
    expect(consent).toContain("knows that it will be transmitted to the authorities concerned and that a summary may be made public");
    expect(consent).toContain("asked that only initials appear in any public report");
  });
});
