/// <reference lib="webworker" />
import { type GeometryJob, geometryState, runGeometryJob } from "./routing-job";

/**
 * Routes the canvas's flows and places their labels off the main thread, so that dragging a node in a large
 * drawing keeps its frame rate. The router and the label placement live as long as the page: each job redoes only what changed.
 */
const state = geometryState();

self.onmessage = (e: MessageEvent<GeometryJob>) => {
  (self as unknown as Worker).postMessage(runGeometryJob(state, e.data));
};
