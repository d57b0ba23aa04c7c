/** Label placement is shared with the canvas: see src/geometry/routing/labels.ts. */

export { pathLength, pointAlong } from "../../geometry/routing";
export { LabelSpace, midSpots, stepSpots } from "../../geometry/routing/labels";
