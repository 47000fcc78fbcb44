import { describe, expect, it } from "vitest";
import { wrapLines } from "./wrap";

// One unit per character keeps the arithmetic visible.
const measure = (s: string) => [...s].length;

describe("wrapLines", () => {
  it("breaks between words, never inside a Korean word that fits on a line", () => {
    expect(wrapLines("외교 경로를 통해 요청하여 주시기", 9, measure)).toEqual(["외교 경로를 통해", "요청하여 주시기"]);
  });

  it("keeps explicit line breaks and splits a word longer than a line", () => {
    expect(wrapLines("ab cd\nefghijkl m", 4, measure)).toEqual(["ab", "cd", "efgh", "ijkl", "m"]);
    expect(wrapLines("图们边防支队看守所", 4, measure)).toEqual(["图们边防", "支队看守", "所"]);
  });

  it("does not drop text or add characters", () => {
    const text = "The person concerned is Ms 김영희 (Kim Young-hee), held at 图们边防支队看守所 since 2026.";
    const lines = wrapLines(text, 17, measure);
    expect(lines.join(" ")).toBe(text);
    expect(lines.every((l) => measure(l) <= 17)).toBe(true);
  });

  it("returns an empty line for an empty text", () => {
    expect(wrapLines("", 10, measure)).toEqual([""]);
  });
});
