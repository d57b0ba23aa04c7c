import { useEffect, useRef, useState } from "react";
import type { Point } from "../document/geometry";
import type { LabelSpots, Route } from "../geometry/routing";
import type { Lang } from "../i18n";
import type { NagareDocument } from "../model";
import type { Decoration } from "./binding";
import { geometryJob } from "./routing";
import {
  type GeometryJob,
  type GeometryResult,
  type GeometryState,
  geometryState,
  runGeometryJob,
} from "./routing-job";

export interface FlowGeometry {
  routes: ReadonlyMap<string, Route>;
  labels: ReadonlyMap<string, LabelSpots>;
}

const EMPTY: FlowGeometry = { routes: new Map(), labels: new Map() };

/**
 * The routes and label spots of the canvas's flows, from the shared router (src/geometry/routing) in a
 * worker. While a job runs, only the newest request waits: a drag never queues up stale work.
 * `tick` changes whenever `dragging` (positions being dragged here) did.
 */
export function useFlowGeometry(
  doc: NagareDocument,
  dragging: ReadonlyMap<string, Point>,
  tick: number,
  lang: Lang,
  decorations: ReadonlyMap<string, Decoration>,
): FlowGeometry {
  const [geometry, setGeometry] = useState<FlowGeometry>(EMPTY);
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const waiting = useRef<GeometryJob | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (typeof Worker === "undefined") return;
    const w = new Worker(new URL("./routing-worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (e: MessageEvent<GeometryResult>) => {
      const r = e.data;
      setGeometry({ routes: new Map(r.routes.map((x) => [x.id, x])), labels: new Map(r.labels) });
      // Timings for the benchmark and for support (the browser's performance timeline).
      performance.mark("nagare:route", {
        detail: {
          routeMs: r.routeMs,
          labelMs: r.labelMs,
          rerouted: r.rerouted,
          relabelled: r.relabelled,
          flows: r.routes.length,
        },
      });
      const next = waiting.current;
      waiting.current = null;
      if (next) w.postMessage(next);
      else busy.current = false;
    };
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
      busy.current = false;
    };
  }, []);

  const fallback = useRef<GeometryState | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick stands for the dragged positions (a ref)
  useEffect(() => {
    const counts = new Map([...decorations].map(([id, d]) => [id, d.count]));
    const job = geometryJob(++seq.current, doc, dragging, lang, counts);
    const w = worker.current;
    if (!w) {
      fallback.current ??= geometryState();
      const r = runGeometryJob(fallback.current, job);
      setGeometry({ routes: new Map(r.routes.map((x) => [x.id, x])), labels: new Map(r.labels) });
      return;
    }
    if (busy.current) waiting.current = job;
    else {
      busy.current = true;
      w.postMessage(job);
    }
  }, [doc, tick, lang, decorations]);

  return geometry;
}
