import type { ModelGroup, ModelNode, NagareDocument } from "../model";
import { fittedNodeSize } from "../shapes/kinds";

/**
 * Geometry of the diagram. All positions in the model are absolute flow coordinates (top-left corner);
 * React Flow's parent-relative positions exist only in the view.
 */
export interface Point {
  x: number;
  y: number;
}
export interface Rect extends Point {
  width: number;
  height: number;
}

/** Sizes of the legend kinds are defined once with their shapes. */
export { defaultNodeSize, ICON_KINDS } from "../shapes/sizes";

/**
 * The size a node is drawn at everywhere (canvas, routing, exports): the stored size, taller where the whole
 * label needs it (src/shapes/kinds.ts).
 */
export function nodeSize(n: Pick<ModelNode, "kind" | "label" | "size">): { width: number; height: number } {
  return fittedNodeSize(n.kind, n.label, n.size);
}

export function nodeRect(n: ModelNode): Rect {
  return { x: n.position.x, y: n.position.y, ...nodeSize(n) };
}

export function groupRect(g: ModelGroup): Rect {
  return { x: g.position.x, y: g.position.y, ...g.size };
}

export function center(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

export function contains(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

/** Depth of a group in the nesting (0 = top level); cycles are cut by the bound. */
export function groupDepth(groups: Map<string, ModelGroup>, id: string): number {
  let depth = 0;
  let cur = groups.get(id)?.parentId;
  while (cur && depth < 32) {
    depth++;
    cur = groups.get(cur)?.parentId;
  }
  return depth;
}

/** Ids of a group and every group nested in it. */
export function groupSubtree(doc: NagareDocument, id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of doc.groups)
      if (g.parentId && out.has(g.parentId) && !out.has(g.id)) {
        out.add(g.id);
        grew = true;
      }
  }
  return out;
}

/**
 * The innermost group containing a point: the deepest one, and among equals the smallest. `exclude` keeps a
 * group from being dropped into itself or its own children.
 */
export function innermostGroupAt(doc: NagareDocument, p: Point, exclude: Set<string> = new Set()): ModelGroup | null {
  const byId = new Map(doc.groups.map((g) => [g.id, g]));
  let best: ModelGroup | null = null;
  let bestDepth = -1;
  let bestArea = Number.POSITIVE_INFINITY;
  for (const g of doc.groups) {
    if (exclude.has(g.id) || !contains(groupRect(g), p)) continue;
    const depth = groupDepth(byId, g.id);
    const area = g.size.width * g.size.height;
    if (depth > bestDepth || (depth === bestDepth && area < bestArea)) {
      best = g;
      bestDepth = depth;
      bestArea = area;
    }
  }
  return best;
}

/** Which sides of two boxes face each other, for choosing the handles of an edge. */
export function facingSides(a: Rect, b: Rect): { source: Side; target: Side } {
  const ca = center(a);
  const cb = center(b);
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  if (Math.abs(dx) * 0.8 >= Math.abs(dy)) return dx >= 0 ? { source: "r", target: "l" } : { source: "l", target: "r" };
  return dy >= 0 ? { source: "b", target: "t" } : { source: "t", target: "b" };
}
export type Side = "t" | "r" | "b" | "l";
