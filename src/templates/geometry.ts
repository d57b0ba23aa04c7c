import type { ModelNode } from "../model";

/** Geometry shared by the template layout, the building blocks and the thumbnails (no layout engine here). */

export { sizeForLabel } from "../shapes/sizes";

/** Rectangles of a laid-out document, for checks and thumbnails. */
export function rectOf(n: Pick<ModelNode, "position" | "size">) {
  const s = n.size ?? { width: 150, height: 60 };
  return { x: n.position.x, y: n.position.y, width: s.width, height: s.height };
}
