import {
  type Box,
  FlowRouter,
  LabelPlacer,
  type LabelRequest,
  type LabelSpots,
  type Route,
  type RouteRequest,
} from "../geometry/routing";

/** One routing job, as sent to the worker (plain data: maps as entry lists). */
export interface GeometryJob {
  seq: number;
  requests: RouteRequest[];
  boxes: [string, Box][];
  soft: Box[];
  labels: LabelRequest[];
  obstacles: Box[];
}

export interface GeometryResult {
  seq: number;
  routes: Route[];
  labels: [string, LabelSpots][];
  routeMs: number;
  labelMs: number;
  rerouted: number;
  /** Flows whose labels were placed again. */
  relabelled: number;
}

/** What the canvas keeps between jobs: the router and the label placement, each with its last result. */
export interface GeometryState {
  router: FlowRouter;
  labels: LabelPlacer;
}

export function geometryState(): GeometryState {
  return { router: new FlowRouter(), labels: new LabelPlacer() };
}

/**
 * Routes and places labels for one job; both keep their last result, so a drag re-routes and re-labels only
 * what it touches.
 */
export function runGeometryJob(state: GeometryState, job: GeometryJob): GeometryResult {
  const t0 = performance.now();
  const routes = state.router.update(job.requests, new Map(job.boxes), job.soft);
  const t1 = performance.now();
  const labels = state.labels.update(routes, job.labels, job.obstacles);
  return {
    seq: job.seq,
    routes,
    labels: [...labels],
    routeMs: t1 - t0,
    labelMs: performance.now() - t1,
    rerouted: state.router.lastRerouted,
    relabelled: state.labels.lastPlaced,
  };
}
