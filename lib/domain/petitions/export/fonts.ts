// Where the PDF exporter's font comes from. Petitions mix Latin, Hangul and Chinese (simplified
// facility names on the Chinese side, traditional characters in older records), so the font must
// cover all three; no npm package ships one Pan-CJK face (only per-region subsets that lack
// each other's characters), so we use the system's Noto CJK collection (Debian/Ubuntu:
// `apt-get install fonts-noto-cjk`). pdfkit embeds only the glyphs used, so the PDF stays small.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export type FontFace = {
  /** A .ttf/.otf file, or a .ttc/.otc collection. */
  file: string;
  /** For a collection: PostScript names of its fonts to use, best first. Empty for a single font. */
  faces: string[];
};

export type PdfFonts = { regular: FontFace; bold: FontFace };

/** Collection faces in order of preference: Korean forms first (the documents' second language). */
const SERIF_FACES = { regular: ["NotoSerifCJKkr-Regular", "NotoSerifCJKsc-Regular"], bold: ["NotoSerifCJKkr-Bold", "NotoSerifCJKsc-Bold"] };
const SANS_FACES = { regular: ["NotoSansCJKkr-Regular", "NotoSansCJKsc-Regular"], bold: ["NotoSansCJKkr-Bold", "NotoSansCJKsc-Bold"] };

type Candidate = { regular: string; bold: string; faces: typeof SERIF_FACES | null };

function candidates(): Candidate[] {
  const dirs = [
    "/usr/share/fonts/opentype/noto", // Debian, Ubuntu (fonts-noto-cjk)
    "/usr/share/fonts/noto-cjk", // Arch
    "/usr/share/fonts/google-noto-cjk", // Fedora
    "/usr/share/fonts/noto", // Alpine
    "/Library/Fonts",
    path.join(homedir(), "Library/Fonts"),
    path.join(homedir(), ".local/share/fonts"),
  ];
  const list: Candidate[] = [];
  for (const dir of dirs) {
    // Serif reads as a formal letter; Sans is the fallback where only it is installed.
    list.push({ regular: path.join(dir, "NotoSerifCJK-Regular.ttc"), bold: path.join(dir, "NotoSerifCJK-Bold.ttc"), faces: SERIF_FACES });
    list.push({ regular: path.join(dir, "NotoSansCJK-Regular.ttc"), bold: path.join(dir, "NotoSansCJK-Bold.ttc"), faces: SANS_FACES });
  }
  // macOS without Noto: Arial Unicode covers Hangul syllables and the unified CJK ideographs.
  const arialUnicode = "/System/Library/Fonts/Supplemental/Arial Unicode.ttf";
  list.push({ regular: arialUnicode, bold: arialUnicode, faces: null });
  return list;
}

const INSTALL_HINT =
  "No font for Hangul and Chinese characters was found for PDF export. Install Noto CJK " +
  "(Debian/Ubuntu: `apt-get install -y fonts-noto-cjk`; Fedora: `dnf install google-noto-sans-cjk-fonts`; " +
  "macOS: `brew install --cask font-noto-sans-cjk`) or set HAVEN_PDF_FONT to a .ttf/.otf/.ttc file " +
  "that covers Latin, Hangul and CJK ideographs.";

function isCollection(file: string): boolean {
  return /\.(ttc|otc)$/i.test(file);
}

/**
 * The font files for the PDF exporter. HAVEN_PDF_FONT (and optionally HAVEN_PDF_FONT_BOLD and,
 * for a collection, HAVEN_PDF_FONT_FACE) override the search; a missing override is an error
 * rather than a silent fallback, so a misconfigured server does not produce blank glyphs.
 */
export function resolvePdfFonts(env: Partial<Record<string, string>> = process.env, exists: (file: string) => boolean = existsSync): PdfFonts {
  const override = env.HAVEN_PDF_FONT?.trim();
  if (override) {
    if (!exists(override)) throw new Error(`HAVEN_PDF_FONT points to ${override}, which does not exist. ${INSTALL_HINT}`);
    const bold = env.HAVEN_PDF_FONT_BOLD?.trim() || override;
    if (!exists(bold)) throw new Error(`HAVEN_PDF_FONT_BOLD points to ${bold}, which does not exist.`);
    const face = env.HAVEN_PDF_FONT_FACE?.trim();
    const regularNames = [...SERIF_FACES.regular, ...SANS_FACES.regular];
    const facesOf = (file: string, names: string[]) => (!isCollection(file) ? [] : face ? [face] : names);
    return {
      regular: { file: override, faces: facesOf(override, regularNames) },
      bold: { file: bold, faces: facesOf(bold, [...SERIF_FACES.bold, ...SANS_FACES.bold, ...regularNames]) },
    };
  }
  for (const c of candidates()) {
    if (!exists(c.regular)) continue;
    const bold = exists(c.bold) ? c.bold : c.regular;
    const faces = c.faces ?? { regular: [], bold: [] };
    return {
      regular: { file: c.regular, faces: faces.regular },
      bold: { file: bold, faces: bold === c.regular ? faces.regular : faces.bold },
    };
  }
  throw new Error(INSTALL_HINT);
}
