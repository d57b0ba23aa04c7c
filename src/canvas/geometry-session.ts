import type { Point } from "../document/geometry";
import type { Box, LabelSpots } from "../geometry/routing";
import type { Lang } from "../i18n";
import type { NagareDocument } from "../model";
import { geometryJob } from "./routing";
import { type GeometryState, geometryState, runGeometryJob } from "./routing-job";

/**
 * The canvas's side of routing, as the worker keeps it for the life of the page: the drawing is sent only
 * when it changed and the positions being dragged with every request; what comes back is only the flows
 * whose route or label spots changed. A drag step thus costs the main thread a small message each way
 * instead of the whole drawing and every flow.
 */
export interface GeometryRequest {
  seq: number;
  /** The drawing, when it changed since the last request (the first request always has it). */
  doc?: NagareDocument;
  lang: Lang;
  /** Findings count per flow (the badge grows with it), when it changed since the last request. */
  counts?: [string, number | undefined][];
  /** Absolute positions of the elements being dragged (they win over the drawing). */
  dragging: [string, Point][];
}

/** The route of one flow and where its labels go. */
export interface FlowShape {
  points: Point[];
  labels?: LabelSpots;
}

export interface GeometryUpdate {
  seq: number;
  /** Flows whose shape changed since the last update (every flow in the first one). */
  changed: [string, FlowShape][];
  /** Flows no longer routed (deleted, or an end missing). */
  removed: string[];
  routeMs: number;
  labelMs: number;
  rerouted: number;
  relabelled: number;
  flows: number;
}

export class GeometrySession {
  private state: GeometryState = geometryState();
  private doc: NagareDocument | null = null;
  private counts = new Map<string, number | undefined>();
  private sent = new Map<string, FlowShape>();

  run(req: GeometryRequest): GeometryUpdate {
    if (req.doc) this.doc = req.doc;
    if (req.counts) this.counts = new Map(req.counts);
    if (!this.doc) throw new Error("geometry request without a drawing");
    const job = geometryJob(req.seq, this.doc, new Map(req.dragging), req.lang, this.counts);
    const r = runGeometryJob(this.state, job);
    const labels = new Map(r.labels);
    const changed: [string, FlowShape][] = [];
    const seen = new Set<string>();
    for (const route of r.routes) {
      seen.add(route.id);
      const spots = labels.get(route.id);
      const shape: FlowShape = { points: route.points, ...(spots ? { labels: spots } : {}) };
      if (sameShape(this.sent.get(route.id), shape)) continue;
      this.sent.set(route.id, shape);
      changed.push([route.id, shape]);
    }
    const removed = [...this.sent.keys()].filter((id) => !seen.has(id));
    for (const id of removed) this.sent.delete(id);
    return {
      seq: req.seq,
      changed,
      removed,
      routeMs: r.routeMs,
      labelMs: r.labelMs,
      rerouted: r.rerouted,
      relabelled: r.relabelled,
      flows: r.routes.length,
    };
  }
}

function sameShape(a: FlowShape | undefined, b: FlowShape): boolean {
  if (!a || a.points.length !== b.points.length) return false;
  for (let i = 0; i < a.points.length; i++) {
    const p = a.points[i] as Point;
    const q = b.points[i] as Point;
    if (p.x !== q.x || p.y !== q.y) return false;
  }
  return sameBox(a.labels?.step, b.labels?.step) && sameBox(a.labels?.mid, b.labels?.mid);
}

function sameBox(a: Box | undefined, b: Box | undefined): boolean {
  if (!a || !b) return a === b;
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}
