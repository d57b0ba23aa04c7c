import {
  type Box,
  type FlowRouter,
  type LabelRequest,
  type LabelSpots,
  placeLabels,
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
}

/** Routes and places labels for one job; the router keeps its state, so a drag re-routes only what it touches. */
export function runGeometryJob(router: FlowRouter, job: GeometryJob): GeometryResult {
  const t0 = performance.now();
  const routes = router.update(job.requests, new Map(job.boxes), job.soft);
  const t1 = performance.now();
  const labels = placeLabels(routes, job.labels, job.obstacles);
  return {
    seq: job.seq,
    routes,
    labels: [...labels],
    routeMs: t1 - t0,
    labelMs: performance.now() - t1,
    rerouted: router.lastRerouted,
  };
}
