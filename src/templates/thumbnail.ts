import type { NagareDocument } from "../model";
import { rectOf } from "./geometry";

/**
 * A small picture of a document drawn from the model's geometry alone: lanes, boundaries, boxes and straight
 * lines. It needs no fonts and no DOM, so it serves the gallery, the CLI and tests alike.
 */

export interface ThumbnailOptions {
  width?: number;
  height?: number;
  /** Draw the node labels (for a large preview; thumbnails leave them out). */
  labels?: boolean;
}

const LANE_FILL: Record<string, string> = {
  subject: "#fdf6e3",
  contractor: "#fcefe8",
  self: "#eef5fb",
  department: "#eef8ef",
  external: "#f3f0fa",
  other: "#f4f4f4",
};

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

export function bounds(doc: NagareDocument) {
  const rects = [...doc.nodes.map(rectOf), ...doc.groups.map((g) => ({ ...g.position, ...g.size }))];
  if (rects.length === 0) return { x: 0, y: 0, width: 1, height: 1 };
  const x0 = Math.min(...rects.map((r) => r.x));
  const y0 = Math.min(...rects.map((r) => r.y));
  const x1 = Math.max(...rects.map((r) => r.x + r.width));
  const y1 = Math.max(...rects.map((r) => r.y + r.height));
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

export function thumbnailSvg(doc: NagareDocument, options: ThumbnailOptions = {}): string {
  const width = options.width ?? 240;
  const height = options.height ?? 150;
  const b = bounds(doc);
  const pad = Math.max(b.width, b.height) * 0.02;
  const vb = `${b.x - pad} ${b.y - pad} ${b.width + 2 * pad} ${b.height + 2 * pad}`;
  const stroke = Math.max(b.width, b.height) / 400;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${vb}" preserveAspectRatio="xMidYMid meet">`,
  ];
  for (const g of doc.groups) {
    const fill = g.type === "lane" ? (LANE_FILL[g.laneKind ?? "other"] ?? "#f4f4f4") : "none";
    const dash = g.type === "boundary" ? ` stroke-dasharray="${stroke * 4} ${stroke * 3}"` : "";
    out.push(
      `<rect x="${g.position.x}" y="${g.position.y}" width="${g.size.width}" height="${g.size.height}" fill="${fill}" stroke="#9aa5b1" stroke-width="${stroke}"${dash}/>`,
    );
  }
  const byId = new Map(doc.nodes.map((n) => [n.id, rectOf(n)]));
  for (const f of doc.flows) {
    const s = byId.get(f.source);
    const t = byId.get(f.target);
    if (!s || !t || f.source === f.target) continue;
    const color = f.carriesMyNumber === true ? "#c0392b" : "#5d6d7e";
    out.push(
      `<line x1="${s.x + s.width / 2}" y1="${s.y + s.height / 2}" x2="${t.x + t.width / 2}" y2="${t.y + t.height / 2}" stroke="${color}" stroke-width="${stroke}" opacity="0.7"/>`,
    );
  }
  for (const n of doc.nodes) {
    const r = rectOf(n);
    out.push(
      `<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="${stroke * 3}" fill="#ffffff" stroke="#34495e" stroke-width="${stroke}"/>`,
    );
    if (options.labels)
      out.push(
        `<text x="${r.x + 4}" y="${r.y + 14}" font-size="11" font-family="Noto Sans CJK JP, sans-serif">${esc([...n.label].slice(0, 14).join(""))}</text>`,
      );
  }
  out.push("</svg>");
  return out.join("");
}
