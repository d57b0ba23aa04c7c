import type { Box } from "./scene";

/**
 * Orthogonal edge routing that is good enough for a 別添1 figure: for each flow, try the sides of both
 * boxes and a few straight, L- and Z-shaped paths, and keep the one that crosses the fewest other node
 * boxes, bends least and is shortest. Then spread the edges that share a side of a box so that arrows
 * and step labels do not sit on top of each other.
 */

export interface Pt {
  x: number;
  y: number;
}
export type Side = "left" | "right" | "top" | "bottom";
const SIDES: Side[] = ["right", "left", "bottom", "top"];

export interface RouteRequest {
  id: string;
  source: Box;
  target: Box;
  sourceId: string;
  targetId: string;
}

export interface Route {
  id: string;
  points: Pt[];
  sides: [Side, Side];
}

const STUB = 14;
const CLEARANCE = 8;

const dir = (s: Side): Pt =>
  s === "right" ? { x: 1, y: 0 } : s === "left" ? { x: -1, y: 0 } : s === "bottom" ? { x: 0, y: 1 } : { x: 0, y: -1 };
const horizontal = (s: Side) => s === "left" || s === "right";

function sidePoint(b: Box, s: Side, offset = 0): Pt {
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

function inflate(b: Box, d: number): Box {
  return { x: b.x - d, y: b.y - d, w: b.w + 2 * d, h: b.h + 2 * d };
}

/** Does the axis-parallel segment a-b pass through the inside of box r? */
function segmentHits(a: Pt, b: Pt, r: Box): boolean {
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  return x2 > r.x && x1 < r.x + r.w && y2 > r.y && y1 < r.y + r.h;
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

/** Paths from p (leaving along side sa) to q (entering along side sb). */
function candidates(p: Pt, sa: Side, q: Pt, sb: Side, obstacles: Box[], shifted: boolean): Pt[][] {
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
    const base = [...set].sort((x, y) => Math.abs(x - (a + b) / 2) - Math.abs(y - (a + b) / 2)).slice(0, 6);
    // Shifted copies let a second edge run beside the first instead of on top of it.
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

interface Scored {
  points: Pt[];
  cost: number;
}

/** Cost of a path; stops counting once it exceeds `limit` (a better path is already known). */
function score(points: Pt[], obstacles: Box[], ends: [Box, Box], taken: Taken, soft: Box[], limit: number): number {
  // Length and bends first: they are cheap and often enough to rule a path out.
  let cost = (points.length - 2) * 40;
  for (let i = 0; i + 1 < points.length; i++)
    cost +=
      Math.abs((points[i] as Pt).x - (points[i + 1] as Pt).x) + Math.abs((points[i] as Pt).y - (points[i + 1] as Pt).y);
  if (cost >= limit) return cost;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as Pt;
    const b = points[i + 1] as Pt;
    for (const o of obstacles) if (segmentHits(a, b, o)) cost += 5000;
    for (const o of soft) if (segmentHits(a, b, o)) cost += 400;
    // The path may touch its own ends only at the first and last segment.
    if (i > 0 && segmentHits(a, b, inflate(ends[0], -1))) cost += 8000;
    if (i + 2 < points.length && segmentHits(a, b, inflate(ends[1], -1))) cost += 8000;
    for (const s of taken.near(a, b)) cost += overlap(a, b, s) * 4;
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

interface Seg {
  a: Pt;
  b: Pt;
}

/** Segments already drawn, bucketed by their line (x of a vertical, y of a horizontal) for quick lookups. */
class Taken {
  private buckets = new Map<string, Seg[]>();
  size = 0;

  private static key(vertical: boolean, coord: number): string {
    return `${vertical ? "v" : "h"}${Math.round(coord / 4)}`;
  }

  add(s: Seg): void {
    const vertical = Math.abs(s.a.x - s.b.x) < 0.01;
    const k = Taken.key(vertical, vertical ? s.a.x : s.a.y);
    const list = this.buckets.get(k) ?? [];
    list.push(s);
    this.buckets.set(k, list);
    this.size++;
  }

  /** Segments that may run along a-b (same orientation, within a few pixels). */
  *near(a: Pt, b: Pt): Generator<Seg> {
    if (!this.size) return;
    const vertical = Math.abs(a.x - b.x) < 0.01;
    const c = Math.round((vertical ? a.x : a.y) / 4);
    for (const d of [-1, 0, 1]) yield* this.buckets.get(`${vertical ? "v" : "h"}${c + d}`) ?? [];
  }
}

const NONE_TAKEN = new Taken();

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

/** The side facing outwards must point away from its box towards the other end, roughly. */
function plausible(s: Box, sa: Side, t: Box, sb: Side): boolean {
  const sc = { x: s.x + s.w / 2, y: s.y + s.h / 2 };
  const tc = { x: t.x + t.w / 2, y: t.y + t.h / 2 };
  const away = (side: Side, from: Pt, to: Pt) => {
    const d = dir(side);
    return d.x * (to.x - from.x) + d.y * (to.y - from.y) >= -20;
  };
  return away(sa, sc, tc) && away(sb, tc, sc);
}

function best(
  req: RouteRequest,
  sa: Side,
  sb: Side,
  p: Pt,
  q: Pt,
  obstacles: Box[],
  taken: Taken,
  soft: Box[],
): Scored {
  let top: Scored | null = null;
  for (const pts of candidates(p, sa, q, sb, obstacles, taken.size > 0)) {
    const cost = score(
      pts,
      obstacles,
      [req.source, req.target],
      taken,
      soft,
      top ? top.cost : Number.POSITIVE_INFINITY,
    );
    if (!top || cost < top.cost) top = { points: pts, cost };
  }
  return top as Scored;
}

/** A loop over the top right corner; the k-th loop on the same box runs outside the ones before it. */
function selfLoop(b: Box, k = 0): Pt[] {
  const right = b.x + b.w;
  const y = b.y + Math.min(18 + 10 * k, b.h / 2);
  const x = right - Math.min(30 + 14 * k, b.w / 2);
  const out = 22 + 12 * k;
  return [
    { x: right, y },
    { x: right + out, y },
    { x: right + out, y: b.y - out },
    { x, y: b.y - out },
    { x, y: b.y },
  ];
}

function spanOf(req: RouteRequest, margin: number): Box {
  const x = Math.min(req.source.x, req.target.x);
  const y = Math.min(req.source.y, req.target.y);
  return inflate(
    {
      x,
      y,
      w: Math.max(req.source.x + req.source.w, req.target.x + req.target.w) - x,
      h: Math.max(req.source.y + req.source.h, req.target.y + req.target.h) - y,
    },
    margin,
  );
}

/** Boxes by grid cell, so that each edge looks only at the boxes around it (large models stay fast). */
class BoxGrid {
  private static readonly CELL = 240;
  private cells = new Map<string, number[]>();
  constructor(private items: [string, Box][]) {
    items.forEach(([, b], i) => {
      for (const k of this.keys(b)) {
        const list = this.cells.get(k) ?? [];
        list.push(i);
        this.cells.set(k, list);
      }
    });
  }

  /** Items overlapping the area, in input order (deterministic). */
  query(area: Box): [string, Box][] {
    const hit = new Set<number>();
    for (const k of this.keys(area)) for (const i of this.cells.get(k) ?? []) hit.add(i);
    return [...hit]
      .sort((a, b) => a - b)
      .map((i) => this.items[i] as [string, Box])
      .filter(([, b]) => segmentHits({ x: b.x, y: b.y }, { x: b.x + b.w, y: b.y + b.h }, area));
  }

  private *keys(b: Box): Generator<string> {
    const c = BoxGrid.CELL;
    for (let gx = Math.floor(b.x / c); gx <= Math.floor((b.x + b.w) / c); gx++)
      for (let gy = Math.floor(b.y / c); gy <= Math.floor((b.y + b.h) / c); gy++) yield `${gx},${gy}`;
  }
}

/**
 * Routes every request; deterministic for a given input order. Soft obstacles (group titles) may be
 * crossed, at a price.
 */
export function routeAll(requests: RouteRequest[], boxes: Map<string, Box>, softObstacles: Box[] = []): Route[] {
  const grid = new BoxGrid([...boxes.entries()]);
  const softGrid = new BoxGrid(softObstacles.map((b, i) => [String(i), b]));
  const obstaclesFor = (req: RouteRequest) => {
    const out: Box[] = [];
    for (const [id, b] of grid.query(spanOf(req, 140))) {
      if (id === req.sourceId || id === req.targetId) continue;
      out.push(inflate(b, CLEARANCE - 2));
    }
    return out;
  };

  // Pass 1: choose sides with ports at the middle of each side.
  const chosen: { req: RouteRequest; sides: [Side, Side] | null; obstacles: Box[]; soft: Box[] }[] = [];
  for (const req of requests) {
    if (req.sourceId === req.targetId) {
      chosen.push({ req, sides: null, obstacles: [], soft: [] });
      continue;
    }
    const obstacles = obstaclesFor(req);
    const soft = softGrid.query(spanOf(req, 140)).map(([, b]) => b);
    let top: (Scored & { sides: [Side, Side] }) | null = null;
    for (const sa of SIDES)
      for (const sb of SIDES) {
        if (!plausible(req.source, sa, req.target, sb)) continue;
        const r = best(req, sa, sb, sidePoint(req.source, sa), sidePoint(req.target, sb), obstacles, NONE_TAKEN, soft);
        if (!top || r.cost < top.cost) top = { ...r, sides: [sa, sb] };
      }
    chosen.push({ req, sides: top ? top.sides : ["right", "left"], obstacles, soft });
  }

  // Pass 2: spread the ends that share a side, ordered by where the other end lies to avoid crossings.
  const slots = new Map<string, { index: number; end: 0 | 1; other: Pt }[]>();
  chosen.forEach((c, index) => {
    if (!c.sides) return;
    const ends: [string, Box, Side, Box][] = [
      [c.req.sourceId, c.req.source, c.sides[0], c.req.target],
      [c.req.targetId, c.req.target, c.sides[1], c.req.source],
    ];
    ends.forEach(([id, , side, other], end) => {
      const key = `${id}|${side}`;
      const list = slots.get(key) ?? [];
      list.push({ index, end: end as 0 | 1, other: { x: other.x + other.w / 2, y: other.y + other.h / 2 } });
      slots.set(key, list);
    });
  });
  const offsets = new Map<string, number>();
  for (const [key, list] of slots) {
    const [id, side] = key.split("|") as [string, Side];
    const box = boxes.get(id) as Box;
    const length = horizontal(side) ? box.h : box.w;
    list.sort((a, b) => (horizontal(side) ? a.other.y - b.other.y : a.other.x - b.other.x) || a.index - b.index);
    // Spread over most of the side, so that arrowheads (about 8 px wide) stay apart even on a crowded side.
    const gap = Math.min(22, (length * 0.85) / Math.max(1, list.length - 1));
    list.forEach((slot, i) => {
      offsets.set(`${slot.index}|${slot.end}`, (i - (list.length - 1) / 2) * gap);
    });
  }

  // Pass 3: final paths with the spread ports, avoiding what is already drawn.
  const taken = new Taken();
  const loops = new Map<string, number>();
  return chosen.map((c, index) => {
    if (!c.sides) {
      const k = loops.get(c.req.sourceId) ?? 0;
      loops.set(c.req.sourceId, k + 1);
      return { id: c.req.id, points: selfLoop(c.req.source, k), sides: ["right", "top"] as [Side, Side] };
    }
    const [sa, sb] = c.sides;
    const p = sidePoint(c.req.source, sa, offsets.get(`${index}|0`) ?? 0);
    const q = sidePoint(c.req.target, sb, offsets.get(`${index}|1`) ?? 0);
    const r = best(c.req, sa, sb, p, q, c.obstacles, taken, c.soft);
    for (let i = 0; i + 1 < r.points.length; i++) taken.add({ a: r.points[i] as Pt, b: r.points[i + 1] as Pt });
    return { id: c.req.id, points: r.points, sides: c.sides };
  });
}
