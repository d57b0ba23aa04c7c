/**
 * Text measurement and wrapping without a DOM. Widths are estimates in em: CJK and other full-width glyphs
 * count 1em, Latin letters about 0.55em. They only need to be good enough to keep labels inside their boxes
 * in the fonts we name (Noto Sans CJK), and identical in the browser and in Node.
 */

export const FONT_FAMILY = '"Noto Sans CJK JP", "Noto Sans JP", sans-serif';

/** Characters that never start a line (Japanese 行頭禁則, simplified). */
const NO_LINE_START = new Set([
  ..."、。，．・：；？！）」』】〕〉》］｝ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々,.:;?!)]}",
]);
/** Characters that never end a line. */
const NO_LINE_END = new Set([..."（「『【〔〈《［｛([{"]);

function isZeroWidth(cp: number): boolean {
  return (
    cp === 0x200d || // zero width joiner
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x1f3fb && cp <= 0x1f3ff) // skin tone modifiers
  );
}

/** Full-width (East Asian wide) code points, roughly as fonts draw them. */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2460 && cp <= 0x24ff) || // circled numbers
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) || // emoji
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Width of one code point in em. */
export function charEm(cp: number): number {
  if (isZeroWidth(cp)) return 0;
  if (isWide(cp)) return 1;
  if (cp >= 0xff61 && cp <= 0xff9f) return 0.5; // half-width katakana
  if (cp === 0x20) return 0.3;
  if (cp >= 0x41 && cp <= 0x5a) return 0.62; // capitals are wider
  if (cp === 0x69 || cp === 0x6c || cp === 0x49 || cp === 0x2e || cp === 0x2c) return 0.3;
  return 0.55;
}

/** Estimated advance of a string in px at the given font size. */
export function measureText(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch.codePointAt(0) ?? 0);
  return em * fontSize;
}

/** Is this UTF-16 code unit sequence allowed in XML 1.0 text? (No controls, lone surrogates, U+FFFE/FFFF.) */
function xmlAllowed(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  if (cp >= 0xd800 && cp <= 0xdfff) return false; // a surrogate left alone by for…of is unpaired
  return cp !== 0xfffe && cp !== 0xffff;
}

/** Drops the characters XML cannot carry. */
export function xmlSafe(text: string): string {
  let out = "";
  for (const ch of text) if (xmlAllowed(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

/** Escapes text for element content and attribute values; drops characters XML cannot carry. */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Breakable units: a CJK character stands alone; Latin runs stay together up to a space. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let word = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isZeroWidth(cp)) {
      // Joiners and modifiers stick to what precedes them.
      if (word) word += ch;
      else if (tokens.length) tokens[tokens.length - 1] += ch;
      else word = ch;
      continue;
    }
    if (cp === 0x20 || cp === 0x09 || cp === 0x3000) {
      if (word) tokens.push(word);
      word = "";
      // A full-width space stays one where no line breaks at it.
      tokens.push(cp === 0x3000 ? ch : " ");
      continue;
    }
    if (isWide(cp)) {
      if (word) tokens.push(word);
      word = "";
      tokens.push(ch);
      continue;
    }
    word += ch;
  }
  if (word) tokens.push(word);
  return tokens;
}

/** Splits a token wider than the line into pieces that fit. */
function splitLong(token: string, maxWidth: number, fontSize: number): string[] {
  const parts: string[] = [];
  let cur = "";
  for (const ch of token) {
    if (cur && measureText(cur + ch, fontSize) > maxWidth) {
      parts.push(cur);
      cur = "";
    }
    cur += ch;
  }
  if (cur) parts.push(cur);
  return parts;
}

/**
 * Wraps text to lines no wider than maxWidth: CJK may break between any two characters (with simple
 * 禁則), Latin only at spaces unless a word is longer than a line. Explicit newlines are kept. Nothing is
 * ever left out: a published 別添1 must show every text whole, so whoever draws it makes room for all lines.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const width = Math.max(maxWidth, fontSize);
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    const tokens = tokenize(paragraph).flatMap((t) =>
      measureText(t, fontSize) > width ? splitLong(t, width, fontSize) : [t],
    );
    let cur = "";
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string;
      const space = t === " " || t === "\u3000";
      if (space && !cur) continue;
      if (measureText(cur + t, fontSize) <= width || !cur) {
        cur += t;
        continue;
      }
      // The token does not fit: apply 禁則 by moving one character across the break when needed.
      if (NO_LINE_START.has(t) && [...cur].length > 1) {
        const chars = [...cur];
        const last = chars.pop() as string;
        lines.push(chars.join("").trimEnd());
        cur = last + t;
        continue;
      }
      const chars = [...cur];
      const last = chars[chars.length - 1] as string;
      if (NO_LINE_END.has(last) && chars.length > 1) {
        chars.pop();
        lines.push(chars.join("").trimEnd());
        cur = last + (space ? "" : t);
        continue;
      }
      lines.push(cur.trimEnd());
      cur = space ? "" : t;
    }
    lines.push(cur.trimEnd());
  }
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** A title's lines: line breaks and runs of spaces made one space (full-width spaces kept), then wrapped whole. */
export function wrapTitle(text: string, maxWidth: number, fontSize: number): string[] {
  return wrapText(text.replace(/[ \t\r\n]+/g, " ").trim(), maxWidth, fontSize);
}

/** The widest of some lines, in px. */
export function widestLine(lines: string[], fontSize: number): number {
  return Math.max(0, ...lines.map((l) => measureText(l, fontSize)));
}
