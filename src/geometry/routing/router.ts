import { BoxGrid, centre, dir, horizontal, inflate, sameBox, segmentHits, sidePoint, simplify } from "./geometry";
import { gridPath } from "./grid-path";
import { CLEARANCE, candidates, HIT, NONE_TAKEN, pathHits, STUB, score, Taken } from "./paths";
import type { Box, Pt, Route, RouteRequest, Side } from "./types";

/**
 * Orthogonal flow routing for the canvas and every export (see README.md). For each flow: choose the sides
 * of both boxes (pass 1), spread the flows that share a side so that arrows and labels stay apart (pass 2),
 * then draw the path that crosses no other box, bends least, is shortest and runs least along earlier flows
 * (pass 3). A flow with pinned bends goes through them in order, routed around boxes between them.
 *
 * `FlowRouter.update` keeps the previous result and recomputes only what a change can touch: the flows of a
 * node that moved, the flows whose path crossed its old or its new box, and the flows that share a side with
 * those. `routeAll` is the same from nothing (exports).
 */

const SIDES: Side[] = ["right", "left", "bottom", "top"];

interface FlowState {
  req: RouteRequest;
  /** Null for a loop from a node to itself. */
  sides: [Side, Side] | null;
  route: Route;
}

/** The side facing outwards must point away from its box towards the other end, roughly. */
function plausible(s: Box, sa: Side, t: Box, sb: Side): boolean {
  const sc = centre(s);
  const tc = centre(t);
  const away = (side: Side, from: Pt, to: Pt) => {
    const d = dir(side);
    return d.x * (to.x - from.x) + d.y * (to.y - from.y) >= -20;
  };
  return away(sa, sc, tc) && away(sb, tc, sc);
}

/** The side of a box that faces a point (a pinned bend). */
function facingSide(b: Box, p: Pt): Side {
  const c = centre(b);
  const dx = (p.x - c.x) / Math.max(1, b.w / 2);
  const dy = (p.y - c.y) / Math.max(1, b.h / 2);
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? "right" : "left";
  return dy >= 0 ? "bottom" : "top";
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

function bounds(boxes: Box[], points: readonly Pt[] = []): Box {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

function sameRequest(a: RouteRequest, b: RouteRequest): boolean {
  if (a.sourceId !== b.sourceId || a.targetId !== b.targetId) return false;
  const wa = a.waypoints ?? [];
  const wb = b.waypoints ?? [];
  return wa.length === wb.length && wa.every((p, i) => p.x === wb[i]?.x && p.y === wb[i]?.y);
}

function sameSoft(a: Box[], b: Box[]): boolean {
  return a.length === b.length && a.every((x, i) => sameBox(x, b[i]));
}

export class FlowRouter {
  private boxes = new Map<string, Box>();
  private soft: Box[] = [];
  private flows = new Map<string, FlowState>();
  private offsets = new Map<string, [number, number]>();
  private started = false;
  private grid = new BoxGrid<Box>([]);
  /** How many flows the last update routed again (for tests and the benchmark). */
  lastRerouted = 0;

  update(requests: readonly RouteRequest[], boxes: ReadonlyMap<string, Box>, soft: Box[] = []): Route[] {
    const routable = requests.filter((r) => boxes.has(r.sourceId) && boxes.has(r.targetId));
    const full = !this.started || !sameSoft(this.soft, soft);
    const changedIds = new Set<string>();
    const changedAreas: Box[] = [];
    if (!full) {
      for (const [id, b] of boxes) {
        const old = this.boxes.get(id);
        if (sameBox(old, b)) continue;
        changedIds.add(id);
        changedAreas.push(inflate(b, CLEARANCE));
        if (old) changedAreas.push(inflate(old, CLEARANCE));
      }
      for (const [id, old] of this.boxes)
        if (!boxes.has(id)) {
          changedIds.add(id);
          changedAreas.push(inflate(old, CLEARANCE));
        }
    }
    this.boxes = new Map(boxes);
    this.soft = soft;
    this.started = true;
    const grid = new BoxGrid([...this.boxes.entries()]);
    this.grid = grid;
    const softGrid = new BoxGrid(soft.map((b, i) => [String(i), b] as [string, Box]));

    // Which flows need their sides chosen again.
    const resided = new Set<string>();
    for (const req of routable) {
      const old = this.flows.get(req.id);
      if (
        full ||
        !old ||
        !sameRequest(old.req, req) ||
        changedIds.has(req.sourceId) ||
        changedIds.has(req.targetId) ||
        changedAreas.some((a) => pathHits(old.route.points, [a]))
      )
        resided.add(req.id);
    }
    const live = new Set(routable.map((r) => r.id));
    for (const id of [...this.flows.keys()]) if (!live.has(id)) this.flows.delete(id);

    // What a flow routes around, once per update (a flow whose sides are chosen again is also drawn again).
    const near = new Map<string, { obstacles: Box[]; soft: Box[] }>();
    const around = (req: RouteRequest) => {
      const known = near.get(req.id);
      if (known) return known;
      const span = this.spanOf(req, 140);
      const obstacles: Box[] = [];
      for (const [id, b] of grid.query(span)) {
        if (id === req.sourceId || id === req.targetId) continue;
        obstacles.push(inflate(b, CLEARANCE - 2));
      }
      const found = { obstacles, soft: softGrid.query(span).map(([, b]) => b) };
      near.set(req.id, found);
      return found;
    };
    const obstaclesFor = (req: RouteRequest): Box[] => around(req).obstacles;
    const softFor = (req: RouteRequest) => around(req).soft;

    // Pass 1: sides, with ports at the middle of each side.
    const sides = new Map<string, [Side, Side] | null>();
    for (const req of routable) {
      const old = this.flows.get(req.id);
      if (!resided.has(req.id) && old) {
        sides.set(req.id, old.sides);
        continue;
      }
      sides.set(req.id, this.chooseSides(req, obstaclesFor(req), softFor(req)));
    }

    // Pass 2: spread the ends that share a side, ordered by where the other end lies to avoid crossings.
    const offsets = this.spread(routable, sides);

    // Pass 3: paths. Flows whose sides or ports did not change keep their path.
    const rerouted = new Set<string>();
    for (const req of routable) {
      const old = this.flows.get(req.id);
      const o = offsets.get(req.id);
      const was = this.offsets.get(req.id);
      const s = sides.get(req.id);
      const sameSides = old && (old.sides === s || (old.sides && s && old.sides[0] === s[0] && old.sides[1] === s[1]));
      if (resided.has(req.id) || !old || !sameSides || !o || !was || o[0] !== was[0] || o[1] !== was[1])
        rerouted.add(req.id);
    }
    this.offsets = offsets;
    const taken = new Taken();
    for (const req of routable)
      if (!rerouted.has(req.id)) taken.addPath((this.flows.get(req.id) as FlowState).route.points);
    const loops = new Map<string, number>();
    const out: Route[] = [];
    for (const req of routable) {
      const s = sides.get(req.id) ?? null;
      let route: Route;
      if (!s) {
        const k = loops.get(req.sourceId) ?? 0;
        loops.set(req.sourceId, k + 1);
        route = { id: req.id, points: selfLoop(this.boxes.get(req.sourceId) as Box, k), sides: ["right", "top"] };
      } else if (rerouted.has(req.id)) {
        const [o0, o1] = offsets.get(req.id) ?? [0, 0];
        route = {
          id: req.id,
          points: this.path(req, s, o0, o1, obstaclesFor(req), taken, softFor(req)),
          sides: s,
        };
        taken.addPath(route.points);
      } else route = (this.flows.get(req.id) as FlowState).route;
      this.flows.set(req.id, { req, sides: s, route });
      out.push(route);
    }
    this.lastRerouted = rerouted.size;
    return out;
  }

  private spanOf(req: RouteRequest, margin: number): Box {
    const s = this.boxes.get(req.sourceId) as Box;
    const t = this.boxes.get(req.targetId) as Box;
    return inflate(bounds([s, t], req.waypoints), margin);
  }

  private chooseSides(req: RouteRequest, obstacles: Box[], soft: Box[]): [Side, Side] | null {
    const source = this.boxes.get(req.sourceId) as Box;
    const target = this.boxes.get(req.targetId) as Box;
    const wps = req.waypoints ?? [];
    if (wps.length) return [facingSide(source, wps[0] as Pt), facingSide(target, wps[wps.length - 1] as Pt)];
    if (req.sourceId === req.targetId) return null;
    let top: { cost: number; sides: [Side, Side] } | null = null;
    for (const sa of SIDES)
      for (const sb of SIDES) {
        if (!plausible(source, sa, target, sb)) continue;
        const p = sidePoint(source, sa);
        const q = sidePoint(target, sb);
        // A few gaps per side pair are enough to tell the sides apart; pass 3 looks at more.
        for (const pts of candidates(p, sa, q, sb, obstacles, false, 3)) {
          const cost = score(pts, obstacles, [source, target], NONE_TAKEN, soft, top ? top.cost : Infinity);
          if (!top || cost < top.cost) top = { cost, sides: [sa, sb] };
        }
      }
    return top ? top.sides : ["right", "left"];
  }

  private spread(requests: readonly RouteRequest[], sides: Map<string, [Side, Side] | null>) {
    const slots = new Map<string, { id: string; index: number; end: 0 | 1; other: Pt }[]>();
    requests.forEach((req, index) => {
      const s = sides.get(req.id);
      if (!s) return;
      const wps = req.waypoints ?? [];
      const source = this.boxes.get(req.sourceId) as Box;
      const target = this.boxes.get(req.targetId) as Box;
      const ends: [string, Side, Pt][] = [
        [req.sourceId, s[0], wps[0] ?? centre(target)],
        [req.targetId, s[1], wps[wps.length - 1] ?? centre(source)],
      ];
      ends.forEach(([id, side, other], end) => {
        const key = `${id}|${side}`;
        const list = slots.get(key) ?? [];
        list.push({ id: req.id, index, end: end as 0 | 1, other });
        slots.set(key, list);
      });
    });
    const offsets = new Map<string, [number, number]>();
    for (const [key, list] of slots) {
      const [id, side] = key.split("|") as [string, Side];
      const box = this.boxes.get(id) as Box;
      const length = horizontal(side) ? box.h : box.w;
      list.sort((a, b) => (horizontal(side) ? a.other.y - b.other.y : a.other.x - b.other.x) || a.index - b.index);
      // Spread over most of the side, so that arrowheads (about 8 px wide) stay apart even on a crowded side.
      const gap = Math.min(22, (length * 0.85) / Math.max(1, list.length - 1));
      list.forEach((slot, i) => {
        const o = offsets.get(slot.id) ?? [0, 0];
        o[slot.end] = (i - (list.length - 1) / 2) * gap;
        offsets.set(slot.id, o);
      });
    }
    return offsets;
  }

  private path(
    req: RouteRequest,
    [sa, sb]: [Side, Side],
    o0: number,
    o1: number,
    obstacles: Box[],
    taken: Taken,
    soft: Box[],
  ): Pt[] {
    const source = this.boxes.get(req.sourceId) as Box;
    const target = this.boxes.get(req.targetId) as Box;
    const p = sidePoint(source, sa, o0);
    const q = sidePoint(target, sb, o1);
    const da = dir(sa);
    const db = dir(sb);
    const p1 = { x: p.x + da.x * STUB, y: p.y + da.y * STUB };
    const q1 = { x: q.x + db.x * STUB, y: q.y + db.y * STUB };
    const into = { x: -db.x, y: -db.y };
    // The flow's own boxes are obstacles for everything but the stubs.
    const walls = [...obstacles, inflate(source, -1), inflate(target, -1)];
    const wps = req.waypoints ?? [];
    if (!wps.length) {
      const options = candidates(p, sa, q, sb, obstacles, taken.size > 0);
      // Which candidates cross a box does not matter as long as the grid search finds a way: a crossing
      // candidate is counted only until it is known to cross (up to HIT), in full only when there is no way.
      const cheapest = (upTo: number) => {
        let best: Pt[] = [];
        let bestCost = Number.POSITIVE_INFINITY;
        for (const pts of options) {
          const cost = score(pts, obstacles, [source, target], taken, soft, Math.min(bestCost, upTo));
          if (cost < bestCost) {
            best = pts;
            bestCost = cost;
          }
        }
        return { best, bestCost };
      };
      const free = cheapest(HIT);
      if (free.bestCost < HIT) return free.best;
      const found = this.searched(req, p1, da, q1, into, walls);
      return found ? simplify([p, ...found, q]) : cheapest(Number.POSITIVE_INFINITY).best;
    }
    // Through the pinned bends in order; each leg goes around the boxes on its own.
    const stops: Pt[] = [p1, ...wps, q1];
    const out: Pt[] = [p];
    for (let i = 0; i + 1 < stops.length; i++) {
      const a = stops[i] as Pt;
      const b = stops[i + 1] as Pt;
      const from = i === 0 ? da : null;
      const to = i + 2 === stops.length ? into : null;
      out.push(...this.leg(a, from, b, to, walls, taken, soft));
    }
    out.push(q);
    return simplify(out);
  }

  /** One leg between two points: an L (or a straight line) when it is free, else the grid search. */
  private leg(a: Pt, from: Pt | null, b: Pt, to: Pt | null, walls: Box[], taken: Taken, soft: Box[]): Pt[] {
    const options = [
      [a, { x: b.x, y: a.y }, b],
      [a, { x: a.x, y: b.y }, b],
    ].map(simplify);
    let best = options[0] as Pt[];
    let bestCost = Number.POSITIVE_INFINITY;
    for (const pts of options) {
      // A leg that starts or ends against its stub doubles back: as bad as crossing a box.
      const first = pts[1] ? { x: Math.sign(pts[1].x - a.x), y: Math.sign(pts[1].y - a.y) } : null;
      const lastFrom = pts[pts.length - 2];
      const last = lastFrom ? { x: Math.sign(b.x - lastFrom.x), y: Math.sign(b.y - lastFrom.y) } : null;
      let cost = score(pts, walls, [null, null], taken, soft, Number.POSITIVE_INFINITY);
      if (from && first && first.x === -from.x && first.y === -from.y) cost += HIT;
      if (to && last && last.x === -to.x && last.y === -to.y) cost += HIT;
      if (cost < bestCost) {
        best = pts;
        bestCost = cost;
      }
    }
    if (bestCost < HIT) return best;
    // A pinned bend inside a box is where the person put it: the legs to it may cross that box only.
    const open = walls.filter((w) => !inside(a, w) && !inside(b, w));
    return gridPath(a, from, b, to, open) ?? best;
  }

  /**
   * The grid search over the boxes near the flow; a path that strays beyond them is checked against every
   * box it passes and searched again with those too.
   */
  private searched(req: RouteRequest, a: Pt, from: Pt, b: Pt, to: Pt, walls: Box[]): Pt[] | null {
    let all = walls;
    for (let round = 0; round < 3; round++) {
      const found = gridPath(a, from, b, to, all);
      if (!found) return null;
      const known = new Set(all.map((w) => `${w.x},${w.y},${w.w},${w.h}`));
      const more: Box[] = [];
      for (const [id, box] of this.grid.query(inflate(bounds([], found), CLEARANCE))) {
        if (id === req.sourceId || id === req.targetId) continue;
        const w = inflate(box, CLEARANCE - 2);
        if (!known.has(`${w.x},${w.y},${w.w},${w.h}`) && pathHits(found, [w])) more.push(w);
      }
      if (!more.length) return found;
      all = [...all, ...more];
    }
    return null;
  }
}

function inside(p: Pt, b: Box): boolean {
  return segmentHits(p, p, { x: b.x - 0.5, y: b.y - 0.5, w: b.w + 1, h: b.h + 1 });
}

/** Routes every request from nothing; deterministic for a given input order. */
export function routeAll(
  requests: readonly RouteRequest[],
  boxes: ReadonlyMap<string, Box>,
  soft: Box[] = [],
): Route[] {
  return new FlowRouter().update(requests, boxes, soft);
}
