// A petition as an A4 PDF a lawyer can file with the United Nations: embedded CJK-capable font,
// running header (organisation, reference, date) and footer (confidentiality, page x of y).
import { readFileSync } from "node:fs";
import PDFDocument from "pdfkit";
import type { PetitionDocument } from "../types";
import { toBlocks, cleanLine, type Paragraph } from "./blocks";
import { resolvePdfFonts, type FontFace } from "./fonts";
import { wrapLines } from "./wrap";
import { formatDocumentDate, pageLabel } from "./labels";

type Pdf = PDFKit.PDFDocument;

// 25 mm sides, 30 mm top and 27 mm bottom: room for the running header and footer plus a binding edge.
const MARGIN = { top: 85, bottom: 76, left: 71, right: 71 };
const SIZE = { title: 15, heading: 11.5, body: 10.5, running: 8.5 };
const LINE_GAP = 3.5;
const HANG = 26; // hanging indent of numbered paragraphs
const INK = "#111111";
const MUTED = "#555555";

// Parsing a 20 MB CJK collection costs ~200 ms of CPU per document, so the parsed font (a fontkit
// object, which pdfkit accepts as a font source) is kept for the life of the process. Each
// document still makes its own subset, so sharing it between renders is safe.
const parsedFonts = new Map<string, unknown>();

/** Registers `name` from the first face of the collection that opens; a missing face throws. */
function registerFont(pdf: Pdf, name: string, font: FontFace): void {
  const key = `${name}:${font.file}:${font.faces.join(",")}`;
  const cached = parsedFonts.get(key);
  if (cached) {
    pdf.registerFont(name, cached as Buffer);
    return;
  }
  const bytes = readFileSync(font.file);
  for (const face of font.faces.length ? font.faces : [undefined]) {
    try {
      pdf.registerFont(name, bytes, face);
      pdf.font(name);
    } catch {
      continue; // not in this collection: try the next face
    }
    // pdfkit has no public accessor for the font it opened; `_font.font` is the fontkit object.
    const opened = (pdf as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
    if (typeof opened?.layout === "function") parsedFonts.set(key, opened);
    return;
  }
  throw new Error(`Could not open a font from ${font.file} (tried faces: ${font.faces.join(", ") || "none"}).`);
}

function bottomLimit(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom;
}

function lineHeight(pdf: Pdf): number {
  return pdf.currentLineHeight(true) + LINE_GAP;
}

function linesOf(pdf: Pdf, text: string, width: number): string[] {
  return wrapLines(text, width, (s) => pdf.widthOfString(s));
}

/** How many of `count` lines go on this page: none, all, or a split leaving two on each side. */
function linesOnThisPage(pdf: Pdf, count: number, keepTogether: boolean): number {
  const fitting = Math.floor((bottomLimit(pdf) - pdf.y) / lineHeight(pdf));
  if (count <= fitting) return count;
  if (keepTogether || fitting < 2) return 0;
  return Math.min(fitting, count - 2) >= 2 ? Math.min(fitting, count - 2) : 0;
}

function newPage(pdf: Pdf): void {
  pdf.addPage();
  pdf.y = pdf.page.margins.top;
}

/** Sets lines from the current position, continuing on new pages with widow/orphan control. */
function placeLines(pdf: Pdf, lines: string[], x: number, options: { align?: "left" | "center"; width: number; label?: string }): void {
  let rest = lines;
  let label = options.label;
  while (rest.length > 0) {
    let n = linesOnThisPage(pdf, rest.length, rest.length <= 3);
    if (n === 0 && pdf.y > pdf.page.margins.top) {
      newPage(pdf);
      continue;
    }
    n = Math.max(n, 1); // a line taller than an empty page still has to go somewhere
    for (const line of rest.slice(0, n)) {
      const y = pdf.y;
      if (label) pdf.text(label, x - HANG, y, { lineBreak: false });
      label = undefined;
      const dx = options.align === "center" ? (options.width - pdf.widthOfString(line)) / 2 : 0;
      pdf.text(line, x + dx, y, { lineBreak: false });
      pdf.y = y + lineHeight(pdf);
    }
    rest = rest.slice(n);
    if (rest.length > 0) newPage(pdf);
  }
}

function writeParagraph(pdf: Pdf, paragraph: Paragraph, left: number, width: number): void {
  pdf.font("regular").fontSize(SIZE.body).fillColor(INK);
  if (paragraph.kind === "numbered") {
    placeLines(pdf, linesOf(pdf, paragraph.text, width - HANG), left + HANG, { width: width - HANG, label: paragraph.number });
  } else {
    placeLines(pdf, linesOf(pdf, paragraph.text, width), left, { width });
  }
  pdf.y += SIZE.body * 0.7;
}

function writeHeading(pdf: Pdf, heading: string, next: Paragraph | undefined, left: number, width: number): void {
  pdf.font("bold").fontSize(SIZE.heading);
  const lines = linesOf(pdf, heading, width);
  const needed = lines.length * lineHeight(pdf) + SIZE.heading;
  pdf.font("regular").fontSize(SIZE.body);
  // Keep a heading with the first two lines of what follows it.
  const following = next ? Math.min(linesOf(pdf, next.text, width - HANG).length, 2) * lineHeight(pdf) : 0;
  if (pdf.y + needed + following > bottomLimit(pdf)) {
    newPage(pdf);
  } else {
    pdf.y += SIZE.heading * 0.6;
  }
  pdf.font("bold").fontSize(SIZE.heading).fillColor(INK);
  placeLines(pdf, lines, left, { width });
  pdf.y += SIZE.heading * 0.3;
}

function writeRunningParts(pdf: Pdf, doc: PetitionDocument, page: number, total: number): void {
  const left = MARGIN.left;
  const width = pdf.page.width - MARGIN.left - MARGIN.right;
  const half = width / 2 - 6;
  const date = formatDocumentDate(doc.date, doc.language);
  // Writing inside the margins would otherwise make pdfkit start a new page.
  pdf.page.margins.bottom = 0;
  pdf.font("regular").fontSize(SIZE.running).fillColor(MUTED);
  const headerY = 42;
  pdf.text(cleanLine(doc.organisation), left, headerY, { width: half, lineBreak: false, ellipsis: true });
  pdf.text(`${cleanLine(doc.reference)}  ·  ${date}`, left + width - half, headerY, { width: half, align: "right", lineBreak: false });
  pdf.moveTo(left, headerY + 14).lineTo(left + width, headerY + 14).lineWidth(0.5).strokeColor("#999999").stroke();

  const footerY = pdf.page.height - 52;
  pdf.moveTo(left, footerY - 8).lineTo(left + width, footerY - 8).lineWidth(0.5).strokeColor("#999999").stroke();
  pdf.font("bold").fillColor(INK).text(cleanLine(doc.confidentiality), left, footerY, { width: width * 0.7, lineBreak: false, ellipsis: true });
  pdf.font("regular").fillColor(MUTED).text(pageLabel(doc.language, page, total), left + width * 0.7, footerY, { width: width * 0.3, align: "right", lineBreak: false });
  pdf.page.margins.bottom = MARGIN.bottom;
}

function collect(pdf: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
}

export async function renderPetitionPdf(doc: PetitionDocument): Promise<Buffer> {
  const fonts = resolvePdfFonts();
  const blocks = toBlocks(doc);
  const created = new Date(`${doc.date}T00:00:00Z`);
  const pdf: Pdf = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    lang: doc.language === "ko" ? "ko-KR" : "en-GB",
    displayTitle: true,
    // Only what the reader of the file needs; the date is the petition's own, which also keeps
    // the output identical for identical input.
    info: { Title: blocks.title, Creator: "Haven", Producer: "Haven", CreationDate: Number.isNaN(created.getTime()) ? new Date() : created },
    // No default Helvetica: it cannot show Hangul and would only add an unused font object.
    font: null as unknown as string,
  });
  const done = collect(pdf);
  registerFont(pdf, "bold", fonts.bold);
  registerFont(pdf, "regular", fonts.regular);

  const left = MARGIN.left;
  const width = pdf.page.width - MARGIN.left - MARGIN.right;
  pdf.font("bold").fontSize(SIZE.title).fillColor(INK);
  pdf.y = MARGIN.top;
  placeLines(pdf, linesOf(pdf, blocks.title, width), left, { width, align: "center" });
  pdf.y += SIZE.title * 0.8;
  for (const section of blocks.sections) {
    if (section.heading) writeHeading(pdf, section.heading, section.paragraphs[0], left, width);
    for (const paragraph of section.paragraphs) writeParagraph(pdf, paragraph, left, width);
  }

  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    writeRunningParts(pdf, doc, i + 1, range.count);
  }
  pdf.end();
  return done;
}
