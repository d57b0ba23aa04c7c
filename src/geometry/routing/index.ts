export { BoxGrid, pathLength, pointAlong, simplify } from "./geometry";
export { FlowRouter, routeAll } from "./router";
export type { Box, Pt, Route, RouteRequest, Side } from "./types";
