import type { NagareDocument } from "../../src/model";
import { visualBox } from "../../src/render/svg/shapes";
import { type El, findAll, tree } from "./helpers";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  what: string;
}

/** The drawn flow labels of a 別添1 SVG: each step pill and each badge (with its data text) as one box. */
export function flowLabelBoxes(svg: string): Rect[] {
  const root = tree(svg);
  const layer = findAll(root, (e) => e.name === "g" && e.attrs.id === "flow-labels")[0];
  if (!layer) return [];
  const out: Rect[] = [];
  const rectsOf = (g: El) =>
    findAll(g, (e) => e.name === "rect").map((r) => ({
      x: Number(r.attrs.x),
      y: Number(r.attrs.y),
      w: Number(r.attrs.width),
      h: Number(r.attrs.height),
    }));
  for (const g of findAll(
    layer,
    (e) => e.name === "g" && ("data-step" in e.attrs || "data-badge" in e.attrs || "data-data" in e.attrs),
  )) {
    const rs = rectsOf(g);
    if (!rs.length) continue;
    const x = Math.min(...rs.map((r) => r.x));
    const y = Math.min(...rs.map((r) => r.y));
    const w = Math.max(...rs.map((r) => r.x + r.w)) - x;
    const h = Math.max(...rs.map((r) => r.y + r.h)) - y;
    out.push({ x, y, w, h, what: g.attrs["data-step"] ?? g.attrs["data-badge"] ?? "data" });
  }
  return out;
}

/** What a node covers on the figure: its drawn shape, and the 委託 tab above a contractor. */
export function nodeBoxes(doc: NagareDocument): Rect[] {
  const out: Rect[] = [];
  for (const n of doc.nodes) {
    if (!n.size) continue;
    const b = visualBox(n.kind, { x: n.position.x, y: n.position.y, w: n.size.width, h: n.size.height }, n.label);
    out.push({ ...b, what: n.label });
    if (n.kind === "contractor" || n.kind === "subcontractor")
      out.push({ x: b.x, y: b.y - 16, w: 60, h: 16, what: `tab ${n.label}` });
  }
  return out;
}

/** Area by which two boxes overlap, after shrinking both by `slack` px on every side (touching is fine). */
export function overlapArea(a: Rect, b: Rect, slack = 1): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) - 2 * slack;
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) - 2 * slack;
  return w > 0 && h > 0 ? w * h : 0;
}

export interface Crowding {
  labels: number;
  /** Pairs of flow labels drawn over each other. */
  labelPairs: number;
  /** Flow labels drawn over a node's shape or tab. */
  labelsOnNodes: number;
  /** Pairs of arrowheads whose tips are closer than 6 px (drawn on top of each other). */
  stackedArrows: number;
  /** Flow labels drawn across the line of another flow. */
  labelsOnLines: number;
}

/** Line segments of every flow's path, by flow id. */
export function flowSegments(svg: string): { id: string; a: [number, number]; b: [number, number] }[] {
  const root = tree(svg);
  const layer = findAll(root, (e) => e.name === "g" && e.attrs.id === "flows")[0];
  if (!layer) return [];
  const out: { id: string; a: [number, number]; b: [number, number] }[] = [];
  for (const g of findAll(layer, (e) => e.name === "g" && !!e.attrs["data-flow-id"])) {
    for (const p of findAll(g, (e) => e.name === "path")) {
      const pts = [...(p.attrs.d ?? "").matchAll(/(-?[\d.]+)[ ,](-?[\d.]+)/g)].map(
        (m) => [Number(m[1]), Number(m[2])] as [number, number],
      );
      for (let i = 0; i + 1 < pts.length; i++)
        out.push({
          id: g.attrs["data-flow-id"] as string,
          a: pts[i] as [number, number],
          b: pts[i + 1] as [number, number],
        });
    }
  }
  return out;
}

/** Labels with the flow they belong to (the data-flow-id of their group). */
function labelsByFlow(svg: string): { flow: string; box: Rect }[] {
  const root = tree(svg);
  const layer = findAll(root, (e) => e.name === "g" && e.attrs.id === "flow-labels")[0];
  if (!layer) return [];
  const out: { flow: string; box: Rect }[] = [];
  for (const g of findAll(layer, (e) => e.name === "g" && !!e.attrs["data-flow-id"]))
    for (const b of flowLabelBoxes(`<svg><g id="flow-labels">${serialize(g)}</g></svg>`))
      out.push({ flow: g.attrs["data-flow-id"] as string, box: b });
  return out;
}

function serialize(e: El): string {
  if (e.name === "#text") return "";
  const attrs = Object.entries(e.attrs)
    .map(([k, v]) => ` ${k}="${v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}"`)
    .join("");
  return `<${e.name}${attrs}>${e.children.map(serialize).join("")}</${e.name}>`;
}

/** Tips of the arrowheads (the first point of each arrow polygon of the flows layer). */
export function arrowTips(svg: string): { x: number; y: number }[] {
  const root = tree(svg);
  const layer = findAll(root, (e) => e.name === "g" && e.attrs.id === "flows")[0];
  if (!layer) return [];
  return findAll(layer, (e) => e.name === "polygon").map((p) => {
    const [x, y] = (p.attrs.points ?? "").split(" ")[0]!.split(",").map(Number);
    return { x: x as number, y: y as number };
  });
}

export function crowding(svg: string, doc: NagareDocument): Crowding {
  const labels = flowLabelBoxes(svg);
  const nodes = nodeBoxes(doc);
  let labelPairs = 0;
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) if (overlapArea(labels[i] as Rect, labels[j] as Rect) > 0) labelPairs++;
  let labelsOnNodes = 0;
  for (const l of labels) if (nodes.some((n) => overlapArea(l, n) > 0)) labelsOnNodes++;
  const tips = arrowTips(svg);
  let stackedArrows = 0;
  for (let i = 0; i < tips.length; i++)
    for (let j = i + 1; j < tips.length; j++)
      if (Math.hypot(tips[i]!.x - tips[j]!.x, tips[i]!.y - tips[j]!.y) < 6) stackedArrows++;
  const segs = flowSegments(svg);
  let labelsOnLines = 0;
  for (const { flow, box } of labelsByFlow(svg)) {
    const [x0, y0, x1, y1] = [box.x + 1, box.y + 1, box.x + box.w - 1, box.y + box.h - 1];
    const crossed = segs.some(
      (s) =>
        s.id !== flow &&
        Math.max(s.a[0], s.b[0]) > x0 &&
        Math.min(s.a[0], s.b[0]) < x1 &&
        Math.max(s.a[1], s.b[1]) > y0 &&
        Math.min(s.a[1], s.b[1]) < y1,
    );
    if (crossed) labelsOnLines++;
  }
  return { labels: labels.length, labelPairs, labelsOnNodes, stackedArrows, labelsOnLines };
}
