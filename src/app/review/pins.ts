import { groupRect, nodeRect, type Point } from "../../document/geometry";
import type { CommentThread, NagareDocument } from "../../model";
import { isOpenStatus, targetElementId, threadKey } from "../../review/list";

export interface Pin {
  /** Element id, or `point:x,y` for a remark on a point of the canvas. */
  key: string;
  elementId: string | null;
  at: Point;
  threads: CommentThread[];
  open: number;
}

/**
 * Where the canvas shows a pin for each commented element: a node's or boundary's top-right corner, the middle
 * of a flow between its ends, the point itself. Elements deleted since have no pin (the panel still lists them).
 */
export function pinsOf(doc: NagareDocument): Pin[] {
  const byKey = new Map<string, Pin>();
  for (const t of doc.comments ?? []) {
    const id = targetElementId(t.target);
    let at: Point | null = null;
    if (t.target.kind === "point") at = { x: t.target.x, y: t.target.y };
    else if (t.target.kind === "node") {
      const n = doc.nodes.find((x) => x.id === id);
      if (n) {
        const r = nodeRect(n);
        at = { x: r.x + r.width, y: r.y };
      }
    } else if (t.target.kind === "group") {
      const g = doc.groups.find((x) => x.id === id);
      if (g) {
        const r = groupRect(g);
        at = { x: r.x + r.width, y: r.y };
      }
    } else if (t.target.kind === "flow") {
      const f = doc.flows.find((x) => x.id === id);
      const a = f && doc.nodes.find((x) => x.id === f.source);
      const b = f && doc.nodes.find((x) => x.id === f.target);
      if (a && b) {
        const ra = nodeRect(a);
        const rb = nodeRect(b);
        // Just above the middle, where the flow's transport and findings badges sit.
        at = {
          x: (ra.x + ra.width / 2 + rb.x + rb.width / 2) / 2,
          y: (ra.y + ra.height / 2 + rb.y + rb.height / 2) / 2 - 26,
        };
      }
    }
    if (!at) continue;
    const key = threadKey(t.target);
    const pin = byKey.get(key) ?? { key, elementId: id, at, threads: [], open: 0 };
    pin.threads.push(t);
    if (isOpenStatus(t.status)) pin.open++;
    byKey.set(key, pin);
  }
  return [...byKey.values()];
}
