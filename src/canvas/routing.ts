import type { Point } from "../document/geometry";
import type { Box, FlowRouter, Route, RouteRequest } from "../geometry/routing";
import type { NagareDocument } from "../model";
import { defaultSize, groupTitleBox } from "../render/svg/scene";
import { visualBox } from "../render/svg/shapes";

/**
 * What the canvas routes: the same boxes the 別添1 exports route around (icons by what is drawn, not their
 * whole node box), with the positions being dragged here winning over the document, and the same soft
 * obstacles (group titles). Pure: the worker and the tests call it too.
 */
export interface RouteInput {
  requests: RouteRequest[];
  boxes: Map<string, Box>;
  soft: Box[];
}

export function canvasRouteInput(doc: NagareDocument, dragging?: ReadonlyMap<string, Point>): RouteInput {
  const boxes = new Map<string, Box>();
  for (const n of doc.nodes) {
    const size = n.size ?? defaultSize(n.kind);
    const at = dragging?.get(n.id) ?? n.position;
    boxes.set(n.id, visualBox(n.kind, { x: at.x, y: at.y, w: size.width, h: size.height }, n.label));
  }
  const soft = doc.groups.map((g) => {
    const at = dragging?.get(g.id) ?? g.position;
    return groupTitleBox(g.type, g.label, { x: at.x, y: at.y, w: g.size.width, h: g.size.height });
  });
  const requests: RouteRequest[] = doc.flows
    .filter((f) => boxes.has(f.source) && boxes.has(f.target))
    .map((f) => ({
      id: f.id,
      sourceId: f.source,
      targetId: f.target,
      ...(f.waypoints?.length ? { waypoints: f.waypoints } : {}),
    }));
  return { requests, boxes, soft };
}

/** Routes by flow id; the router keeps its state between calls, so a drag re-routes only what it touches. */
export function routeCanvas(router: FlowRouter, input: RouteInput): Map<string, Route> {
  return new Map(router.update(input.requests, input.boxes, input.soft).map((r) => [r.id, r]));
}
