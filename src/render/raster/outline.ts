import * as fontkit from "fontkit";
import type { CjkFont } from "./fonts";

/**
 * Turns the <text> elements of a diagram SVG into outlines before rasterising. resvg re-reads the glyph
 * outlines of the large CJK font for every text run, which makes a figure with a few hundred labels take
 * seconds; here each glyph is outlined once, kept in a cache, and placed with <use>. Only the text shapes
 * renderDiagramSvg writes are converted (<text> with positioned <tspan>s); anything else, and any run with
 * a character the font lacks (emoji), is left for resvg to draw.
 */

interface FaceCache {
  font: fontkit.Font;
  prefix: string;
  glyphs: Map<number, string>;
}

const faces = new Map<string, FaceCache>();
/** Outlined <text> elements by font and element text (see outlineText). */
const outlined = new Map<string, { svg: string; glyphs: [string, string][] }>();

function face(file: string, postscript: string | undefined, prefix: string): FaceCache {
  const key = `${file}#${postscript ?? ""}`;
  let f = faces.get(key);
  if (!f) {
    f = { font: fontkit.openSync(file, postscript), prefix, glyphs: new Map() };
    faces.set(key, f);
  }
  return f;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

const attrsOf = (s: string) => {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1] as string] = m[2] as string;
  return out;
};

const TEXT = /<text\b([^>]*)>((?:<tspan\b[^>]*>[^<]*<\/tspan>)*)<\/text>/g;
const TSPAN = /<tspan\b([^>]*)>([^<]*)<\/tspan>/g;

const r2 = (n: number) => Math.round(n * 100) / 100;

/** Is any text left that is not outlines (a text element with content)? Only then does resvg need the font. */
export function hasTextLeft(svg: string): boolean {
  return /<text\b[^>]*[^/]>/.test(svg);
}

export function outlineText(svg: string, font: CjkFont): string {
  const regular = face(font.regular, font.regularFace, "gr");
  const bold = font.bold ? face(font.bold, font.boldFace, "gb") : regular;
  const used = new Map<string, string>();

  const replaced = svg.replace(TEXT, (whole, rawAttrs: string, body: string) => {
    // The pages of a split figure carry the same text: each element is outlined once.
    const key = `${font.regular}|${font.bold ?? ""}|${whole}`;
    let done = outlined.get(key);
    if (!done) {
      if (outlined.size > 50_000) outlined.clear();
      done = outlineElement(whole, rawAttrs, body, regular, bold);
      outlined.set(key, done);
    }
    for (const [id, d] of done.glyphs) used.set(id, d);
    return done.svg;
  });
  if (!used.size) return replaced;
  const defs = `<defs>${[...used].map(([id, d]) => `<path id="${id}" d="${d}"/>`).join("")}</defs>`;
  return replaced.replace(/(<svg\b[^>]*>)/, `$1${defs}`);
}

/** One <text> element as outlines (or unchanged), with the glyphs it places. */
function outlineElement(
  whole: string,
  rawAttrs: string,
  body: string,
  regular: FaceCache,
  bold: FaceCache,
): { svg: string; glyphs: [string, string][] } {
  const used = new Map<string, string>();
  const a = attrsOf(rawAttrs);
  const size = Number(a["font-size"] ?? "12");
  if (!Number.isFinite(size) || size <= 0) return { svg: whole, glyphs: [] };
  const f = a["font-weight"] === "bold" ? bold : regular;
  const k = size / f.font.unitsPerEm;
  const anchor = a["text-anchor"] ?? "start";
  const uses: string[] = [];
  for (const m of body.matchAll(TSPAN)) {
    const t = attrsOf(m[1] as string);
    const text = decodeEntities(m[2] as string);
    const x = Number(t.x ?? "0");
    const y = Number(t.y ?? "0");
    const run = f.font.layout(text);
    if (run.glyphs.some((g) => g.id === 0)) return { svg: whole, glyphs: [] };
    const width = run.positions.reduce((s, p) => s + p.xAdvance, 0) * k;
    let pen = anchor === "middle" ? x - width / 2 : anchor === "end" ? x - width : x;
    run.glyphs.forEach((g, i) => {
      const pos = run.positions[i] as fontkit.GlyphPosition;
      const id = `${f.prefix}${g.id}`;
      if (!used.has(id)) {
        let d = f.glyphs.get(g.id);
        if (d === undefined) {
          d = g.path.toSVG();
          f.glyphs.set(g.id, d);
        }
        used.set(id, d);
      }
      if (used.get(id))
        uses.push(
          `<use href="#${id}" transform="translate(${r2(pen + pos.xOffset * k)} ${r2(y - pos.yOffset * k)}) scale(${r2(k * 1000) / 1000} ${-r2(k * 1000) / 1000})"/>`,
        );
      pen += pos.xAdvance * k;
    });
  }
  return { svg: `<g fill="${a.fill ?? "#000000"}">${uses.join("")}</g>`, glyphs: [...used] };
}
