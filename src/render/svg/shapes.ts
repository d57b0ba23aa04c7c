import type { NodeKind } from "../../model";
import { type Box, ICON_KINDS } from "./scene";
import type { KindColors } from "./style";
import { escapeXml, fitLine, measureText, wrapText } from "./text";
import { el, num } from "./xml";

export const NODE_FONT = 12;
export const NODE_LINE = 15;

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

const ICON_WIDTH: Partial<Record<NodeKind, number>> = {
  person: 0.62,
  staff: 0.62,
  terminal: 1.35,
  media: 1,
  disposal: 0.95,
  network_device: 1.5,
};

function iconLayout(box: Box, label: string) {
  const maxLines = Math.max(1, Math.min(3, Math.floor((box.h - 30) / NODE_LINE)));
  const lines = label ? wrapText(label, box.w - 6, NODE_FONT, maxLines) : [];
  const labelH = lines.length * NODE_LINE;
  const iconH = Math.max(18, box.h - labelH - 8);
  const area = { x: box.x + 4, y: box.y + 2, w: box.w - 8, h: iconH };
  return { lines, labelH, area, size: Math.min(area.h, area.w * 0.8) };
}

/** The part of the node box that is actually drawn: icons are narrower than their box. */
export function visualBox(kind: NodeKind, box: Box, label: string): Box {
  if (!ICON_KINDS.has(kind)) return box;
  const { lines, size } = iconLayout(box, label);
  const labelW = Math.max(0, ...lines.map((l) => measureText(l, NODE_FONT)));
  const w = Math.min(box.w, Math.max(size * (ICON_WIDTH[kind] ?? 1), labelW) + 10);
  return { x: box.x + (box.w - w) / 2, y: box.y, w, h: box.h };
}

/** The shape of a node kind drawn into its box, and its wrapped label. */
export function drawNode(kind: NodeKind, box: Box, label: string, look: NodeLook): NodeDrawing {
  const stroke = look.outline ?? look.colors.stroke;
  const sw = look.outline ? 2.6 : 1.3;
  const extra: Box[] = [];
  const parts: string[] = [];
  const { x, y, w, h } = box;

  if (ICON_KINDS.has(kind)) {
    const { lines, labelH, area: iconBox } = iconLayout(box, label);
    // An invisible hit area keeps the whole node one shape for viewers that select by element.
    parts.push(el("rect", { x, y, width: w, height: h, fill: "none", stroke: "none" }));
    parts.push(icon(kind, iconBox, look.colors, stroke, sw));
    parts.push(
      textBlock(lines, x + w / 2, y + h - labelH - 2, {
        size: NODE_FONT,
        line: NODE_LINE,
        fill: look.textColor,
        role: "label",
      }),
    );
    if (look.outline)
      parts.push(
        el("rect", {
          x: x - 3,
          y: y - 3,
          width: w + 6,
          height: h + 6,
          rx: 6,
          fill: "none",
          stroke,
          "stroke-width": 2,
          "stroke-dasharray": "4 3",
        }),
      );
    return { svg: parts.join(""), extra };
  }

  let inset = { top: 6, bottom: 6 };
  switch (kind) {
    case "store": {
      const ry = Math.min(9, h / 6);
      parts.push(
        el("path", {
          d: `M${num(x)} ${num(y + ry)} A${num(w / 2)} ${num(ry)} 0 0 1 ${num(x + w)} ${num(y + ry)} V${num(y + h - ry)} A${num(w / 2)} ${num(ry)} 0 0 1 ${num(x)} ${num(y + h - ry)} Z`,
          fill: look.colors.fill,
          stroke,
          "stroke-width": sw,
        }),
      );
      parts.push(
        el("path", {
          d: `M${num(x)} ${num(y + ry)} A${num(w / 2)} ${num(ry)} 0 0 0 ${num(x + w)} ${num(y + ry)}`,
          fill: "none",
          stroke,
          "stroke-width": sw,
        }),
      );
      inset = { top: ry * 2 + 2, bottom: ry + 2 };
      break;
    }
    case "paper": {
      const fold = Math.min(14, h / 4);
      const wave = Math.min(8, h / 6);
      parts.push(
        el("path", {
          d: `M${num(x)} ${num(y)} H${num(x + w - fold)} L${num(x + w)} ${num(y + fold)} V${num(y + h - wave)} C${num(x + w * 0.75)} ${num(y + h - wave * 2.6)} ${num(x + w * 0.25)} ${num(y + h + wave * 0.6)} ${num(x)} ${num(y + h - wave)} Z`,
          fill: look.colors.fill,
          stroke,
          "stroke-width": sw,
        }),
      );
      parts.push(
        el("path", {
          d: `M${num(x + w - fold)} ${num(y)} V${num(y + fold)} H${num(x + w)}`,
          fill: "none",
          stroke,
          "stroke-width": sw,
        }),
      );
      inset = { top: 6, bottom: wave + 4 };
      break;
    }
    case "agency":
      parts.push(el("rect", { x, y, width: w, height: h, fill: look.colors.fill, stroke, "stroke-width": sw }));
      parts.push(
        el("rect", { x: x + 3, y: y + 3, width: w - 6, height: h - 6, fill: "none", stroke, "stroke-width": 0.8 }),
      );
      break;
    case "department":
      parts.push(el("rect", { x, y, width: w, height: h, fill: look.colors.fill, stroke, "stroke-width": sw }));
      break;
    case "contractor":
    case "subcontractor": {
      parts.push(
        el("rect", {
          x,
          y,
          width: w,
          height: h,
          rx: 4,
          fill: look.colors.fill,
          stroke,
          "stroke-width": sw + 0.4,
          "stroke-dasharray": kind === "subcontractor" ? "7 3" : undefined,
        }),
      );
      break;
    }
    default:
      parts.push(el("rect", { x, y, width: w, height: h, rx: 8, fill: look.colors.fill, stroke, "stroke-width": sw }));
  }

  const innerH = h - inset.top - inset.bottom;
  const maxLines = Math.max(1, Math.floor(innerH / NODE_LINE));
  const lines = wrapText(label, w - 14, NODE_FONT, maxLines);
  const top = y + inset.top + (innerH - lines.length * NODE_LINE) / 2;
  parts.push(
    textBlock(lines, x + w / 2, top, { size: NODE_FONT, line: NODE_LINE, fill: look.textColor, role: "label" }),
  );

  if (look.tab && look.tabColors) {
    // The 委託事項 marking: a tab on the top edge naming what is delegated.
    const tabText = fitLine(look.tab, w - 12, 10);
    const tab = { x, y: y - 16, w: Math.min(w, measureText(tabText, 10) + 12), h: 16 };
    parts.push(el("rect", { x: tab.x, y: tab.y, width: tab.w, height: tab.h, fill: look.tabColors.fill, stroke }));
    parts.push(
      textBlock([tabText], tab.x + 6, tab.y, { size: 10, line: 16, fill: look.tabColors.text, anchor: "start" }),
    );
    extra.push(tab);
  }
  return { svg: parts.join(""), extra };
}

/** Legend-style icons inside the given area. */
function icon(kind: NodeKind, a: Box, c: KindColors, stroke: string, sw: number): string {
  const s = Math.min(a.h, a.w * 0.8);
  const cx = a.x + a.w / 2;
  const top = a.y + (a.h - s) / 2;
  const common = { stroke, "stroke-width": sw };
  switch (kind) {
    case "person":
    case "staff": {
      const r = s * 0.17;
      const head = el("circle", { cx, cy: top + r + 1, r, fill: c.accent, ...common });
      const bTop = top + r * 2 + 3;
      const half = s * 0.3;
      const body = el("path", {
        d: `M${num(cx - half)} ${num(top + s)} V${num(bTop + s * 0.18)} Q${num(cx - half)} ${num(bTop)} ${num(cx)} ${num(bTop)} Q${num(cx + half)} ${num(bTop)} ${num(cx + half)} ${num(bTop + s * 0.18)} V${num(top + s)} Z`,
        fill: c.accent,
        ...common,
      });
      if (kind === "person") return head + body;
      // Staff wear a name card.
      const card = el("rect", {
        x: cx + half * 0.2,
        y: bTop + s * 0.14,
        width: half * 0.55,
        height: s * 0.16,
        fill: "#ffffff",
        ...common,
        "stroke-width": 0.8,
      });
      return head + body + card;
    }
    case "terminal": {
      const sw2 = Math.min(a.w, s * 1.35);
      const sh = s * 0.68;
      const x = cx - sw2 / 2;
      const screen = el("rect", { x, y: top, width: sw2, height: sh, rx: 2, fill: c.accent, ...common });
      const stand = el("path", {
        d: `M${num(cx - s * 0.08)} ${num(top + sh)} L${num(cx - s * 0.14)} ${num(top + s * 0.9)} H${num(cx + s * 0.14)} L${num(cx + s * 0.08)} ${num(top + sh)}`,
        fill: "none",
        ...common,
      });
      const base = el("path", { d: `M${num(cx - s * 0.3)} ${num(top + s * 0.92)} H${num(cx + s * 0.3)}`, ...common });
      return screen + stand + base;
    }
    case "media": {
      const r = s * 0.36;
      const dx = cx - s * 0.25;
      const disc = el("circle", { cx: dx, cy: top + s / 2, r, fill: c.accent, ...common });
      const hole = el("circle", { cx: dx, cy: top + s / 2, r: r * 0.25, fill: "#ffffff", ...common });
      const ux = cx + s * 0.22;
      const usb = el("rect", {
        x: ux,
        y: top + s * 0.3,
        width: s * 0.22,
        height: s * 0.55,
        rx: 2,
        fill: c.accent,
        ...common,
      });
      const plug = el("rect", {
        x: ux + s * 0.04,
        y: top + s * 0.15,
        width: s * 0.14,
        height: s * 0.15,
        fill: "#ffffff",
        ...common,
      });
      return disc + hole + usb + plug;
    }
    case "disposal": {
      const bw = s * 0.95;
      const x = cx - bw / 2;
      const y = top + s * 0.12;
      const bh = s * 0.85;
      const box = el("rect", { x, y, width: bw, height: bh, fill: "#ffffff", ...common });
      const cross = el("path", {
        d: `M${num(x)} ${num(y)} L${num(x + bw)} ${num(y + bh)} M${num(x + bw)} ${num(y)} L${num(x)} ${num(y + bh)}`,
        fill: "none",
        ...common,
      });
      return box + cross;
    }
    default: {
      // Network device: a flat box with arrows both ways.
      const bw = Math.min(a.w, s * 1.5);
      const bh = s * 0.6;
      const x = cx - bw / 2;
      const y = top + (s - bh) / 2;
      const boxSvg = el("rect", { x, y, width: bw, height: bh, rx: 4, fill: "#ffffff", ...common });
      const m1 = y + bh * 0.35;
      const m2 = y + bh * 0.65;
      const l = x + bw * 0.2;
      const r = x + bw * 0.8;
      const arrows = el("path", {
        d: `M${num(l)} ${num(m1)} H${num(r)} M${num(r - 5)} ${num(m1 - 3)} L${num(r)} ${num(m1)} L${num(r - 5)} ${num(m1 + 3)} M${num(r)} ${num(m2)} H${num(l)} M${num(l + 5)} ${num(m2 - 3)} L${num(l)} ${num(m2)} L${num(l + 5)} ${num(m2 + 3)}`,
        fill: "none",
        stroke: c.accent === "#ffffff" ? stroke : c.accent,
        "stroke-width": 1.2,
      });
      return boxSvg + arrows;
    }
  }
}
