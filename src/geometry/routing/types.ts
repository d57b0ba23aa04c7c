/** Plain geometry of the routing module: flow coordinates, top-left boxes, no React, no DOM. */

export interface Pt {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Side = "left" | "right" | "top" | "bottom";

/** One flow to route: its two ends (ids into the box map) and the bends a person pinned, in order. */
export interface RouteRequest {
  id: string;
  sourceId: string;
  targetId: string;
  waypoints?: readonly Pt[];
}

export interface Route {
  id: string;
  /** Orthogonal polyline from the source's side to the target's side. */
  points: Pt[];
  sides: [Side, Side];
}
