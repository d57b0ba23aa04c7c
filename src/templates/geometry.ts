import type { ModelNode, NodeKind } from "../model";

/** Geometry shared by the template layout, the building blocks and the thumbnails (no layout engine here). */

const ICONS: ReadonlySet<NodeKind> = new Set(["person", "staff", "terminal", "media", "network_device", "disposal"]);

/** A node size that leaves room for its label (shapes wrap the label inside; icons carry it below). */
export function sizeForLabel(kind: NodeKind, label: string): { width: number; height: number } {
  const chars = [...label].length;
  if (ICONS.has(kind)) {
    const lines = Math.min(4, Math.max(1, Math.ceil(chars / 9)));
    return { width: 130, height: 64 + 16 * lines };
  }
  const lines = Math.min(5, Math.max(1, Math.ceil(chars / 11)));
  return { width: 180, height: Math.max(60, 26 + 17 * lines) };
}

/** Rectangles of a laid-out document, for checks and thumbnails. */
export function rectOf(n: Pick<ModelNode, "position" | "size">) {
  const s = n.size ?? { width: 150, height: 60 };
  return { x: n.position.x, y: n.position.y, width: s.width, height: s.height };
}
