import type { NodeKind } from "../../model";
import { FINDING_STROKE, hasTab, ICON_KINDS, type KindColors, kindFigure, type Prim, tabFigure } from "../../shapes";
import type { Box } from "./scene";
import { escapeXml } from "./text";
import { el, num } from "./xml";

export { NODE_FONT, NODE_LINE, visualBox } from "../../shapes";

/** A block of lines centred on cx (or left-aligned at x when anchor is "start"), starting at top. */
export function textBlock(
  lines: string[],
  x: number,
  top: number,
  opts: {
    size: number;
    line: number;
    fill: string;
    anchor?: "middle" | "start" | "end";
    weight?: "bold";
    /** Marks the element's own label among other texts (tabs, badges). */
    role?: string;
  },
): string {
  const tspans = lines.map((line, i) => {
    const baseline = top + i * opts.line + (opts.line - opts.size) / 2 + opts.size * 0.86;
    return `<tspan x="${num(x)}" y="${num(baseline)}">${escapeXml(line)}</tspan>`;
  });
  return el(
    "text",
    {
      "font-size": opts.size,
      fill: opts.fill,
      "text-anchor": opts.anchor ?? "middle",
      "font-weight": opts.weight,
      "data-role": opts.role,
    },
    tspans.join(""),
  );
}

export interface NodeDrawing {
  svg: string;
  /** Extra areas the node occupies outside its box (the 委託事項 tab), kept free of labels. */
  extra: Box[];
}

export interface NodeLook {
  colors: KindColors;
  /** Outline colour and weight when a finding marks the node. */
  outline?: string;
  tab?: string;
  tabColors?: { fill: string; text: string };
  textColor: string;
}

/** The shared drawing primitives as SVG text. */
export function primsSvg(prims: Prim[]): string {
  return prims.map((p) => el(p.tag, p.attrs)).join("");
}

/** The shape of a node kind drawn into its box (src/shapes), and its wrapped label. */
export function drawNode(kind: NodeKind, box: Box, label: string, look: NodeLook): NodeDrawing {
  const figure = kindFigure(kind, box, label, {
    colors: look.colors,
    stroke: look.outline,
    strokeWidth: look.outline ? FINDING_STROKE : undefined,
  });
  const extra: Box[] = [];
  const parts: string[] = [];
  const { x, y, w, h } = box;
  const icon = ICON_KINDS.has(kind);
  // An invisible hit area keeps an icon node one shape for viewers that select by element.
  if (icon) parts.push(el("rect", { x, y, width: w, height: h, fill: "none", stroke: "none" }));
  parts.push(primsSvg(figure.prims));
  const l = figure.label;
  parts.push(textBlock(l.lines, l.cx, l.top, { size: l.size, line: l.line, fill: look.textColor, role: "label" }));
  if (icon && look.outline)
    parts.push(
      el("rect", {
        x: x - 3,
        y: y - 3,
        width: w + 6,
        height: h + 6,
        rx: 6,
        fill: "none",
        stroke: look.outline,
        "stroke-width": 2,
        "stroke-dasharray": "4 3",
      }),
    );
  if (hasTab(kind) && look.tab && look.tabColors) {
    // The 委託事項 marking: a tab on the top edge naming what is delegated.
    const tab = tabFigure(box, look.tab);
    const stroke = look.outline ?? look.colors.stroke;
    parts.push(
      el("rect", {
        x: tab.box.x,
        y: tab.box.y,
        width: tab.box.w,
        height: tab.box.h,
        fill: look.tabColors.fill,
        stroke,
      }),
    );
    parts.push(
      textBlock(tab.lines, tab.box.x + tab.pad, tab.box.y + tab.top, {
        size: tab.size,
        line: tab.line,
        fill: look.tabColors.text,
        anchor: "start",
      }),
    );
    extra.push(tab.box);
  }
  return { svg: parts.join(""), extra };
}
