import type { Box, Pt, Side } from "./types";

/** Small geometric helpers shared by the router and the label placement. */

export const dir = (s: Side): Pt =>
  s === "right" ? { x: 1, y: 0 } : s === "left" ? { x: -1, y: 0 } : s === "bottom" ? { x: 0, y: 1 } : { x: 0, y: -1 };
export const horizontal = (s: Side) => s === "left" || s === "right";

export function sidePoint(b: Box, s: Side, offset = 0): Pt {
  switch (s) {
    case "right":
      return { x: b.x + b.w, y: b.y + b.h / 2 + offset };
    case "left":
      return { x: b.x, y: b.y + b.h / 2 + offset };
    case "bottom":
      return { x: b.x + b.w / 2 + offset, y: b.y + b.h };
    default:
      return { x: b.x + b.w / 2 + offset, y: b.y };
  }
}

export function inflate(b: Box, d: number): Box {
  return { x: b.x - d, y: b.y - d, w: b.w + 2 * d, h: b.h + 2 * d };
}

export function centre(b: Box): Pt {
  return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
}

/** Does the axis-parallel segment a-b pass through the inside of box r? */
export function segmentHits(a: Pt, b: Pt, r: Box): boolean {
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  return x2 > r.x && x1 < r.x + r.w && y2 > r.y && y1 < r.y + r.h;
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function sameBox(a: Box | undefined, b: Box | undefined): boolean {
  return !!a && !!b && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

/** Drops repeated and collinear middle points. */
export function simplify(points: Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
    out.push(p);
    while (out.length >= 3) {
      const [a, b, c] = out.slice(-3) as [Pt, Pt, Pt];
      const collinear =
        (Math.abs(a.x - b.x) < 0.01 && Math.abs(b.x - c.x) < 0.01) ||
        (Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - c.y) < 0.01);
      if (!collinear) break;
      out.splice(out.length - 2, 1);
    }
  }
  return out;
}

/** Point at a distance along a polyline, with the direction of the segment it falls on. */
export function pointAlong(points: Pt[], dist: number): { p: Pt; horizontal: boolean } {
  let left = dist;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as Pt;
    const b = points[i + 1] as Pt;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= len || i + 2 === points.length) {
      const t = len === 0 ? 0 : Math.min(1, left / len);
      return { p: { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }, horizontal: Math.abs(b.y - a.y) < 0.01 };
    }
    left -= len;
  }
  const last = points[points.length - 1] ?? { x: 0, y: 0 };
  return { p: last, horizontal: true };
}

export function pathLength(points: Pt[]): number {
  let len = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as Pt;
    const b = points[i + 1] as Pt;
    len += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return len;
}

/** Boxes by grid cell, so that each flow looks only at the boxes around it (large drawings stay fast). */
export class BoxGrid<T extends Box = Box> {
  private static readonly CELL = 240;
  private cells = new Map<number, number[]>();
  constructor(private items: readonly [string, T][]) {
    const c = BoxGrid.CELL;
    items.forEach(([, b], i) => {
      for (let gx = Math.floor(b.x / c); gx <= Math.floor((b.x + b.w) / c); gx++)
        for (let gy = Math.floor(b.y / c); gy <= Math.floor((b.y + b.h) / c); gy++) {
          const k = gridKey(gx, gy);
          const list = this.cells.get(k);
          if (list) list.push(i);
          else this.cells.set(k, [i]);
        }
    });
  }

  /** Items overlapping the area, in input order (deterministic). */
  query(area: Box): [string, T][] {
    const c = BoxGrid.CELL;
    const gx0 = Math.floor(area.x / c);
    const gx1 = Math.floor((area.x + area.w) / c);
    const gy0 = Math.floor(area.y / c);
    const gy1 = Math.floor((area.y + area.h) / c);
    const hits = (b: Box) => segmentHits({ x: b.x, y: b.y }, { x: b.x + b.w, y: b.y + b.h }, area);
    // A wide area over few items: looking at each item is cheaper than at each cell.
    if ((gx1 - gx0 + 1) * (gy1 - gy0 + 1) >= this.items.length) return this.items.filter(([, b]) => hits(b));
    const hit = new Set<number>();
    for (let gx = gx0; gx <= gx1; gx++)
      for (let gy = gy0; gy <= gy1; gy++) for (const i of this.cells.get(gridKey(gx, gy)) ?? []) hit.add(i);
    return [...hit]
      .sort((a, b) => a - b)
      .map((i) => this.items[i] as [string, T])
      .filter(([, b]) => hits(b));
  }
}

/** One number per grid cell (cells within ±2^20 of the origin, far beyond any drawing). */
function gridKey(gx: number, gy: number): number {
  return (gx + 1048576) * 2097152 + (gy + 1048576);
}
