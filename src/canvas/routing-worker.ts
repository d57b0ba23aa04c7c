/// <reference lib="webworker" />
import { FlowRouter } from "../geometry/routing";
import { type GeometryJob, runGeometryJob } from "./routing-job";

/**
 * Routes the canvas's flows and places their labels off the main thread, so that dragging a node in a large
 * drawing keeps its frame rate. The router lives as long as the page: each job re-routes only what changed.
 */
const router = new FlowRouter();

self.onmessage = (e: MessageEvent<GeometryJob>) => {
  (self as unknown as Worker).postMessage(runGeometryJob(router, e.data));
};
