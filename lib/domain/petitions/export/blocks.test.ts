import { describe, expect, it } from "vitest";
import { cleanLine, cleanText, splitParagraphs, toBlocks } from "./blocks";
import { formatDocumentDate, pageLabel } from "./labels";
import { shortPetition } from "./test-documents";

describe("splitParagraphs", () => {
  it("splits on blank lines and recognises numbered paragraphs", () => {
    expect(splitParagraphs("Intro line\nsecond line\n\n1. First point\n\n  \n12) Twelfth point\n\n2.No space is not numbered")).toEqual([
      { kind: "plain", text: "Intro line\nsecond line" },
      { kind: "numbered", number: "1.", text: "First point" },
      { kind: "numbered", number: "12)", text: "Twelfth point" },
      { kind: "plain", text: "2.No space is not numbered" },
    ]);
  });

  it("treats Windows line endings like Unix ones and drops empty bodies", () => {
    expect(splitParagraphs("1. A\r\n\r\n2. B")).toEqual([
      { kind: "numbered", number: "1.", text: "A" },
      { kind: "numbered", number: "2.", text: "B" },
    ]);
    expect(splitParagraphs(" \n\n ")).toEqual([]);
  });
});

describe("cleanText", () => {
  it("makes direction overrides visible instead of letting them reorder the text", () => {
    expect(cleanText("abc\u202Edef\u202C")).toBe("abc[U+202E]def[U+202C]");
    expect(cleanText("x\u2067y\u2069")).toBe("x[U+2067]y[U+2069]");
  });

  it("removes control characters and repairs lone surrogates, keeping HTML-like text as it is", () => {
    expect(cleanText("a\u0000b\u0007c\u001Bd\uFEFF")).toBe("abcd");
    expect(cleanText("x\uD800y")).toBe("x\uFFFDy");
    expect(cleanText("😀 김영희")).toBe("😀 김영희");
    expect(cleanText(`"><img src=x onerror=alert(1)>`)).toBe(`"><img src=x onerror=alert(1)>`);
  });

  it("puts header and heading text on one line", () => {
    expect(cleanLine(" A\nB \r\n C ")).toBe("A B C");
  });
});

describe("toBlocks", () => {
  it("keeps every section in order", () => {
    const blocks = toBlocks(shortPetition());
    expect(blocks.sections.map((s) => s.heading)).toEqual(shortPetition().sections.map((s) => s.heading));
    expect(blocks.sections[3]!.paragraphs[0]).toEqual({ kind: "plain", text: "The source respectfully requests the Working Group to:" });
  });
});

describe("labels", () => {
  it("numbers pages in the document's language", () => {
    expect(pageLabel("en", 2, 5)).toBe("Page 2 of 5");
    expect(pageLabel("ko", 2, 5)).toBe("2 / 5 쪽");
  });

  it("writes the date day-month-year in English and year-month-day in Korean", () => {
    expect(formatDocumentDate("2026-11-29", "en")).toBe("29 November 2026");
    expect(formatDocumentDate("2026-01-05", "ko")).toBe("2026년 1월 5일");
    expect(formatDocumentDate("not a date", "en")).toBe("not a date");
  });
});
