import { describe, expect, it } from "vitest";
import { resolvePdfFonts } from "./fonts";

describe("resolvePdfFonts", () => {
  it("prefers the Debian Noto Serif CJK collection with its Korean faces", () => {
    const present = new Set(["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"]);
    const fonts = resolvePdfFonts({}, (f) => present.has(f));
    expect(fonts.regular).toEqual({ file: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", faces: ["NotoSerifCJKkr-Regular", "NotoSerifCJKsc-Regular"] });
    expect(fonts.bold.faces[0]).toBe("NotoSerifCJKkr-Bold");
  });

  it("uses the regular font for headings when no bold one is installed", () => {
    const fonts = resolvePdfFonts({}, (f) => f === "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc");
    expect(fonts.bold).toEqual(fonts.regular);
    expect(fonts.regular.faces[0]).toBe("NotoSansCJKkr-Regular");
  });

  it("takes HAVEN_PDF_FONT over any installed font, and a single font needs no face", () => {
    const fonts = resolvePdfFonts({ HAVEN_PDF_FONT: "/opt/fonts/Custom.otf" }, () => true);
    expect(fonts.regular).toEqual({ file: "/opt/fonts/Custom.otf", faces: [] });
    expect(fonts.bold).toEqual({ file: "/opt/fonts/Custom.otf", faces: [] });
    const collection = resolvePdfFonts({ HAVEN_PDF_FONT: "/opt/a.ttc", HAVEN_PDF_FONT_FACE: "SourceHanSerifK-Regular" }, () => true);
    expect(collection.regular.faces).toEqual(["SourceHanSerifK-Regular"]);
  });

  it("fails loudly, naming what to install, rather than printing blank Hangul", () => {
    expect(() => resolvePdfFonts({}, () => false)).toThrow(/fonts-noto-cjk.*HAVEN_PDF_FONT/s);
    expect(() => resolvePdfFonts({ HAVEN_PDF_FONT: "/missing.ttf" }, () => false)).toThrow(/HAVEN_PDF_FONT points to \/missing\.ttf/);
  });
});
