// Line breaking for the PDF. pdfkit follows UAX #14, which lets a line break between any two
// Hangul syllables ("통/해"); Korean legal writing breaks between words (어절) as Word and
// Hangul do by default, so we break at spaces and split a word only when it alone is too wide.

/** Width of a string in points, in the font and size the lines will be set in. */
export type Measure = (text: string) => number;

function splitLongWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const char of word) {
    if (piece && measure(piece + char) > maxWidth) {
      pieces.push(piece);
      piece = char;
    } else {
      piece += char;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function wrapHardLine(line: string, maxWidth: number, measure: Measure): string[] {
  const tokens = line.match(/\S+\s*/g);
  if (!tokens) return [""];
  const lines: string[] = [];
  // Widths are summed word by word: measuring the growing line again for every word is
  // quadratic, and font shaping does not cross the spaces between words.
  let current = "";
  let currentWidth = 0;
  for (const token of tokens) {
    const word = token.trimEnd();
    const wordWidth = measure(word);
    const tokenWidth = token === word ? wordWidth : wordWidth + measure(token.slice(word.length));
    if (current && currentWidth + wordWidth <= maxWidth) {
      current += token;
      currentWidth += tokenWidth;
      continue;
    }
    if (current) lines.push(current.trimEnd());
    if (wordWidth <= maxWidth) {
      current = token;
      currentWidth = tokenWidth;
      continue;
    }
    const pieces = splitLongWord(word, maxWidth, measure);
    lines.push(...pieces.slice(0, -1));
    current = (pieces.at(-1) ?? "") + token.slice(word.length);
    currentWidth = measure(current);
  }
  lines.push(current.trimEnd());
  return lines;
}

/** The lines of `text` at `maxWidth`; explicit line breaks in the text are kept. */
export function wrapLines(text: string, maxWidth: number, measure: Measure): string[] {
  return text.split("\n").flatMap((line) => wrapHardLine(line.replace(/^\s+/, ""), maxWidth, measure));
}
