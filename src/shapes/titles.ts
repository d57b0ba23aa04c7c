import type { Box } from "./kinds";
import { widestLine, wrapTitle } from "./text";

/**
 * Titles of lanes and boundaries, for the canvas and every export: the whole title, wrapped to the group's
 * width, with the header band (lane) or label area (boundary) growing by a line for each line more.
 */

/** A lane's header band with one line of title, and a boundary's label area with one line. */
export const LANE_HEADER = 26;
export const BOUNDARY_HEADER = 20;

const LANE = { size: 13, line: 17, pad: 16 };
const BOUNDARY = { size: 11, line: 14, pad: 20 };

export interface GroupTitle {
  lines: string[];
  size: number;
  line: number;
  /** Where the lines are anchored: a lane's centred on x, a boundary's starting at x. */
  x: number;
  anchor: "middle" | "start";
  /** Top of the first line's box. */
  top: number;
  /** The lane's header band or the boundary's label area: nothing drawn inside the group goes there. */
  band: Box;
  /** Where the text itself is: a page edge must not cut through it. */
  text: Box;
}

export function groupTitle(type: "lane" | "boundary", label: string, b: Box): GroupTitle {
  const t = type === "lane" ? LANE : BOUNDARY;
  const base = type === "lane" ? LANE_HEADER : BOUNDARY_HEADER;
  const lines = wrapTitle(label, b.w - t.pad, t.size);
  const h = base + Math.max(0, lines.length - 1) * t.line;
  const top = b.y + (base - t.line) / 2;
  const textW = Math.min(b.w, widestLine(lines, t.size) + (type === "lane" ? 8 : t.pad));
  if (type === "lane")
    return {
      lines,
      size: t.size,
      line: t.line,
      x: b.x + b.w / 2,
      anchor: "middle",
      top,
      band: { x: b.x, y: b.y, w: b.w, h },
      text: { x: b.x + (b.w - textW) / 2, y: b.y, w: textW, h },
    };
  const text = { x: b.x, y: b.y, w: textW, h };
  return { lines, size: t.size, line: t.line, x: b.x + 10, anchor: "start", top, band: text, text };
}

/** The height a group's title takes at the top of the group, for a group as wide as `width`. */
export function titleHeight(type: "lane" | "boundary", label: string, width: number): number {
  return groupTitle(type, label, { x: 0, y: 0, w: width, h: 0 }).band.h;
}
