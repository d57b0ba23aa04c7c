import { createContext, useContext } from "react";
import type { Point } from "../document/geometry";
import type { Lang, MessageKey } from "../i18n";

/** What the node and edge components need from the editor around them (not part of the model). */
export interface CanvasContextValue {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  readOnly: boolean;
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  commitLabel: (coll: "nodes" | "groups", id: string, text: string) => boolean;
  onResized: (id: string, box: { x: number; y: number; width: number; height: number }, parentId?: string) => void;
  /** A bend being dragged: the flow's pinned bends as they would be (null: the drag ended or was cancelled). */
  previewBends?: (flowId: string, points: Point[] | null) => void;
  /** Writes a flow's pinned bends (one undo step); an empty list returns it to automatic routing. */
  commitBends?: (flowId: string, points: Point[]) => void;
}

export const CanvasContext = createContext<CanvasContextValue | null>(null);

export function useCanvas(): CanvasContextValue {
  const v = useContext(CanvasContext);
  if (!v) throw new Error("CanvasContext missing");
  return v;
}
