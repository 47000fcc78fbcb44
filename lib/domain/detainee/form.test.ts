import { describe, expect, it } from "vitest";
import { detaineeFormToInput } from "./form";
import { createDetaineeSchema } from "./schemas";

describe("new-case form mapping", () => {
  it("maps blanks to absent, splits aliases, reads checkboxes and numbers", () => {
    const input = detaineeFormToInput({
      teamId: "team1", nameHangul: "김옥화", familyNameRoman: " ", aliases: "Jin Yuhua, 김 옥화\nOk-hwa", estimatedAge: "34",
      hasSouthKoreaLinks: "on", birthDate: "", arrestDate: "2026-11", status: "DETAINED", sex: "FEMALE",
    });
    expect(input).toMatchObject({ teamId: "team1", nameHangul: "김옥화", familyNameRoman: undefined, aliases: ["Jin Yuhua", "김 옥화", "Ok-hwa"], estimatedAge: 34, hasSouthKoreaLinks: true, birthDate: undefined, status: "DETAINED" });
    const parsed = createDetaineeSchema.parse(input);
    expect(parsed.arrestDate).toEqual({ date: new Date("2026-11-01T00:00:00Z"), precision: "MONTH" });
  });

  it("lets validation report a bad age or date instead of dropping it", () => {
    const result = createDetaineeSchema.safeParse(detaineeFormToInput({ teamId: "t", nameHangul: "이름", estimatedAge: "about 30", arrestDate: "2026-13" }));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["estimatedAge", "arrestDate"]));
  });
});
