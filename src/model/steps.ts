/**
 * Step labels as 別添1 diagrams write them: ①, ②-3, ㉑, 1-①, ア, (1). A label is a sequence of parts joined
 * by hyphens; each part is a circled number, a plain number, a katakana of the いろは/アイウ order or a letter.
 */

const KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";

/** Circled number 1..50 → character. */
export function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}

function circledValue(ch: string): number | null {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x2460 && c <= 0x2473) return c - 0x2460 + 1;
  if (c >= 0x3251 && c <= 0x325f) return c - 0x3251 + 21;
  if (c >= 0x32b1 && c <= 0x32bf) return c - 0x32b1 + 36;
  return null;
}

const SEPARATORS = /[-‐－―ー−]/;

/** Parses a step label into numbers for ordering; null when it is not a step label. */
export function parseStep(label: string): number[] | null {
  const s = label.trim();
  if (!s || s.length > 24) return null;
  const key: number[] = [];
  let i = 0;
  const chars = [...s];
  while (i < chars.length) {
    const ch = chars[i] as string;
    if (SEPARATORS.test(ch) && key.length > 0) {
      i++;
      continue;
    }
    const cv = circledValue(ch);
    if (cv !== null) {
      key.push(cv);
      i++;
      continue;
    }
    if (/[0-9０-９]/.test(ch)) {
      let num = "";
      while (i < chars.length && /[0-9０-９]/.test(chars[i] as string)) {
        num += chars[i];
        i++;
      }
      key.push(Number(num.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))));
      continue;
    }
    if (ch === "(" || ch === "（") {
      const close = chars.indexOf(ch === "(" ? ")" : "）", i);
      if (close < 0) return null;
      const inner = parseStep(chars.slice(i + 1, close).join(""));
      if (!inner) return null;
      key.push(...inner);
      i = close + 1;
      continue;
    }
    const k = KATAKANA.indexOf(ch);
    if (k >= 0) {
      key.push(k + 1);
      i++;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      key.push(ch.toLowerCase().charCodeAt(0) - 96);
      i++;
      continue;
    }
    return null;
  }
  return key.length ? key : null;
}

export function isValidStep(label: string): boolean {
  return parseStep(label) !== null;
}

/** Orders step labels as a reader of 備考 expects: ① < ①-2 < ② < ⑩ < ㉑; unlabelled last. */
export function compareSteps(a: string | undefined, b: string | undefined): number {
  const ka = a ? parseStep(a) : null;
  const kb = b ? parseStep(b) : null;
  if (!ka && !kb) return (a ?? "").localeCompare(b ?? "");
  if (!ka) return 1;
  if (!kb) return -1;
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const x = ka[i];
    const y = kb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x !== y) return x - y;
  }
  return 0;
}
