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

describe("romanisation variants from Hangul alone", () => {
  // A case recorded only in Hangul must be found by the spellings families and documents use.
  const only = (hangul: string) => buildSearchText({ nameHangul: hangul });
  it.each([
    ["리명순", ["Ri Myong-sun", "Lee Myeongsun", "Yi Myong Sun", "myongsun"]],
    ["박광혁", ["Pak Kwang-hyok", "Park Gwang-hyeok", "Bak Gwanghyeok"]],
    ["최은심", ["Choe Un-sim", "Choi Eun-sim"]],
    ["김옥화", ["Kim Ok-hwa", "Gim Okhwa"]],
  ])("%s is found as %j", (hangul, queries) => {
    const text = only(hangul);
    for (const q of queries) expect(text, q).toContain(searchNeedle(q));
  });
});
