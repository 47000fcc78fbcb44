import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDocumentDate } from "./labels";
import { renderPetitionPdf } from "./pdf";
import { FACILITY_SIMPLIFIED, FACILITY_TRADITIONAL, HANGUL_NAME, HOSTILE_HTML, SECTION_HEADINGS, hostilePetition, koreanPetition, longPetition, shortPetition } from "./test-documents";
import { pdfFonts, pdfInfo, pdfText, saveTo, tempDir } from "./test-tools";

// pdftotext may break a line anywhere a PDF line ends; compare text with whitespace collapsed.
const flat = (s: string) => s.replace(/\s+/g, " ");

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => {
  await tmp.remove();
});

describe("renderPetitionPdf", () => {
  it("renders Latin, Hangul and Chinese text, every heading and body, on A4", async () => {
    const doc = shortPetition();
    const file = await saveTo(tmp.dir, "short.pdf", await renderPetitionPdf(doc));
    const text = flat(await pdfText(file));
    for (const s of [HANGUL_NAME, FACILITY_SIMPLIFIED, FACILITY_TRADITIONAL, doc.reference, formatDocumentDate(doc.date, "en"), doc.confidentiality, doc.organisation, "Page 1 of"]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(flat(doc.title));
    for (const heading of SECTION_HEADINGS) expect(text).toContain(heading);
    for (const section of doc.sections) {
      for (const paragraph of section.body.split("\n\n")) expect(text).toContain(flat(paragraph.replace(/^\d+\. /, "")));
    }
    const info = await pdfInfo(file);
    expect(info.pageSize).toContain("595.28 x 841.89 pts (A4)");
  });

  it("embeds a subset of one CJK font, and sets only title, creator and producer", async () => {
    const file = await saveTo(tmp.dir, "meta.pdf", await renderPetitionPdf(shortPetition()));
    const fonts = await pdfFonts(file);
    expect(fonts).toMatch(/\+Noto(Serif|Sans)CJK\w+-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
    expect(fonts).not.toMatch(/Helvetica|Times/);
    const { raw } = await pdfInfo(file);
    expect(raw).toMatch(/^Title:\s+Urgent appeal to the Working Group on Arbitrary Detention$/m);
    expect(raw).toMatch(/^Creator:\s+Haven$/m);
    expect(raw).toMatch(/^Producer:\s+Haven$/m);
    expect(raw).not.toMatch(/^(Author|Subject|Keywords):/m);
  });

  it("puts the header, confidentiality marking and 'Page i of N' on every page of a long document", async () => {
    const doc = longPetition(40);
    const file = await saveTo(tmp.dir, "long.pdf", await renderPetitionPdf(doc));
    const { pages } = await pdfInfo(file);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const text = flat(await pdfText(file, page));
      expect(text).toContain(doc.reference);
      expect(text).toContain("29 November 2026");
      expect(text).toContain(doc.confidentiality);
      expect(text).toContain(`Page ${page} of ${pages}`);
    }
    const all = flat(await pdfText(file));
    for (let n = 1; n <= 40; n++) expect(all).toContain(`Paragraph ${n} of the communication.`);
  });

  it("numbers pages in Korean for a Korean petition", async () => {
    const doc = koreanPetition();
    const file = await saveTo(tmp.dir, "ko.pdf", await renderPetitionPdf(doc));
    const text = flat(await pdfText(file));
    for (const s of [HANGUL_NAME, FACILITY_SIMPLIFIED, "2026년 11월 29일", doc.confidentiality, "3. 요청 사항"]) expect(text).toContain(s);
    // poppler infers spaces from gaps and drops the narrow ones around "/" in a CJK run.
    expect(text.replace(/\s+/g, "")).toContain("1/1쪽");
    expect(text).not.toContain("Page 1");
  });

  it("prints hostile text literally and shows direction overrides instead of obeying them", async () => {
    const file = await saveTo(tmp.dir, "hostile.pdf", await renderPetitionPdf(hostilePetition()));
    const text = flat(await pdfText(file));
    expect(text).toContain(`Heading ${HOSTILE_HTML}`);
    expect(text).toContain(`Name as typed: ${HOSTILE_HTML} and <script>alert("x")</script> & "quotes".`);
    expect(text).toContain("abc[U+202E]def[U+202C] end");
    expect(text).toContain(HANGUL_NAME);
    expect(text).not.toContain("\u202E");
  });

  it("never leaves a heading as the last line of a page", async () => {
    // Push the heading through every position near the foot of page 1.
    for (let filler = 14; filler <= 24; filler++) {
      const doc = shortPetition({
        sections: [
          { heading: "Facts", body: Array.from({ length: filler }, (_, i) => `${i + 1}. Short fact ${i + 1}.`).join("\n\n") },
          { heading: "Requested action", body: "The source asks the Working Group to act urgently on this case, given the risk of return." },
        ],
      });
      const file = await saveTo(tmp.dir, `keep-${filler}.pdf`, await renderPetitionPdf(doc));
      const page1 = (await pdfText(file, 1)).split("\n").map((l) => l.trim()).filter((l) => l && !l.includes(doc.confidentiality) && !/^Page \d+ of/.test(l));
      expect(page1.at(-1), `with ${filler} facts`).not.toBe("Requested action");
    }
  });

  it("lays out an empty petition and a paragraph longer than a page", async () => {
    const empty = await saveTo(tmp.dir, "empty.pdf", await renderPetitionPdf(shortPetition({ title: "", sections: [] })));
    expect((await pdfInfo(empty)).pages).toBe(1);
    const words = Array.from({ length: 1500 }, (_, i) => `w${i}`);
    const huge = await saveTo(tmp.dir, "huge.pdf", await renderPetitionPdf(shortPetition({ sections: [{ heading: "Facts", body: `1. ${words.join(" ")}` }] })));
    expect((await pdfInfo(huge)).pages).toBeGreaterThan(1);
    expect(flat(await pdfText(huge)).match(/\bw\d+\b/g)).toEqual(words);
  });

  it("uses the font named by HAVEN_PDF_FONT and HAVEN_PDF_FONT_FACE", async () => {
    const saved = { font: process.env.HAVEN_PDF_FONT, face: process.env.HAVEN_PDF_FONT_FACE };
    process.env.HAVEN_PDF_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    process.env.HAVEN_PDF_FONT_FACE = "NotoSansCJKsc-Regular";
    try {
      const file = await saveTo(tmp.dir, "override.pdf", await renderPetitionPdf(shortPetition()));
      expect(await pdfFonts(file)).toContain("+NotoSansCJKsc-Regular");
      expect(flat(await pdfText(file))).toContain(FACILITY_SIMPLIFIED);
    } finally {
      for (const [key, value] of [["HAVEN_PDF_FONT", saved.font], ["HAVEN_PDF_FONT_FACE", saved.face]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
