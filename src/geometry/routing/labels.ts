import { pathLength, pointAlong } from "./geometry";
import type { Box, Pt } from "./types";

/**
 * Flow label placement shared by the canvas and the exports: where a step label (①, ②-3) and a middle label
 * (transport badge, data carried) may go along a route, and a space that keeps labels off nodes and off one
 * another. Lines count too, but less: a label may cover another flow's line only when nothing better is near.
 */

/** A label over a node's text, a tab or another label: never acceptable when any other spot is free. */
export const HARD = 3;
/** A label across a line: acceptable when nothing better is near. */
export const LINE = 0.5;
/** How far (px) a crowded label looks for a free spot around its first one: further, it no longer reads as its line's. */
const REACH = 120;
/** Where nothing is free that near: a label away from its line is still better than one over another. */
const FAR_REACH = 320;
/** Space kept between a label moved aside and what it moved away from (px). */
const GAP = 2;
/** Free spots this much further than the nearest count as just as near (the one over fewer lines wins). */
const SLACK = 8;

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function centred(p: Pt, w: number, h: number): Box {
  return { x: p.x - w / 2, y: p.y - h / 2, w, h };
}

interface Entry {
  b: Box;
  owner?: string;
  weight: number;
  /** The query that last counted this entry (an entry spans several cells; counted once per query). */
  seen: number;
}

/**
 * Keeps labels apart: a coarse grid of occupied rectangles. Candidates are tried in order and the first
 * free one wins; when none is free, the nearest spot that covers no node and no label.
 *
 * Hard areas (nodes, tabs, labels: weight 1 or more) are also kept in a grid of their own: most spots tried in
 * a crowded drawing are ruled out by one of them, and looking only at those is much cheaper than at every line.
 */
export class LabelSpace {
  private cells = new Map<number, Entry[]>();
  private hard = new Map<number, Entry[]>();
  private query = 0;
  private static readonly CELL = 80;

  /** Marks an area as taken; an owner's own areas do not count against its labels (a flow's own line). */
  add(b: Box, owner?: string, weight = 1): Entry {
    const entry: Entry = { b, owner, weight, seen: 0 };
    this.into(this.cells, b, entry);
    if (weight >= 1) this.into(this.hard, b, entry);
    return entry;
  }

  /** Frees an area marked by `add` (or one segment of `addLine`). */
  remove(entry: Entry): void {
    this.out(this.cells, entry);
    if (entry.weight >= 1) this.out(this.hard, entry);
  }

  /** Marks a route's segments as lines owned by its flow. */
  addLine(points: Pt[], owner: string): Entry[] {
    const out: Entry[] = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k] as Pt;
      const b = points[k + 1] as Pt;
      const seg = {
        x: Math.min(a.x, b.x) - 1.5,
        y: Math.min(a.y, b.y) - 1.5,
        w: Math.abs(a.x - b.x) + 3,
        h: Math.abs(a.y - b.y) + 3,
      };
      out.push(this.add(seg, owner, LINE));
    }
    return out;
  }

  /**
   * Covered area times weight; with `minWeight` 1 or more only the hard areas count. Counting stops once the
   * total is above `limit` (the caller already knows a cheaper spot): the result is then only "more than limit".
   */
  cost(b: Box, self?: string, minWeight = 0, limit = Number.POSITIVE_INFINITY): number {
    const grid = minWeight >= 1 ? this.hard : this.cells;
    const q = ++this.query;
    const c = LabelSpace.CELL;
    const gx1 = Math.floor((b.x + b.w) / c);
    const gy0 = Math.floor(b.y / c);
    const gy1 = Math.floor((b.y + b.h) / c);
    let total = 0;
    for (let gx = Math.floor(b.x / c); gx <= gx1; gx++)
      for (let gy = gy0; gy <= gy1; gy++) {
        const list = grid.get(cellKey(gx, gy));
        if (!list) continue;
        for (const o of list) {
          if (o.seen === q) continue;
          o.seen = q;
          if (o.weight < minWeight || (self !== undefined && o.owner === self)) continue;
          total += overlapArea(b, o.b) * o.weight;
          if (total > limit) return total;
        }
      }
    return total;
  }

  /** The least covered candidate (the first free one). */
  pick(candidates: Box[], self?: string): Box {
    let best: Box | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const cost = this.cost(c, self, 0, bestCost);
      if (cost === 0) return c;
      if (cost < bestCost) {
        best = c;
        bestCost = cost;
      }
    }
    return best ?? (candidates[0] as Box);
  }

  /**
   * A spot that covers no node and no label: the first free candidate, else the candidate that only crosses
   * lines least, else the nearest such spot to the first candidate (see `nearest`), else the least covered
   * candidate.
   */
  place(candidates: Box[], self?: string): Box {
    let best: Box | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      if (this.cost(c, self, 1, 0) > 0) continue;
      const cost = this.cost(c, self, 0, bestCost);
      if (cost === 0) return c;
      if (cost < bestCost) {
        best = c;
        bestCost = cost;
      }
    }
    if (best) return best;
    const first = candidates[0];
    if (!first) return { x: 0, y: 0, w: 0, h: 0 };
    return this.nearest(first, self, REACH) ?? this.nearest(first, self, FAR_REACH) ?? this.pick(candidates, self);
  }

  /**
   * The spot nearest to `at` (its top left corner at most `reach` away) that covers no node and no label; of
   * the free spots about as near (within a few pixels), the one that crosses lines least. The nearest free
   * spot lies against a side of some hard area, or in a corner between two: its x is `at`'s or just beside a
   * hard area's left or right side, its y likewise, so only those are tried, nearest first.
   */
  private nearest(at: Box, self: string | undefined, reach: number): Box | null {
    const { w, h } = at;
    const xs = [at.x];
    const ys = [at.y];
    const q = ++this.query;
    const c = LabelSpace.CELL;
    const x0 = at.x - reach;
    const x1 = at.x + w + reach;
    const y0 = at.y - reach;
    const y1 = at.y + h + reach;
    for (let gx = Math.floor(x0 / c); gx <= Math.floor(x1 / c); gx++)
      for (let gy = Math.floor(y0 / c); gy <= Math.floor(y1 / c); gy++)
        for (const o of this.hard.get(cellKey(gx, gy)) ?? []) {
          if (o.seen === q) continue;
          o.seen = q;
          const b = o.b;
          if (b.x + b.w < x0 || b.x > x1 || b.y + b.h < y0 || b.y > y1) continue;
          xs.push(b.x - w - GAP, b.x + b.w + GAP);
          ys.push(b.y - h - GAP, b.y + b.h + GAP);
        }
    // Nearest first; equal distances in a fixed order (the output must not depend on the grid's lists).
    const order = (v: number[], from: number) =>
      [...new Set(v)]
        .filter((a) => Math.abs(a - from) <= reach)
        .sort((a, b) => Math.abs(a - from) - Math.abs(b - from) || a - b);
    const ox = order(xs, at.x);
    const oy = order(ys, at.y);
    // Column by column, the free spots about as near as the nearest so far.
    const found: { d: number; b: Box }[] = [];
    let bound = reach;
    for (const x of ox) {
      const dx = Math.abs(x - at.x);
      if (dx > bound + SLACK) break;
      for (const y of oy) {
        const d = Math.hypot(dx, y - at.y);
        // Along a column the distance only grows.
        if (d > Math.min(reach, bound + SLACK)) break;
        const b = { x, y, w, h };
        if (this.cost(b, self, 1, 0) > 0) continue;
        found.push({ d, b });
        bound = Math.min(bound, d);
      }
    }
    let best: Box | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    let bestD = Number.POSITIVE_INFINITY;
    for (const f of found) {
      if (f.d > bound + SLACK) continue;
      const cost = this.cost(f.b, self, 0, bestCost);
      if (cost < bestCost || (cost === bestCost && f.d < bestD)) {
        best = f.b;
        bestCost = cost;
        bestD = f.d;
      }
    }
    return best;
  }

  private out(grid: Map<number, Entry[]>, entry: Entry): void {
    const c = LabelSpace.CELL;
    const b = entry.b;
    const gx1 = Math.floor((b.x + b.w) / c);
    const gy0 = Math.floor(b.y / c);
    const gy1 = Math.floor((b.y + b.h) / c);
    for (let gx = Math.floor(b.x / c); gx <= gx1; gx++)
      for (let gy = gy0; gy <= gy1; gy++) {
        const list = grid.get(cellKey(gx, gy));
        const at = list ? list.indexOf(entry) : -1;
        if (list && at >= 0) list.splice(at, 1);
      }
  }

  private into(grid: Map<number, Entry[]>, b: Box, entry: Entry): void {
    const c = LabelSpace.CELL;
    const gx1 = Math.floor((b.x + b.w) / c);
    const gy0 = Math.floor(b.y / c);
    const gy1 = Math.floor((b.y + b.h) / c);
    for (let gx = Math.floor(b.x / c); gx <= gx1; gx++)
      for (let gy = gy0; gy <= gy1; gy++) {
        const key = cellKey(gx, gy);
        const list = grid.get(key);
        if (list) list.push(entry);
        else grid.set(key, [entry]);
      }
  }
}

/** One number per grid cell (cells within ±2^20 of the origin, far beyond any drawing). */
function cellKey(gx: number, gy: number): number {
  return (gx + 1048576) * 2097152 + (gy + 1048576);
}

/** Spots for a step label: at the start of the line, a little further along, beside it, then further on. */
export function stepSpots(pts: Pt[], w: number, h: number): Box[] {
  const len = pathLength(pts);
  const cands: Box[] = [];
  const start = pointAlong(pts, 0);
  for (const extra of [0, 10, 22, 36, 52, 70, 92]) {
    const base = (start.horizontal ? w / 2 : h / 2) + 3 + extra;
    if (extra > 0 && base > len * 0.5) break;
    cands.push(centred(pointAlong(pts, base).p, w, h));
  }
  // Beside the start when the line itself is crowded: right beside it, then one label further out.
  for (const extra of [0, 14]) {
    const at = pointAlong(pts, (start.horizontal ? w / 2 : h / 2) + 3 + extra);
    for (const ring of [0, 1]) {
      const d = (at.horizontal ? h / 2 + 2 : w / 2 + 2) + ring * (at.horizontal ? h + 2 : w + 2);
      for (const s of [-1, 1])
        cands.push(centred(at.horizontal ? { x: at.p.x, y: at.p.y + s * d } : { x: at.p.x + s * d, y: at.p.y }, w, h));
    }
  }
  // Crowded start: further along the line, then beside it.
  for (const t of [0.3, 0.45, 0.6]) {
    const at = pointAlong(pts, len * t);
    cands.push(centred(at.p, w, h));
    const d = at.horizontal ? h / 2 + 2 : w / 2 + 2;
    for (const s of [-1, 1])
      cands.push(centred(at.horizontal ? { x: at.p.x, y: at.p.y + s * d } : { x: at.p.x + s * d, y: at.p.y }, w, h));
  }
  return cands;
}

/**
 * Spots for a middle label (transport, data carried): near the middle of the path, on the line, then beside
 * it, `rings` labels further out at most (a label that must not be left out looks further before covering).
 */
export function midSpots(pts: Pt[], w: number, h: number, rings = 4): Box[] {
  const len = pathLength(pts);
  const ts = [
    0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.14, 0.86, 0.35, 0.45, 0.55, 0.65, 0.18, 0.82, 0.08, 0.92, 0.04, 0.96,
  ];
  const cands = ts.map((t) => centred(pointAlong(pts, len * t).p, w, h));
  for (const t of ts) {
    const at = pointAlong(pts, len * t);
    for (let ring = 0; ring < rings; ring++) {
      const d = (at.horizontal ? h / 2 + 2 : w / 2 + 3) + ring * (h + 2);
      for (const s of [-1, 1])
        cands.push(centred(at.horizontal ? { x: at.p.x, y: at.p.y + s * d } : { x: at.p.x + s * d, y: at.p.y }, w, h));
    }
  }
  return cands;
}

export interface LabelRequest {
  flowId: string;
  /** Size of the step label, if the flow has one. */
  step?: { w: number; h: number };
  /** Size of the middle label, if any. */
  mid?: { w: number; h: number };
}

export interface LabelSpots {
  step?: Box;
  mid?: Box;
}

/**
 * Places every flow's labels along its route (same order as `routes`), off the obstacles (nodes, tabs, group
 * titles) and off one another. The canvas uses this through `LabelPlacer`; the exports place with the same
 * spots and space.
 */
export function placeLabels(
  routes: { id: string; points: Pt[] }[],
  requests: LabelRequest[],
  obstacles: Box[],
): Map<string, LabelSpots> {
  return new LabelPlacer().update(routes, requests, obstacles);
}

type Line = { id: string; points: Pt[] };

function samePoints(a: readonly Pt[] | undefined, b: readonly Pt[]): boolean {
  return !!a && a.length === b.length && a.every((p, i) => p.x === b[i]?.x && p.y === b[i]?.y);
}

function sameSize(a?: { w: number; h: number }, b?: { w: number; h: number }): boolean {
  return a === b || (!!a && !!b && a.w === b.w && a.h === b.h);
}

/** The thin box a segment of a route takes (as `LabelSpace.addLine` marks it), for telling what changed. */
function segmentBoxes(points: readonly Pt[]): Box[] {
  const out: Box[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k] as Pt;
    const b = points[k + 1] as Pt;
    out.push({
      x: Math.min(a.x, b.x) - 2,
      y: Math.min(a.y, b.y) - 2,
      w: Math.abs(a.x - b.x) + 4,
      h: Math.abs(a.y - b.y) + 4,
    });
  }
  return out;
}

/**
 * Label placement that keeps its last result, for the canvas during a drag. After a change it places again
 * only the labels of flows whose route or label changed, and the labels that touch anything that changed
 * (a moved node, the old or new line of a re-routed flow, a label that moved); the others keep their spot,
 * which stays clear of nodes and of the labels placed again (those look for spots around the kept ones).
 * From nothing, or when the flows or obstacles are not the same list, it places everything in order.
 */
export class LabelPlacer {
  private routes = new Map<string, Pt[]>();
  private requests = new Map<string, LabelRequest>();
  private obstacles: Box[] = [];
  private spots = new Map<string, LabelSpots>();
  private order: string[] = [];
  /**
   * The space of the last update, kept with what each part of it marks: a drag step changes a few lines,
   * boxes and labels, and marking the rest again at every step was most of a step's label time.
   */
  private space: LabelSpace | null = null;
  private obstacleMarks: Entry[] = [];
  private lineMarks = new Map<string, Entry[]>();
  private labelMarks = new Map<string, Entry[]>();
  /** How many flows the last update placed again (for tests and the benchmark). */
  lastPlaced = 0;

  update(routes: Line[], requests: LabelRequest[], obstacles: Box[]): Map<string, LabelSpots> {
    const byId = new Map(routes.map((r) => [r.id, r]));
    const order = requests.map((r) => r.flowId);
    const full =
      order.length !== this.order.length ||
      order.some((id, i) => id !== this.order[i]) ||
      obstacles.length !== this.obstacles.length;
    const again = new Set<string>();
    const changed: Box[] = [];
    if (full) for (const id of order) again.add(id);
    else {
      obstacles.forEach((o, i) => {
        const old = this.obstacles[i] as Box;
        if (o.x === old.x && o.y === old.y && o.w === old.w && o.h === old.h) return;
        changed.push(o, old);
      });
      for (const req of requests) {
        const id = req.flowId;
        const points = byId.get(id)?.points;
        const oldPoints = this.routes.get(id);
        const old = this.requests.get(id);
        const same =
          !!old &&
          sameSize(old.step, req.step) &&
          sameSize(old.mid, req.mid) &&
          (points ? samePoints(oldPoints, points) : !oldPoints);
        if (same) continue;
        again.add(id);
        if (points) changed.push(...segmentBoxes(points));
        if (oldPoints) changed.push(...segmentBoxes(oldPoints));
        const spots = this.spots.get(id);
        if (spots?.step) changed.push(spots.step);
        if (spots?.mid) changed.push(spots.mid);
      }
      // Kept labels that touch what changed are placed again too (once: their old spots count as changed).
      if (changed.length) {
        const area = new LabelSpace();
        for (const c of changed) area.add(c);
        for (const id of order) {
          if (again.has(id)) continue;
          const spots = this.spots.get(id);
          if (
            (spots?.step && area.cost(spots.step, undefined, 0, 0) > 0) ||
            (spots?.mid && area.cost(spots.mid, undefined, 0, 0) > 0)
          )
            again.add(id);
        }
      }
    }

    const space = this.marked(full, routes, obstacles, again);
    const out = new Map<string, LabelSpots>();
    for (const req of requests) {
      const route = byId.get(req.flowId);
      if (!again.has(req.flowId)) {
        if (route) out.set(req.flowId, this.spots.get(req.flowId) ?? {});
        continue;
      }
      if (!route) continue;
      const spots: LabelSpots = {};
      const marks: Entry[] = [];
      if (req.step) {
        spots.step = space.place(stepSpots(route.points, req.step.w, req.step.h), req.flowId);
        marks.push(space.add(spots.step, undefined, HARD));
      }
      if (req.mid) {
        spots.mid = space.place(midSpots(route.points, req.mid.w, req.mid.h), req.flowId);
        marks.push(space.add(spots.mid, undefined, HARD));
      }
      this.labelMarks.set(req.flowId, marks);
      out.set(req.flowId, spots);
    }
    this.routes = new Map(routes.map((r) => [r.id, r.points]));
    this.requests = new Map(requests.map((r) => [r.flowId, r]));
    this.obstacles = obstacles;
    this.spots = out;
    this.order = order;
    this.lastPlaced = again.size;
    return out;
  }

  /**
   * The space with the nodes, the lines and the labels kept: marked from nothing after a full change, else the
   * last one with what changed marked again and the labels to place again taken off.
   */
  private marked(full: boolean, routes: Line[], obstacles: Box[], again: Set<string>): LabelSpace {
    const pad = (o: Box): Box => ({ x: o.x - 2, y: o.y - 2, w: o.w + 4, h: o.h + 4 });
    let space = this.space;
    if (full || !space) {
      space = new LabelSpace();
      const s = space;
      this.obstacleMarks = obstacles.map((o) => s.add(pad(o), undefined, HARD));
      this.lineMarks = new Map(routes.map((r) => [r.id, s.addLine(r.points, r.id)]));
      this.labelMarks = new Map();
      this.space = space;
      return space;
    }
    obstacles.forEach((o, i) => {
      const old = this.obstacles[i] as Box;
      if (o.x === old.x && o.y === old.y && o.w === old.w && o.h === old.h) return;
      (space as LabelSpace).remove(this.obstacleMarks[i] as Entry);
      this.obstacleMarks[i] = (space as LabelSpace).add(pad(o), undefined, HARD);
    });
    const live = new Set(routes.map((r) => r.id));
    for (const [id, marks] of this.lineMarks)
      if (!live.has(id)) {
        for (const m of marks) space.remove(m);
        this.lineMarks.delete(id);
      }
    for (const r of routes) {
      const marks = this.lineMarks.get(r.id);
      if (marks && samePoints(this.routes.get(r.id), r.points)) continue;
      for (const m of marks ?? []) space.remove(m);
      this.lineMarks.set(r.id, space.addLine(r.points, r.id));
    }
    for (const id of again) {
      for (const m of this.labelMarks.get(id) ?? []) space.remove(m);
      this.labelMarks.delete(id);
    }
    return space;
  }
}
