import { describe, expect, it } from "vitest";
import { buildSearchText, searchNeedle } from "./search-text";

const text = buildSearchText({
  caseNumber: "HV-2026-0042",
  familyNameRoman: "Kim",
  givenNameRoman: "Ok-hwa",
  nameHangul: "김옥화",
  nameChinese: "金玉花",
  aliases: ["Jin Yuhua"],
});

describe("name search text", () => {
  it.each(["김옥화", "김 옥화", "Kim Ok-hwa", "Kim Okhwa", "Gim Ok Hwa", "金玉花", "ㄱㅇㅎ", "hv-2026-0042", "HV20260042", "Jin Yuhua"])(
    "finds the person by %s",
    (query) => {
      expect(text).toContain(searchNeedle(query));
    },
  );

  it("does not match a different person", () => {
    expect(text).not.toContain(searchNeedle("박영희"));
    expect(text).not.toContain(searchNeedle("Pak Yong-hui"));
  });
});
