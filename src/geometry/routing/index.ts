export { BoxGrid, pathLength, pointAlong, simplify } from "./geometry";
export {
  LabelPlacer,
  type LabelRequest,
  LabelSpace,
  type LabelSpots,
  midSpots,
  placeLabels,
  stepSpots,
} from "./labels";
export { FlowRouter, routeAll } from "./router";
export type { Box, Pt, Route, RouteRequest, Side } from "./types";
