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

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function centred(p: Pt, w: number, h: number): Box {
  return { x: p.x - w / 2, y: p.y - h / 2, w, h };
}

/**
 * Keeps labels apart: a coarse grid of occupied rectangles. Candidates are tried in order and the first
 * free one wins; when none is free, the nearest spot that covers no node and no label.
 */
export class LabelSpace {
  private cells = new Map<string, { b: Box; owner?: string; weight: number }[]>();
  private static readonly CELL = 80;

  /** Marks an area as taken; an owner's own areas do not count against its labels (a flow's own line). */
  add(b: Box, owner?: string, weight = 1): void {
    const entry = { b, owner, weight };
    for (const key of this.keys(b)) {
      const list = this.cells.get(key);
      if (list) list.push(entry);
      else this.cells.set(key, [entry]);
    }
  }

  /** Marks a route's segments as lines owned by its flow. */
  addLine(points: Pt[], owner: string): void {
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k] as Pt;
      const b = points[k + 1] as Pt;
      const seg = {
        x: Math.min(a.x, b.x) - 1.5,
        y: Math.min(a.y, b.y) - 1.5,
        w: Math.abs(a.x - b.x) + 3,
        h: Math.abs(a.y - b.y) + 3,
      };
      this.add(seg, owner, LINE);
    }
  }

  cost(b: Box, self?: string, minWeight = 0): number {
    let total = 0;
    const seen = new Set<object>();
    for (const key of this.keys(b))
      for (const o of this.cells.get(key) ?? []) {
        if (seen.has(o) || o.weight < minWeight || (self !== undefined && o.owner === self)) continue;
        seen.add(o);
        total += overlapArea(b, o.b) * o.weight;
      }
    return total;
  }

  /** The least covered candidate (the first free one). */
  pick(candidates: Box[], self?: string): Box {
    let best: Box | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const cost = this.cost(c, self);
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
   * lines least, else the nearest such spot around the first candidate (rings outwards), else the least
   * covered candidate.
   */
  place(candidates: Box[], self?: string): Box {
    let best: Box | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const cost = this.cost(c, self);
      if (cost === 0) return c;
      if (cost < bestCost && this.cost(c, self, 1) === 0) {
        best = c;
        bestCost = cost;
      }
    }
    if (best) return best;
    const first = candidates[0];
    if (!first) return { x: 0, y: 0, w: 0, h: 0 };
    for (let r = 8; r <= 320; r += 8) {
      let ringBest: Box | null = null;
      let ringCost = Number.POSITIVE_INFINITY;
      for (let t = -r; t < r; t += 8)
        for (const [dx, dy] of [
          [t, -r],
          [r, t],
          [-t, r],
          [-r, -t],
        ] as const) {
          const c = { ...first, x: first.x + dx, y: first.y + dy };
          if (this.cost(c, self, 1) > 0) continue;
          const cost = this.cost(c, self);
          if (cost < ringCost) {
            ringBest = c;
            ringCost = cost;
          }
        }
      if (ringBest) return ringBest;
    }
    return this.pick(candidates, self);
  }

  private *keys(b: Box): Generator<string> {
    const c = LabelSpace.CELL;
    for (let gx = Math.floor(b.x / c); gx <= Math.floor((b.x + b.w) / c); gx++)
      for (let gy = Math.floor(b.y / c); gy <= Math.floor((b.y + b.h) / c); gy++) yield `${gx},${gy}`;
  }
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
 * titles) and off one another. The canvas uses this; the exports place with the same spots and space.
 */
export function placeLabels(
  routes: { id: string; points: Pt[] }[],
  requests: LabelRequest[],
  obstacles: Box[],
): Map<string, LabelSpots> {
  const space = new LabelSpace();
  for (const o of obstacles) space.add({ x: o.x - 2, y: o.y - 2, w: o.w + 4, h: o.h + 4 }, undefined, HARD);
  for (const r of routes) space.addLine(r.points, r.id);
  const byId = new Map(routes.map((r) => [r.id, r]));
  const out = new Map<string, LabelSpots>();
  for (const req of requests) {
    const route = byId.get(req.flowId);
    if (!route) continue;
    const spots: LabelSpots = {};
    if (req.step) {
      spots.step = space.place(stepSpots(route.points, req.step.w, req.step.h), req.flowId);
      space.add(spots.step, undefined, HARD);
    }
    if (req.mid) {
      spots.mid = space.place(midSpots(route.points, req.mid.w, req.mid.h), req.flowId);
      space.add(spots.mid, undefined, HARD);
    }
    out.set(req.flowId, spots);
  }
  return out;
}
