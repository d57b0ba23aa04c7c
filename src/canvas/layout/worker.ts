/// <reference lib="webworker" />
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import { flattenElk } from "./elk-graph";

/**
 * A long-lived layout worker: receives an ELK graph, answers with flat absolute boxes. Runs ELK off the main
 * thread so that the canvas stays responsive during layout.
 */
const elk = new ELK();

self.onmessage = async (e: MessageEvent<{ id: number; graph: ElkNode }>) => {
  const { id, graph } = e.data;
  const started = performance.now();
  try {
    const result = await elk.layout(graph);
    (self as unknown as Worker).postMessage({
      id,
      ok: true,
      boxes: flattenElk(result),
      ms: performance.now() - started,
    });
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
