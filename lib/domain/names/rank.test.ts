import { describe, expect, it } from "vitest";
import { buildSearchText, searchNeedle } from "./search-text";
import { matchRank } from "./rank";

describe("search ranking", () => {
  const kimOkhwa = buildSearchText({ nameHangul: "김옥화" });
  const kimOkhwaja = buildSearchText({ nameHangul: "김옥화자" });
  const choKim = buildSearchText({ nameHangul: "조김옥" });

  it("puts the exact name before longer names and mere substrings", () => {
    const needle = searchNeedle("김옥화");
    expect(matchRank(kimOkhwa, needle)).toBe(0);
    expect(matchRank(kimOkhwaja, needle)).toBe(1);
    expect(matchRank(choKim, searchNeedle("김옥"))).toBe(2);
    expect(matchRank(kimOkhwa, searchNeedle("박"))).toBe(3);
  });
});
