// The layout-independent reading of a PetitionDocument that both exporters share, so the PDF and
// the DOCX number paragraphs and clean text the same way.
import type { PetitionDocument } from "../types";

export type Paragraph = { kind: "plain"; text: string } | { kind: "numbered"; number: string; text: string };
export type Section = { heading: string; paragraphs: Paragraph[] };
export type Blocks = { title: string; sections: Section[] };

// Direction overrides and isolates can make a filed document display text in an order other
// than the one the lawyer reviewed ("Trojan Source"); Word and LibreOffice obey them, so they
// are shown as visible code points instead of being passed through or silently dropped.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Other control characters have no glyph and can end a PDF text run or corrupt DOCX XML.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF]/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe to lay out: well-formed UTF-16, no invisible reordering, no control characters. */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(BIDI_CONTROLS, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}]`)
    .replace(CONTROL, "");
}

/** One line of text for headers and headings: line breaks become spaces. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s*\n\s*/g, " ").trim();
}

const NUMBERED = /^(\d{1,4}[.)])[ \u00A0]+(?=\S)/;

/**
 * Splits a section body into paragraphs on blank lines (PetitionSection.body's contract); a
 * paragraph starting "1. " (or "1) ") is numbered, keeping the number as written because UN
 * replies cite paragraphs by it. Single line breaks inside a paragraph are kept.
 */
export function splitParagraphs(body: string): Paragraph[] {
  return cleanText(body)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\s+$/g, ""))
    .filter((p) => p.trim() !== "")
    .map((p): Paragraph => {
      const match = NUMBERED.exec(p);
      if (!match) return { kind: "plain", text: p };
      return { kind: "numbered", number: match[1] ?? "", text: p.slice(match[0].length) };
    });
}

export function toBlocks(doc: PetitionDocument): Blocks {
  return {
    title: cleanLine(doc.title),
    sections: doc.sections.map((s) => ({ heading: cleanLine(s.heading), paragraphs: splitParagraphs(s.body) })),
  };
}
