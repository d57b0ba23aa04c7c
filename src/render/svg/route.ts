/**
 * The 別添1 exports (SVG, PDF, PNG, Word) route flows with the same module as the canvas, so that a figure
 * looks the same on screen and on paper: see src/geometry/routing.
 */
export { type Pt, type Route, type RouteRequest, routeAll, type Side, simplify } from "../../geometry/routing";
