import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { FlowShape, GeometryUpdate } from "./geometry-session";

/**
 * The routes and label spots of the canvas's flows, outside React Flow's edges: a routing result wakes only
 * the flows it changed, instead of handing React Flow a new edge list (which rebuilds its connection index
 * and asks every node, handle and edge whether it changed).
 */
export class FlowShapes {
  private shapes = new Map<string, FlowShape>();
  private listeners = new Map<string, Set<() => void>>();

  get(id: string): FlowShape | undefined {
    return this.shapes.get(id);
  }

  apply(update: Pick<GeometryUpdate, "changed" | "removed">): void {
    for (const [id, shape] of update.changed) this.shapes.set(id, shape);
    for (const id of update.removed) this.shapes.delete(id);
    for (const [id] of update.changed) this.notify(id);
    for (const id of update.removed) this.notify(id);
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(id);
    };
  }

  private notify(id: string): void {
    for (const l of this.listeners.get(id) ?? []) l();
  }
}

export const FlowShapesContext = createContext<FlowShapes | null>(null);

/** The shape of one flow, once routed (undefined until then). */
export function useFlowShape(id: string): FlowShape | undefined {
  const shapes = useContext(FlowShapesContext);
  const subscribe = useCallback((cb: () => void) => shapes?.subscribe(id, cb) ?? (() => {}), [shapes, id]);
  return useSyncExternalStore(subscribe, () => shapes?.get(id));
}
