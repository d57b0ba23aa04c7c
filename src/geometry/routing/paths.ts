import { dir, inflate, segmentHits, simplify } from "./geometry";
import type { Box, Pt, Side } from "./types";

/**
 * Cheap candidate paths between two ports (straight, L- and Z-shaped through the gaps between the boxes
 * around) and their cost: length, bends, boxes crossed, lines run along. Most flows of a 別添1 find a free
 * path here; the grid search (grid-path.ts) is only for the rest.
 */

export const STUB = 14;
export const CLEARANCE = 8;
/** Cost of crossing a box that is not one of the flow's ends: any path that does is worse than any that does not. */
export const HIT = 5000;

export interface Seg {
  a: Pt;
  b: Pt;
}

/** Segments already drawn, bucketed by their line (x of a vertical, y of a horizontal) for quick lookups. */
export class Taken {
  private buckets = new Map<number, Seg[]>();
  size = 0;

  /** One number per orientation and 4 px band of the line (bands within ±2^26 px). */
  private static key(vertical: boolean, band: number): number {
    return (band + 67108864) * 2 + (vertical ? 1 : 0);
  }

  add(s: Seg): void {
    const vertical = Math.abs(s.a.x - s.b.x) < 0.01;
    const k = Taken.key(vertical, Math.round((vertical ? s.a.x : s.a.y) / 4));
    const list = this.buckets.get(k);
    if (list) list.push(s);
    else this.buckets.set(k, [s]);
    this.size++;
  }

  addPath(points: Pt[]): void {
    for (let i = 0; i + 1 < points.length; i++) this.add({ a: points[i] as Pt, b: points[i + 1] as Pt });
  }

  /** Total length along which a-b runs on top of segments already drawn (same orientation, within 3 px). */
  along(a: Pt, b: Pt): number {
    if (!this.size) return 0;
    const vertical = Math.abs(a.x - b.x) < 0.01;
    const c = Math.round((vertical ? a.x : a.y) / 4);
    let total = 0;
    for (let d = -1; d <= 1; d++) {
      const list = this.buckets.get(Taken.key(vertical, c + d));
      if (list) for (const s of list) total += overlap(a, b, s);
    }
    return total;
  }
}

export const NONE_TAKEN = new Taken();

/** Length along which two axis-parallel segments run on top of each other (within 3px). */
function overlap(a: Pt, b: Pt, s: Seg): number {
  const vertical = Math.abs(a.x - b.x) < 0.01;
  const sVertical = Math.abs(s.a.x - s.b.x) < 0.01;
  if (vertical !== sVertical) return 0;
  if (vertical) {
    if (Math.abs(a.x - s.a.x) > 3) return 0;
    const lo = Math.max(Math.min(a.y, b.y), Math.min(s.a.y, s.b.y));
    const hi = Math.min(Math.max(a.y, b.y), Math.max(s.a.y, s.b.y));
    return Math.max(0, hi - lo);
  }
  if (Math.abs(a.y - s.a.y) > 3) return 0;
  const lo = Math.max(Math.min(a.x, b.x), Math.min(s.a.x, s.b.x));
  const hi = Math.min(Math.max(a.x, b.x), Math.max(s.a.x, s.b.x));
  return Math.max(0, hi - lo);
}

/** Paths from p (leaving along side sa) to q (entering along side sb). */
export function candidates(p: Pt, sa: Side, q: Pt, sb: Side, obstacles: Box[], shifted: boolean, many = 6): Pt[][] {
  const da = dir(sa);
  const db = dir(sb);
  const p1 = { x: p.x + da.x * STUB, y: p.y + da.y * STUB };
  const q1 = { x: q.x + db.x * STUB, y: q.y + db.y * STUB };
  const out: Pt[][] = [];
  const mids = (a: number, b: number, axis: "x" | "y") => {
    const set = new Set<number>([(a + b) / 2]);
    for (const o of obstacles) {
      const lo = axis === "x" ? o.x : o.y;
      const hi = axis === "x" ? o.x + o.w : o.y + o.h;
      if (hi < Math.min(a, b) - 60 || lo > Math.max(a, b) + 60) continue;
      set.add(lo - CLEARANCE);
      set.add(hi + CLEARANCE);
    }
    set.add(Math.min(a, b) - 20);
    set.add(Math.max(a, b) + 20);
    const base = [...set].sort((x, y) => Math.abs(x - (a + b) / 2) - Math.abs(y - (a + b) / 2)).slice(0, many);
    // Shifted copies let a second flow run beside the first instead of on top of it.
    const all = new Set<number>(base);
    if (shifted) for (const m of base) for (const d of [12, -12, 24, -24]) all.add(m + d);
    return [...all];
  };
  out.push([p, p1, { x: q1.x, y: p1.y }, q1, q]);
  out.push([p, p1, { x: p1.x, y: q1.y }, q1, q]);
  for (const m of mids(p1.x, q1.x, "x")) out.push([p, p1, { x: m, y: p1.y }, { x: m, y: q1.y }, q1, q]);
  for (const m of mids(p1.y, q1.y, "y")) out.push([p, p1, { x: p1.x, y: m }, { x: q1.x, y: m }, q1, q]);
  return out.map(simplify);
}

/**
 * Cost of a path; stops counting once it exceeds `limit` (a better path is already known). `ends` are the
 * flow's own boxes, which the path may touch only at its first and last segment (null for a pinned bend).
 */
export function score(
  points: Pt[],
  obstacles: Box[],
  ends: [Box | null, Box | null],
  taken: Taken,
  soft: Box[],
  limit: number,
): number {
  // Length and bends first: they are cheap and often enough to rule a path out.
  let cost = (points.length - 2) * 40;
  for (let i = 0; i + 1 < points.length; i++)
    cost +=
      Math.abs((points[i] as Pt).x - (points[i + 1] as Pt).x) + Math.abs((points[i] as Pt).y - (points[i + 1] as Pt).y);
  if (cost >= limit) return cost;
  const own0 = ends[0] ? inflate(ends[0], -1) : null;
  const own1 = ends[1] ? inflate(ends[1], -1) : null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as Pt;
    const b = points[i + 1] as Pt;
    for (const o of obstacles) if (segmentHits(a, b, o)) cost += HIT;
    for (const o of soft) if (segmentHits(a, b, o)) cost += 400;
    if (own0 && i > 0 && segmentHits(a, b, own0)) cost += 8000;
    if (own1 && i + 2 < points.length && segmentHits(a, b, own1)) cost += 8000;
    cost += taken.along(a, b) * 4;
    if (i > 0) {
      const z = points[i - 1] as Pt;
      const dx1 = Math.sign(a.x - z.x);
      const dy1 = Math.sign(a.y - z.y);
      const dx2 = Math.sign(b.x - a.x);
      const dy2 = Math.sign(b.y - a.y);
      if (dx1 === -dx2 && dy1 === -dy2) cost += 10000; // doubling back on itself
    }
    if (cost >= limit) return cost;
  }
  return cost;
}

/** Does any segment of the path cross one of the boxes? */
export function pathHits(points: Pt[], boxes: Box[]): boolean {
  for (let i = 0; i + 1 < points.length; i++)
    for (const o of boxes) if (segmentHits(points[i] as Pt, points[i + 1] as Pt, o)) return true;
  return false;
}
