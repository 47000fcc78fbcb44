import path from "node:path";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPetitionDocx } from "./docx";
import { FACILITY_SIMPLIFIED, FACILITY_TRADITIONAL, HANGUL_NAME, HOSTILE_HTML, SECTION_HEADINGS, hostilePetition, koreanPetition, longPetition, shortPetition } from "./test-documents";
import { convertWithLibreOffice, pdfInfo, pdfText, saveTo, tempDir } from "./test-tools";

const flat = (s: string) => s.replace(/\s+/g, " ");

let tmp: Awaited<ReturnType<typeof tempDir>>;
const converted: Record<string, string> = {};
beforeAll(async () => {
  tmp = await tempDir();
  // One LibreOffice start for all documents: it takes seconds, the conversions do not.
  const docs = { short: shortPetition(), korean: koreanPetition(), long: longPetition(40) };
  const files = await Promise.all(Object.entries(docs).map(async ([name, doc]) => saveTo(tmp.dir, `${name}.docx`, await renderPetitionDocx(doc))));
  const out = path.join(tmp.dir, "pdf");
  await convertWithLibreOffice(files, out);
  for (const name of Object.keys(docs)) converted[name] = path.join(out, `${name}.pdf`);
}, 180_000);
afterAll(async () => {
  await tmp.remove();
});

describe("renderPetitionDocx read back with mammoth", () => {
  it("holds the title, every heading and body, Hangul and Chinese text", async () => {
    const doc = shortPetition();
    const { value } = await mammoth.extractRawText({ buffer: await renderPetitionDocx(doc) });
    const text = flat(value);
    for (const s of [doc.title, HANGUL_NAME, FACILITY_SIMPLIFIED, FACILITY_TRADITIONAL, ...SECTION_HEADINGS]) expect(text).toContain(s);
    for (const section of doc.sections) {
      for (const paragraph of section.body.split("\n\n")) expect(text).toContain(flat(paragraph.replace(/^(\d+\.) /, "$1 ")));
    }
  });

  it("marks section headings with Word's Heading 1 style", async () => {
    const { value } = await mammoth.convertToHtml({ buffer: await renderPetitionDocx(shortPetition()) });
    for (const heading of SECTION_HEADINGS) expect(value).toContain(`<h1>${heading}</h1>`);
  });

  it("keeps hostile text as text and shows direction overrides", async () => {
    const { value } = await mammoth.extractRawText({ buffer: await renderPetitionDocx(hostilePetition()) });
    expect(value).toContain(`Heading ${HOSTILE_HTML}`);
    expect(value).toContain(`${HOSTILE_HTML} and <script>alert("x")</script> & "quotes".`);
    expect(value).toContain("abc[U+202E]def[U+202C] end");
    expect(value).not.toContain("\u202E");
  });
});

describe("renderPetitionDocx opened by LibreOffice", () => {
  it("renders the Hangul name and the Chinese facility on A4", async () => {
    const text = flat(await pdfText(converted.short!));
    for (const s of [HANGUL_NAME, FACILITY_SIMPLIFIED, FACILITY_TRADITIONAL, SECTION_HEADINGS[3]!]) expect(text).toContain(s);
    expect((await pdfInfo(converted.short!)).pageSize).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)$/);
  });

  it("repeats reference, date, confidentiality and 'Page i of N' on every page", async () => {
    const doc = longPetition(40);
    const { pages } = await pdfInfo(converted.long!);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const text = flat(await pdfText(converted.long!, page));
      for (const s of [doc.reference, "29 November 2026", doc.confidentiality, `Page ${page} of ${pages}`]) expect(text).toContain(s);
    }
  });

  it("writes a Korean petition's date and page numbers in Korean", async () => {
    const doc = koreanPetition();
    const text = flat(await pdfText(converted.korean!));
    for (const s of [HANGUL_NAME, FACILITY_SIMPLIFIED, doc.confidentiality]) expect(text).toContain(s);
    // LibreOffice ignores w:autoSpaceDN and widens "2026년" to "2026 년" (Word does not).
    const compact = text.replace(/\s+/g, "");
    expect(compact).toContain("2026년11월29일");
    expect(compact).toContain("1/1쪽");
    expect(text).not.toContain("Page 1");
  });
});
