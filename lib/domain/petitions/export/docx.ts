// A petition as an editable Word document (A4) for organisations that file through their own
// letterhead: same running header and footer as the PDF, real heading styles so Word's
// navigation pane and LibreOffice's outline work.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
  type IRunOptions,
} from "docx";
import type { PetitionDocument } from "../types";
import { cleanLine, toBlocks, type Paragraph as Block } from "./blocks";
import { formatDocumentDate, PAGE_LABEL } from "./labels";

// Word measures in twentieths of a point (twips); A4 is 11906 x 16838.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1701, bottom: 1531, left: 1418, right: 1418, header: 794, footer: 794 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const HANG = 520;
// Malgun Gothic ships with every Windows since 7 (Batang is an optional feature on Windows 10+);
// LibreOffice and macOS Word substitute their own Hangul font for it. Chinese characters outside
// Malgun Gothic's hanja fall back per character in both programs.
const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", cs: "Times New Roman", eastAsia: "Malgun Gothic" };
const RULE = { style: BorderStyle.SINGLE, size: 4, color: "999999", space: 4 };
// Word and LibreOffice otherwise widen the gap between digits and Hangul ("2026 년 11 월"),
// which Korean typesetting does not do and which text extraction turns into real spaces.
const NO_AUTO_SPACE = { autoSpaceEastAsianText: false } as const;

/** Runs for text with explicit line breaks kept as breaks (Word ignores "\n" inside a run). */
function runs(text: string, options: IRunOptions = {}): TextRun[] {
  return text.split("\n").map((line, i) => new TextRun({ ...options, text: line, break: i > 0 ? 1 : undefined }));
}

function bodyParagraph(block: Block): Paragraph {
  if (block.kind === "plain") return new Paragraph({ ...NO_AUTO_SPACE, children: runs(block.text) });
  // The number is kept as text, not Word auto-numbering: UN replies cite paragraphs by the
  // number the lawyer reviewed, and auto-numbering renumbers when a paragraph is edited.
  return new Paragraph({
    ...NO_AUTO_SPACE,
    indent: { left: HANG, hanging: HANG },
    tabStops: [{ type: TabStopType.LEFT, position: HANG }],
    children: [new TextRun({ text: `${block.number}\t` }), ...runs(block.text)],
  });
}

function header(doc: PetitionDocument): Header {
  const right = `${cleanLine(doc.reference)}  ·  ${formatDocumentDate(doc.date, doc.language)}`;
  return new Header({
    children: [
      new Paragraph({
        ...NO_AUTO_SPACE,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: RULE },
        children: [new TextRun({ text: cleanLine(doc.organisation), size: 17, color: "555555" }), new TextRun({ text: `\t${right}`, size: 17, color: "555555" })],
      }),
    ],
  });
}

function footer(doc: PetitionDocument): Footer {
  const label = PAGE_LABEL[doc.language];
  return new Footer({
    children: [
      new Paragraph({
        ...NO_AUTO_SPACE,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { top: RULE },
        children: [
          new TextRun({ text: cleanLine(doc.confidentiality), bold: true, size: 17 }),
          new TextRun({ children: ["\t", label.before, PageNumber.CURRENT, label.between, PageNumber.TOTAL_PAGES, label.after], size: 17, color: "555555" }),
        ],
      }),
    ],
  });
}

export async function renderPetitionDocx(doc: PetitionDocument): Promise<Buffer> {
  const blocks = toBlocks(doc);
  const language = { value: doc.language === "ko" ? "ko-KR" : "en-GB", eastAsia: "ko-KR" };
  const children: Paragraph[] = [new Paragraph({ ...NO_AUTO_SPACE, heading: HeadingLevel.TITLE, children: runs(blocks.title) })];
  for (const section of blocks.sections) {
    if (section.heading) children.push(new Paragraph({ ...NO_AUTO_SPACE, heading: HeadingLevel.HEADING_1, children: runs(section.heading) }));
    children.push(...section.paragraphs.map(bodyParagraph));
  }
  const document = new Document({
    title: blocks.title,
    creator: "Haven",
    lastModifiedBy: "Haven",
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 21, language },
          paragraph: { spacing: { after: 140, line: 288 } },
        },
        title: {
          run: { font: FONT, size: 30, bold: true, color: "111111" },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 320 } },
        },
        heading1: {
          run: { font: FONT, size: 23, bold: true, color: "111111" },
          paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 100 } },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        headers: { default: header(doc) },
        footers: { default: footer(doc) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
