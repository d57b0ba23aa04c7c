import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { type RenderJob, runRenderJob } from "./job";
import type { FromWorker, ToWorker } from "./pool";
import { RENDER_ROUTES } from "./registry";

/**
 * A render worker thread: takes one job at a time from the pool, answers with the outcome, how long the
 * render took and how much heap the thread now holds (the pool replaces a worker that grew too large).
 */
const port = parentPort;
if (!port) throw new Error("render worker must run in a worker thread");

port.on("message", async (msg: ToWorker) => {
  const job: RenderJob = {
    path: msg.path,
    query: msg.query,
    body: msg.body,
    ...(msg.profile ? { profile: msg.profile } : {}),
  };
  const started = performance.now();
  const outcome = await runRenderJob(job);
  const heap = getHeapStatistics();
  const reply: FromWorker = {
    type: "done",
    id: msg.id,
    outcome,
    ms: performance.now() - started,
    heapMb: (heap.used_heap_size + heap.external_memory) / 2 ** 20,
  };
  // Move a large result instead of copying it, unless it is a view into a shared buffer pool.
  const body = outcome.ok ? outcome.body : null;
  const whole = body instanceof Uint8Array && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
  const transfer = whole ? [body.buffer as ArrayBuffer] : [];
  port.postMessage(reply, transfer);
});

// Ready once the renderers and their libraries are loaded, so that a render's time limit is spent rendering.
await Promise.all(RENDER_ROUTES.map((r) => r.load()));
port.postMessage({ type: "ready" } satisfies FromWorker);
