import { useEffect, useRef, useState } from "react";
import type { Point } from "../document/geometry";
import type { Lang } from "../i18n";
import type { NagareDocument } from "../model";
import type { Decoration } from "./binding";
import { FlowShapes } from "./flow-shapes";
import { type GeometryRequest, GeometrySession, type GeometryUpdate } from "./geometry-session";

/**
 * The routes and label spots of the canvas's flows, from the shared router (src/geometry/routing) in a
 * worker, kept in a FlowShapes store that the flows read one by one. While a job runs, at most one request
 * waits and it is built when it is sent, so a drag never queues up stale work and always sends the newest
 * positions. `tick` changes whenever `dragging` (positions being dragged here) did.
 */
export function useFlowGeometry(
  doc: NagareDocument,
  dragging: ReadonlyMap<string, Point>,
  tick: number,
  lang: Lang,
  decorations: ReadonlyMap<string, Decoration>,
): FlowShapes {
  const [shapes] = useState(() => new FlowShapes());
  const latest = useRef({ doc, dragging, lang, decorations });
  latest.current = { doc, dragging, lang, decorations };
  const sent = useRef<{ doc?: NagareDocument; decorations?: ReadonlyMap<string, Decoration> }>({});
  const seq = useRef(0);
  const channel = useRef<{ send: () => void } | null>(null);

  useEffect(() => {
    // What the worker (or the fallback session) has not seen yet goes with the request; the rest it keeps.
    const request = (): GeometryRequest => {
      const { doc: d, dragging: g, lang: l, decorations: deco } = latest.current;
      const req: GeometryRequest = { seq: ++seq.current, lang: l, dragging: [...g] };
      if (sent.current.doc !== d) req.doc = d;
      if (sent.current.decorations !== deco) req.counts = [...deco].map(([id, x]) => [id, x.count]);
      sent.current = { doc: d, decorations: deco };
      return req;
    };
    const applied = (u: GeometryUpdate) => {
      shapes.apply(u);
      // Timings for the benchmark and for support (the browser's performance timeline).
      performance.mark("nagare:route", {
        detail: {
          routeMs: u.routeMs,
          labelMs: u.labelMs,
          rerouted: u.rerouted,
          relabelled: u.relabelled,
          changed: u.changed.length,
          flows: u.flows,
        },
      });
    };
    sent.current = {};
    if (typeof Worker === "undefined") {
      const session = new GeometrySession();
      channel.current = { send: () => applied(session.run(request())) };
      return () => {
        channel.current = null;
      };
    }
    const w = new Worker(new URL("./routing-worker.ts", import.meta.url), { type: "module" });
    let busy = false;
    let waiting = false;
    w.onmessage = (e: MessageEvent<GeometryUpdate>) => {
      applied(e.data);
      if (waiting) {
        waiting = false;
        w.postMessage(request());
      } else busy = false;
    };
    channel.current = {
      send: () => {
        if (busy) waiting = true;
        else {
          busy = true;
          w.postMessage(request());
        }
      },
    };
    return () => {
      w.terminate();
      channel.current = null;
    };
  }, [shapes]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick stands for the dragged positions (a ref)
  useEffect(() => {
    channel.current?.send();
  }, [doc, tick, lang, decorations]);

  return shapes;
}
