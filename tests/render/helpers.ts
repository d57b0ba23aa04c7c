import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { loadDocumentText, type NagareDocument } from "../../src/model";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every template of the templates/ folder that loads (another area builds them). */
export function templates(): { name: string; doc: NagareDocument }[] {
  const dir = path.join(ROOT, "templates");
  const found = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".nagare.json"))
    .sort()
    .map((f) => {
      const r = loadDocumentText(fs.readFileSync(path.join(dir, f), "utf8"));
      if (!r.ok) throw new Error(`${f}: ${r.problems.map((p) => p.en).join("; ")}`);
      return { name: f, doc: r.doc };
    });
  // Tests loop over these: none would pass them without checking anything.
  if (!found.length) throw new Error(`no templates in ${dir}`);
  return found;
}

export function assertWellFormed(svg: string): void {
  const v = XMLValidator.validate(svg, { allowBooleanAttributes: false });
  if (v !== true) throw new Error(`SVG is not well-formed: ${JSON.stringify(v.err)}`);
}

type XNode = Record<string, unknown>;

/** The SVG as a tree with attributes (prefix @) and text (#text), children always in arrays. */
export function parseSvg(svg: string): XNode {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    preserveOrder: true,
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
  });
  return { children: parser.parse(svg) } as XNode;
}

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Converts fast-xml-parser's preserveOrder output into plain elements. */
export function tree(svg: string): El {
  const raw = parseSvg(svg).children as XNode[];
  const conv = (items: XNode[]): El[] =>
    items
      .map((item) => {
        const name = Object.keys(item).find((k) => k !== ":@") as string;
        if (name === "#text") return { name, attrs: {}, children: [], text: String(item[name]) };
        const attrs = (item[":@"] ?? {}) as Record<string, string>;
        const clean = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.replace(/^@/, ""), String(v)]));
        return { name, attrs: clean, children: conv(item[name] as XNode[]), text: "" };
      })
      .filter((e) => e.name !== "?xml");
  return { name: "#root", attrs: {}, children: conv(raw), text: "" };
}

export function walk(e: El, f: (e: El) => void): void {
  f(e);
  for (const c of e.children) walk(c, f);
}

export function findAll(root: El, pred: (e: El) => boolean): El[] {
  const out: El[] = [];
  walk(root, (e) => {
    if (pred(e)) out.push(e);
  });
  return out;
}

export function textOf(e: El): string {
  let s = "";
  walk(e, (x) => {
    if (x.name === "#text") s += x.text;
  });
  return s;
}

/** The visible label of a node group: its label <text>, lines joined without separators. */
export function visibleText(e: El): string {
  return findAll(e, (x) => x.name === "text" && x.attrs["data-role"] === "label")
    .map((t) =>
      findAll(t, (x) => x.name === "tspan")
        .map(textOf)
        .join(""),
    )
    .join("");
}
