/**
 * Text the server stores or puts in a header must be well-formed: a lone UTF-16 surrogate cannot be
 * encoded as UTF-8 (it broke the model download's file name), and control characters other than tab and
 * line breaks have no place in a title, a label or a sentence. Input over HTTP is repaired (each bad
 * character becomes U+FFFD, visible, never silently dropped); edits over WebSocket are refused instead,
 * since the server cannot rewrite another client's change.
 */
// Control characters other than tab, LF and CR, DEL, and lone surrogates (built from a string: the linter
// rightly flags literal control characters in a regular expression, here they are the point).
const CONTROLS = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F";
const BAD_CHAR = new RegExp(
  `[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]|[${CONTROLS}]`,
  "g",
);
const BAD_CHAR_TEST = new RegExp(BAD_CHAR.source);

export function hasBadChars(s: string): boolean {
  return BAD_CHAR_TEST.test(s);
}

export function repairText(s: string): string {
  return s.replace(BAD_CHAR, "\uFFFD");
}

/** Repairs every string (and object key) in a JSON value. */
export function repairStrings<T>(value: T): T {
  if (typeof value === "string") return repairText(value) as T;
  if (Array.isArray(value)) return value.map(repairStrings) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [repairText(k), repairStrings(v)])) as T;
  return value;
}

/** The path of the first string (or key) in a JSON value that is not well-formed text, or null. */
export function findBadText(value: unknown, path = ""): string | null {
  if (typeof value === "string") return hasBadChars(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const p = findBadText(v, `${path}[${i}]`);
      if (p !== null) return p;
    }
    return null;
  }
  if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      if (hasBadChars(k)) return here;
      const p = findBadText(v, here);
      if (p !== null) return p;
    }
  return null;
}
