import type * as Y from "yjs";
import { LIMITS } from "../model/limits";
import type { Point } from "./geometry";
import { patchElement, type WriteResult } from "./write";

/**
 * Pinned bends of a flow (`flows[].waypoints`): one validated write, so it is synced and one undo step.
 * An empty list (or null) returns the flow to automatic routing.
 */
export function setFlowWaypoints(ydoc: Y.Doc, flowId: string, points: Point[] | null): WriteResult {
  const clean = (points ?? [])
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .slice(0, LIMITS.waypoints)
    .map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
  return patchElement(ydoc, "flows", flowId, { waypoints: clean.length ? clean : undefined });
}

/**
 * Where a new bend dragged out of a route goes among the pinned ones: in the order they are met along the
 * route (the route passes through each of them), judged by the spot of the route it was dragged from.
 */
export function insertWaypoint(route: Point[], pinned: readonly Point[], at: Point, from: Point): Point[] {
  const out = pinned.map((p) => ({ p, d: distanceAlong(route, p) }));
  out.push({ p: at, d: distanceAlong(route, from) + 0.5 });
  return out.sort((a, b) => a.d - b.d).map((x) => x.p);
}

/** Distance along an orthogonal polyline to the point of it nearest to p. */
export function distanceAlong(route: Point[], p: Point): number {
  let best = Number.POSITIVE_INFINITY;
  let bestD = 0;
  let walked = 0;
  for (let i = 0; i + 1 < route.length; i++) {
    const a = route[i] as Point;
    const b = route[i + 1] as Point;
    const len = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / (len * len))) : 0;
    const q = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    const dist = Math.abs(q.x - p.x) + Math.abs(q.y - p.y);
    if (dist < best) {
      best = dist;
      bestD = walked + t * len;
    }
    walked += len;
  }
  return bestD;
}
