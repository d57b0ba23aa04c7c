/// <reference lib="webworker" />
import { type GeometryRequest, GeometrySession } from "./geometry-session";

/**
 * Routes the canvas's flows and places their labels off the main thread, so that dragging a node in a large
 * drawing keeps its frame rate. The session lives as long as the page: each request redoes only what
 * changed and answers with only the flows whose shape changed.
 */
const session = new GeometrySession();

self.onmessage = (e: MessageEvent<GeometryRequest>) => {
  (self as unknown as Worker).postMessage(session.run(e.data));
};
