import type { NodeKind } from "../model";
import type { KindColors } from "./colors";
import { defaultNodeSize, ICON_KINDS, NODE_FONT, NODE_LINE, TAB_FONT, TAB_HEIGHT, TAB_LINE } from "./sizes";
import { widestLine, wrapText, wrapTitle } from "./text";

/**
 * The 別添1 legend kinds as drawing primitives: one description of each kind's outline, icon, label area and
 * 委託事項 tab, turned into SVG text by the exports (src/render/svg/shapes.ts) and into React elements by the
 * canvas (src/canvas/nodes/shapes.tsx). Pure: no DOM, no React.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type PrimTag = "rect" | "path" | "circle";
/** One SVG element: attribute names as SVG writes them ("stroke-width"), in a fixed order. */
export interface Prim {
  tag: PrimTag;
  attrs: Record<string, string | number | undefined>;
}

/** Numbers in the output: two decimals at most, no "-0", so that equal models give equal bytes. */
export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) || r === 0 ? "0" : String(r);
}

export interface KindLook {
  colors: KindColors;
  /** Outline colour instead of the kind's own (a finding marks the node). */
  stroke?: string;
  /** Outline weight instead of the usual one. */
  strokeWidth?: number;
}

/** Where the label goes: its lines, centred on cx, the first line's box starting at top. */
export interface LabelLayout {
  lines: string[];
  cx: number;
  top: number;
  width: number;
  size: number;
  line: number;
}

export interface KindFigure {
  prims: Prim[];
  label: LabelLayout;
  /** The part of the box that is drawn (icons are narrower than their box): flows end on it. */
  visual: Box;
}

export const STROKE = 1.3;
export const FINDING_STROKE = 2.6;

/** Width of each icon relative to its height, for the visible box. */
const ICON_WIDTH: Partial<Record<NodeKind, number>> = {
  person: 0.62,
  staff: 0.62,
  terminal: 1.35,
  media: 1,
  disposal: 0.95,
  network_device: 1.5,
};

/** Room under an icon for the figure itself, besides the label lines. */
const ICON_ROOM = 30;

/**
 * Wrapped labels by kind, width and text: the canvas asks for every node's size at each change of the view,
 * and a label changes far less often than that. Bounded: cleared when it grows large.
 */
const wrapped = new Map<string, readonly string[]>();

/** A node's label, whole, in lines as wide as its kind leaves room for (icons carry it under the figure). */
export function labelLines(kind: NodeKind, width: number, label: string): string[] {
  if (!label) return [];
  const icon = ICON_KINDS.has(kind);
  const key = `${icon ? "i" : "b"}${width}\u0000${label}`;
  let lines = wrapped.get(key);
  if (!lines) {
    if (wrapped.size >= 5000) wrapped.clear();
    lines = wrapText(label, icon ? width - 6 : width - 14, NODE_FONT);
    wrapped.set(key, lines);
  }
  return [...lines];
}

/** What a box kind's outline leaves free above and below its label (a cylinder's lid, a sheet's wavy edge). */
function labelInsets(kind: NodeKind, h: number): { top: number; bottom: number } {
  if (kind === "store") {
    const ry = Math.min(9, h / 6);
    return { top: ry * 2 + 2, bottom: ry + 2 };
  }
  if (kind === "paper") return { top: 6, bottom: Math.min(8, h / 6) + 4 };
  return { top: 6, bottom: 6 };
}

/**
 * The size a node is drawn at: its stored (or default) size, made taller where its whole label needs more
 * lines than fit. The canvas, the router and every export take a node's box from here, so a label is never
 * shortened and screen and paper agree.
 */
export function fittedNodeSize(
  kind: NodeKind,
  label: string,
  size?: { width: number; height: number },
): { width: number; height: number } {
  const s = size ?? defaultNodeSize(kind);
  const lines = labelLines(kind, s.width, label).length;
  if (!lines) return { width: s.width, height: s.height };
  if (ICON_KINDS.has(kind)) return { width: s.width, height: Math.max(s.height, ICON_ROOM + lines * NODE_LINE) };
  let h = s.height;
  // The insets grow with the height up to a bound: a few rounds settle it.
  for (let i = 0; i < 4; i++) {
    const ins = labelInsets(kind, h);
    const need = Math.ceil(lines * NODE_LINE + ins.top + ins.bottom);
    if (h >= need) break;
    h = need;
  }
  return { width: s.width, height: h };
}

function iconLayout(box: Box, label: string, kind: NodeKind) {
  const lines = labelLines(kind, box.w, label);
  const labelH = lines.length * NODE_LINE;
  const iconH = Math.max(18, box.h - labelH - 8);
  const area = { x: box.x + 4, y: box.y + 2, w: box.w - 8, h: iconH };
  return { lines, labelH, area, size: Math.min(area.h, area.w * 0.8) };
}

/** The part of the node box that is actually drawn: icons are narrower than their box. */
export function visualBox(kind: NodeKind, box: Box, label: string): Box {
  if (!ICON_KINDS.has(kind)) return box;
  const { lines, size } = iconLayout(box, label, kind);
  const w = Math.min(box.w, Math.max(size * (ICON_WIDTH[kind] ?? 1), widestLine(lines, NODE_FONT)) + 10);
  return { x: box.x + (box.w - w) / 2, y: box.y, w, h: box.h };
}

/** A legend kind drawn into its box (as fittedNodeSize gives it), with its whole label. */
export function kindFigure(kind: NodeKind, box: Box, label: string, look: KindLook): KindFigure {
  const stroke = look.stroke ?? look.colors.stroke;
  const sw = look.strokeWidth ?? STROKE;
  const { x, y, w, h } = box;
  if (ICON_KINDS.has(kind)) {
    const { lines, labelH, area } = iconLayout(box, label, kind);
    return {
      prims: icon(kind, area, look.colors, stroke, sw),
      label: { lines, cx: x + w / 2, top: y + h - labelH - 2, width: w - 6, size: NODE_FONT, line: NODE_LINE },
      visual: visualBox(kind, box, label),
    };
  }
  const prims = outline(kind, box, look.colors.fill, stroke, sw);
  const inset = labelInsets(kind, h);
  const innerH = h - inset.top - inset.bottom;
  const lines = labelLines(kind, w, label);
  const top = y + inset.top + (innerH - lines.length * NODE_LINE) / 2;
  return {
    prims,
    label: { lines, cx: x + w / 2, top, width: w - 14, size: NODE_FONT, line: NODE_LINE },
    visual: box,
  };
}

/** Kinds that carry the 委託事項 tab on their top edge. */
export function hasTab(kind: NodeKind): boolean {
  return kind === "contractor" || kind === "subcontractor";
}

/** The tab's text: 「委託」 or 「委託：○○業務」 (the words come from the caller, the canvas translates them). */
export function tabText(word: string, delegation: string | undefined, separator = "："): string {
  return delegation ? `${word}${separator}${delegation}` : word;
}

/** The tab as the 別添1 prints it (in Japanese, whatever the screen's language). */
export function paperTabText(kind: NodeKind, delegation: string | undefined): string | undefined {
  return hasTab(kind) ? tabText(kind === "contractor" ? "委託" : "再委託", delegation) : undefined;
}

export interface TabFigure {
  box: Box;
  lines: string[];
  size: number;
  line: number;
  /** Space above the first line and left of every line. */
  top: number;
  pad: number;
}

/**
 * The 委託事項 tab above a box: its text whole, wrapped to the box's width, the tab growing upwards by a line
 * for each line more (as narrow as its text when that is short).
 */
export function tabFigure(box: Box, text: string): TabFigure {
  const lines = wrapTitle(text, box.w - 12, TAB_FONT);
  const h = TAB_HEIGHT + (lines.length - 1) * TAB_LINE;
  return {
    box: { x: box.x, y: box.y - h, w: Math.min(box.w, widestLine(lines, TAB_FONT) + 12), h },
    lines,
    size: TAB_FONT,
    line: TAB_LINE,
    top: (TAB_HEIGHT - TAB_LINE) / 2,
    pad: 6,
  };
}

const p = (tag: PrimTag, attrs: Prim["attrs"]): Prim => ({ tag, attrs });

function outline(kind: NodeKind, box: Box, fill: string, stroke: string, sw: number): Prim[] {
  const { x, y, w, h } = box;
  const line = { stroke, "stroke-width": sw };
  switch (kind) {
    case "store": {
      // A cylinder: the top ellipse drawn twice so that its front half shows over the body.
      const ry = Math.min(9, h / 6);
      return [
        p("path", {
          d: `M${num(x)} ${num(y + ry)} A${num(w / 2)} ${num(ry)} 0 0 1 ${num(x + w)} ${num(y + ry)} V${num(y + h - ry)} A${num(w / 2)} ${num(ry)} 0 0 1 ${num(x)} ${num(y + h - ry)} Z`,
          fill,
          ...line,
        }),
        p("path", {
          d: `M${num(x)} ${num(y + ry)} A${num(w / 2)} ${num(ry)} 0 0 0 ${num(x + w)} ${num(y + ry)}`,
          fill: "none",
          ...line,
        }),
      ];
    }
    case "paper": {
      // A sheet with a folded corner and a wavy lower edge.
      const fold = Math.min(14, h / 4);
      const wave = Math.min(8, h / 6);
      return [
        p("path", {
          d: `M${num(x)} ${num(y)} H${num(x + w - fold)} L${num(x + w)} ${num(y + fold)} V${num(y + h - wave)} C${num(x + w * 0.75)} ${num(y + h - wave * 2.6)} ${num(x + w * 0.25)} ${num(y + h + wave * 0.6)} ${num(x)} ${num(y + h - wave)} Z`,
          fill,
          ...line,
        }),
        p("path", {
          d: `M${num(x + w - fold)} ${num(y)} V${num(y + fold)} H${num(x + w)}`,
          fill: "none",
          ...line,
        }),
      ];
    }
    case "agency":
      // Another body: a double frame.
      return [
        p("rect", { x, y, width: w, height: h, fill, ...line }),
        p("rect", { x: x + 3, y: y + 3, width: w - 6, height: h - 6, fill: "none", stroke, "stroke-width": 0.8 }),
      ];
    case "department":
      return [p("rect", { x, y, width: w, height: h, fill, ...line })];
    case "contractor":
    case "subcontractor":
      return [
        p("rect", {
          x,
          y,
          width: w,
          height: h,
          rx: 4,
          fill,
          stroke,
          "stroke-width": sw + 0.4,
          "stroke-dasharray": kind === "subcontractor" ? "7 3" : undefined,
        }),
      ];
    default:
      return [p("rect", { x, y, width: w, height: h, rx: 8, fill, ...line })];
  }
}

/** Legend icons inside the given area. */
function icon(kind: NodeKind, a: Box, c: KindColors, stroke: string, sw: number): Prim[] {
  const s = Math.min(a.h, a.w * 0.8);
  const cx = a.x + a.w / 2;
  const top = a.y + (a.h - s) / 2;
  const line = { stroke, "stroke-width": sw };
  switch (kind) {
    case "person":
    case "staff": {
      const r = s * 0.17;
      const bTop = top + r * 2 + 3;
      const half = s * 0.3;
      const figure = [
        p("circle", { cx, cy: top + r + 1, r, fill: c.accent, ...line }),
        p("path", {
          d: `M${num(cx - half)} ${num(top + s)} V${num(bTop + s * 0.18)} Q${num(cx - half)} ${num(bTop)} ${num(cx)} ${num(bTop)} Q${num(cx + half)} ${num(bTop)} ${num(cx + half)} ${num(bTop + s * 0.18)} V${num(top + s)} Z`,
          fill: c.accent,
          ...line,
        }),
      ];
      if (kind === "person") return figure;
      // Staff wear a name card.
      return [
        ...figure,
        p("rect", {
          x: cx + half * 0.2,
          y: bTop + s * 0.14,
          width: half * 0.55,
          height: s * 0.16,
          fill: "#ffffff",
          stroke,
          "stroke-width": 0.8,
        }),
      ];
    }
    case "terminal": {
      const sw2 = Math.min(a.w, s * 1.35);
      const sh = s * 0.68;
      return [
        p("rect", { x: cx - sw2 / 2, y: top, width: sw2, height: sh, rx: 2, fill: c.accent, ...line }),
        p("path", {
          d: `M${num(cx - s * 0.08)} ${num(top + sh)} L${num(cx - s * 0.14)} ${num(top + s * 0.9)} H${num(cx + s * 0.14)} L${num(cx + s * 0.08)} ${num(top + sh)}`,
          fill: "none",
          ...line,
        }),
        p("path", { d: `M${num(cx - s * 0.3)} ${num(top + s * 0.92)} H${num(cx + s * 0.3)}`, ...line }),
      ];
    }
    case "media": {
      // A disc and a USB stick: 電子記録媒体 of either sort.
      const r = s * 0.36;
      const dx = cx - s * 0.25;
      const ux = cx + s * 0.22;
      return [
        p("circle", { cx: dx, cy: top + s / 2, r, fill: c.accent, ...line }),
        p("circle", { cx: dx, cy: top + s / 2, r: r * 0.25, fill: "#ffffff", ...line }),
        p("rect", { x: ux, y: top + s * 0.3, width: s * 0.22, height: s * 0.55, rx: 2, fill: c.accent, ...line }),
        p("rect", { x: ux + s * 0.04, y: top + s * 0.15, width: s * 0.14, height: s * 0.15, fill: "#ffffff", ...line }),
      ];
    }
    case "disposal": {
      const bw = s * 0.95;
      const x = cx - bw / 2;
      const y = top + s * 0.12;
      const bh = s * 0.85;
      return [
        p("rect", { x, y, width: bw, height: bh, fill: "#ffffff", ...line }),
        p("path", {
          d: `M${num(x)} ${num(y)} L${num(x + bw)} ${num(y + bh)} M${num(x + bw)} ${num(y)} L${num(x)} ${num(y + bh)}`,
          fill: "none",
          ...line,
        }),
      ];
    }
    default: {
      // Network device: a flat box with arrows both ways.
      const bw = Math.min(a.w, s * 1.5);
      const bh = s * 0.6;
      const x = cx - bw / 2;
      const y = top + (s - bh) / 2;
      const m1 = y + bh * 0.35;
      const m2 = y + bh * 0.65;
      const l = x + bw * 0.2;
      const r = x + bw * 0.8;
      return [
        p("rect", { x, y, width: bw, height: bh, rx: 4, fill: "#ffffff", ...line }),
        p("path", {
          d: `M${num(l)} ${num(m1)} H${num(r)} M${num(r - 5)} ${num(m1 - 3)} L${num(r)} ${num(m1)} L${num(r - 5)} ${num(m1 + 3)} M${num(r)} ${num(m2)} H${num(l)} M${num(l + 5)} ${num(m2 - 3)} L${num(l)} ${num(m2)} L${num(l + 5)} ${num(m2 + 3)}`,
          fill: "none",
          stroke: c.accent === "#ffffff" ? stroke : c.accent,
          "stroke-width": 1.2,
        }),
      ];
    }
  }
}
