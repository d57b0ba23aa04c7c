import { nodeSize, type Point } from "../document/geometry";
import type { Box, LabelRequest, RouteRequest } from "../geometry/routing";
import type { Lang } from "../i18n";
import type { NagareDocument } from "../model";
import { groupTitleBox } from "../render/svg/scene";
import { visualBox } from "../render/svg/shapes";
import { paperTabText, tabFigure } from "../shapes";
import { badgeSize, badgeText, stepSize } from "./edges/label-text";
import type { GeometryJob } from "./routing-job";

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
  const soft = doc.groups.map((g) => {
    const at = dragging?.get(g.id) ?? g.position;
    return groupTitleBox(g.type, g.label, { x: at.x, y: at.y, w: g.size.width, h: g.size.height });
  });
  for (const n of doc.nodes) {
    const size = nodeSize(n);
    const at = dragging?.get(n.id) ?? n.position;
    const box = { x: at.x, y: at.y, w: size.width, h: size.height };
    boxes.set(n.id, visualBox(n.kind, box, n.label));
  }
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

/** Room each flow's labels take on the canvas: the step, and the transport badge with its findings count. */
export function canvasLabelRequests(
  doc: NagareDocument,
  lang: Lang,
  counts: ReadonlyMap<string, number | undefined>,
): LabelRequest[] {
  return doc.flows.map((f) => {
    const badge = badgeText(f, lang);
    const count = counts.get(f.id);
    return {
      flowId: f.id,
      ...(f.step?.trim() ? { step: stepSize(f.step.trim()) } : {}),
      ...(badge || count ? { mid: badgeSize(badge, count) } : {}),
    };
  });
}

/**
 * What labels keep off on the canvas: each node's box, the 委託事項 tab above a contractor (as printed, so
 * that labels sit where the exports put them), group titles.
 */
export function canvasLabelObstacles(doc: NagareDocument, input: RouteInput): Box[] {
  const out: Box[] = [...input.soft];
  const delegations = new Map(doc.delegations.map((d) => [d.id, d.name]));
  for (const n of doc.nodes) {
    const b = input.boxes.get(n.id);
    if (!b) continue;
    out.push(b);
    const tab = paperTabText(n.kind, n.delegationId ? delegations.get(n.delegationId) : undefined);
    if (tab) out.push(tabFigure(b, tab).box);
  }
  return out;
}

export function geometryJob(
  seq: number,
  doc: NagareDocument,
  dragging: ReadonlyMap<string, Point> | undefined,
  lang: Lang,
  counts: ReadonlyMap<string, number | undefined>,
): GeometryJob {
  const input = canvasRouteInput(doc, dragging);
  return {
    seq,
    requests: input.requests,
    boxes: [...input.boxes],
    soft: input.soft,
    labels: canvasLabelRequests(doc, lang, counts),
    obstacles: canvasLabelObstacles(doc, input),
  };
}
