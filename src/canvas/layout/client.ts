import type { PositionWrite } from "../../document/positions";
import type { NagareDocument } from "../../model";
import { buildElkGraph, type PlacedBox, placeInLanes } from "./elk-graph";

/** Talks to the layout worker; one worker per page, created on first use. */
let worker: Worker | null = null;
let seq = 0;
const waiting = new Map<
  number,
  (r: { ok: boolean; boxes?: Record<string, PlacedBox>; error?: string; ms?: number }) => void
>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e) => {
      const cb = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      cb?.(e.data);
    };
  }
  return worker;
}

export interface LayoutOutcome {
  writes: PositionWrite[];
  elkMs: number;
}

export async function computeLayout(doc: NagareDocument): Promise<LayoutOutcome> {
  const graph = buildElkGraph(doc);
  const id = ++seq;
  const res = await new Promise<{ ok: boolean; boxes?: Record<string, PlacedBox>; error?: string; ms?: number }>(
    (resolve) => {
      waiting.set(id, resolve);
      getWorker().postMessage({ id, graph });
    },
  );
  if (!res.ok || !res.boxes) throw new Error(res.error ?? "layout failed");
  const writes = placeInLanes(doc, res.boxes);
  // Timing for benchmarks and support (visible in the browser's performance timeline).
  performance.mark("nagare:layout", {
    detail: { elkMs: res.ms ?? 0, nodes: doc.nodes.length, flows: doc.flows.length },
  });
  return { writes, elkMs: res.ms ?? 0 };
}
