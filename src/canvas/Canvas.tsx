import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  type Connection,
  ConnectionMode,
  type EdgeChange,
  type FinalConnectionState,
  MarkerType,
  MiniMap,
  type NodeChange,
  Panel,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStoreApi,
  type Viewport,
} from "@xyflow/react";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type * as Y from "yjs";
import {
  connectNodes,
  createGroup,
  type GroupSpec,
  groupMoveWrites,
  nodeRect,
  type PositionWrite,
  type PositionWriter,
  placeNode,
  type Rect,
  reattachFlow,
  setFlowWaypoints,
  setLabel,
  settleOverlaps,
  updateMembership,
  writePositions,
} from "../document";
import type { Point } from "../document/geometry";
import type { Lang, MessageKey } from "../i18n";
import { translate } from "../i18n";
import type { NagareDocument, NodeKind } from "../model";
import { readModelTolerant } from "../sync/doc-shape";
import { type AnyRFNode, type Decoration, type FlowRFEdge, toFlowGraph } from "./binding";
import { CanvasContext, type CanvasContextValue } from "./context";
import { FlowEdge } from "./edges/FlowEdge";
import { FlowShapesContext } from "./flow-shapes";
import { GroupNode } from "./nodes/GroupNode";
import { KindNode } from "./nodes/KindNode";
import { openingViewport } from "./opening-view";
import { useStableHandler } from "./stable-handler";
import { useFlowGeometry } from "./useFlowGeometry";

const nodeTypes = { kind: KindNode, container: GroupNode };
const edgeTypes = { flow: FlowEdge };
const SNAP_GRID: [number, number] = [10, 10];
const PRO_OPTIONS = { hideAttribution: true };

export const DRAG_MIME = "application/x-nagare-shape";
export type PaletteItem = { type: "node"; kind: NodeKind } | GroupSpec;

export interface CanvasProps {
  ydoc: Y.Doc;
  model: NagareDocument;
  lang: Lang;
  readOnly: boolean;
  selected: ReadonlySet<string>;
  setSelected: (update: (prev: ReadonlySet<string>) => ReadonlySet<string>) => void;
  decorations: ReadonlyMap<string, Decoration>;
  writer: PositionWriter;
  notify: (text: string, kind?: "info" | "error") => void;
  placing: PaletteItem;
  snap: boolean;
  showMinimap: boolean;
  /** Shows or hides the overview (minimap) from the canvas corner. */
  onToggleMinimap?: () => void;
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  onPointer?: (p: Point | null) => void;
  onViewport?: (v: Viewport) => void;
  /** Filled with functions the surrounding editor may call (add an element from the palette). */
  apiRef?: { current: CanvasApi | null };
  /** A right click on an element, a flow or the empty canvas (screen coordinates). */
  onContextMenu?: (target: "node" | "flow" | "group" | "pane", id: string | null, at: Point) => void;
  /** Elements added ("new") or whose membership changed by a drag ("moved"), for the editor to report. */
  onPlaced?: (ids: string[], how: "new" | "moved") => void;
  children?: ReactNode;
}

export interface CanvasApi {
  /** Adds an element from the palette (a click, not a drop). */
  add: (item: PaletteItem) => void;
}

/** The diagram: React Flow over the shared model, through the binding. */
export function Canvas(props: CanvasProps) {
  const { ydoc, model, lang, readOnly, selected, setSelected, decorations, writer, notify } = props;
  const { screenToFlowPosition, fitView, zoomIn, zoomOut, getNodes, getNodesBounds, setViewport, setCenter } =
    useReactFlow();
  const flowStore = useStoreApi();
  const t = useCallback((k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v), [lang]);
  const [nodes, setNodes] = useState<AnyRFNode[]>([]);
  const [edges, setEdges] = useState<FlowRFEdge[]>([]);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  const modelRef = useRef(model);
  modelRef.current = model;
  const connectHintShown = useRef(false);
  /** Absolute positions of what this user is dragging right now (view wins over document meanwhile). */
  const dragging = useRef(new Map<string, Point>());
  /** Changes whenever `dragging` does, so that the flows are routed again during a drag. */
  const [dragTick, setDragTick] = useState(0);
  /** Pinned bends of a flow while one of them is being dragged here. */
  const [bendPreview, setBendPreview] = useState<{ id: string; points: Point[] } | null>(null);
  const routed = useMemo(
    () =>
      bendPreview
        ? {
            ...model,
            flows: model.flows.map((f) => (f.id === bendPreview.id ? { ...f, waypoints: bendPreview.points } : f)),
          }
        : model,
    [model, bendPreview],
  );
  const flowShapes = useFlowGeometry(routed, dragging.current, dragTick, lang, decorations);

  useEffect(() => {
    const g = toFlowGraph(model, { selected, dragging: dragging.current, decorations });
    // Keep the previous object of every element whose view did not change, so that React Flow (and the
    // memoised node and edge components) re-render only what changed: a drag or an edit touches one element.
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      const next = g.nodes.map((n) => {
        const o = old.get(n.id);
        if (!o) return n;
        if (o.dragging || o.resizing) return o;
        if (sameNode(o, n)) return o;
        return { ...n, measured: o.measured } as AnyRFNode;
      });
      return sameItems(prev, next) ? prev : next;
    });
    setEdges((prev) => {
      const old = new Map(prev.map((e) => [e.id, e]));
      const next = g.edges.map((e) => {
        const o = old.get(e.id);
        if (o && sameEdge(o, e)) return o;
        return {
          ...e,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: edgeColor(e, decorations) },
        };
      });
      return sameItems(prev, next) ? prev : next;
    });
  }, [model, selected, decorations]);

  // A drawing that arrives (from IndexedDB or the server) is fitted once; one's own first element is not.
  // A large drawing opens at a legible zoom from its top-left instead ("全体を表示" still fits all of it).
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || !nodes.length) return;
    fitted.current = true;
    requestAnimationFrame(() => {
      const { width, height } = flowStore.getState();
      const opening = openingViewport(getNodesBounds(getNodes()), { width, height });
      if (opening) void setViewport(opening);
      else void fitView({ padding: 0.1 });
    });
  }, [nodes.length, fitView, flowStore, getNodes, getNodesBounds, setViewport]);

  const positionWrites = useCallback((id: string, abs: Point): PositionWrite[] => {
    const m = modelRef.current;
    if (m.groups.some((g) => g.id === id)) return groupMoveWrites(m, id, abs);
    return [{ coll: "nodes", id, position: abs }];
  }, []);

  const absOf = useCallback((parentId: string | undefined, p: Point): Point => {
    if (!parentId) return p;
    const parentAbs =
      dragging.current.get(parentId) ?? modelRef.current.groups.find((g) => g.id === parentId)?.position;
    return parentAbs ? { x: p.x + parentAbs.x, y: p.y + parentAbs.y } : p;
  }, []);

  /** Selections made in React Flow (click, box) become the editor's selection. */
  const followSelection = (changes: (NodeChange<AnyRFNode> | EdgeChange<FlowRFEdge>)[]) => {
    const sel = changes.filter((c) => c.type === "select");
    if (!sel.length) return;
    setSelected((prev) => {
      const next = new Set(prev);
      for (const c of sel) c.selected ? next.add(c.id) : next.delete(c.id);
      return next;
    });
  };

  const onNodesChange = useStableHandler((changes: NodeChange<AnyRFNode>[]) => {
    const keep = changes.filter((c) => c.type !== "remove" && c.type !== "add" && c.type !== "replace");
    setNodes((nds) => applyNodeChanges(keep, nds));
    followSelection(keep);
    if (readOnly) return;
    const ended: string[] = [];
    let moved = false;
    for (const c of keep) {
      if (c.type !== "position" || !c.position) continue;
      const rf = nodesRef.current.find((n) => n.id === c.id);
      const abs = absOf(rf?.parentId, c.position);
      moved = true;
      if (c.dragging) {
        dragging.current.set(c.id, abs);
        writer.push(positionWrites(c.id, abs));
      } else {
        dragging.current.delete(c.id);
        writer.push(positionWrites(c.id, abs));
        ended.push(c.id);
      }
    }
    if (moved) setDragTick((n) => n + 1);
    if (ended.length) {
      writer.flush();
      // Membership follows where things were dropped; part of the same undo step as the drag.
      const fresh = readModelTolerant(ydoc).doc;
      const changed = updateMembership(ydoc, fresh, ended, writer.gesture());
      for (const id of ended) placedRef.current.delete(id);
      props.onPlaced?.(changed, "moved");
    }
  });

  const onEdgesChange = useStableHandler((changes: EdgeChange<FlowRFEdge>[]) => {
    const sel = changes.filter((c) => c.type === "select");
    if (!sel.length) return;
    setEdges((eds) => applyEdgeChanges(sel, eds));
    followSelection(sel);
  });

  const onConnect = useStableHandler((c: Connection) => {
    if (readOnly) return;
    const r = connectNodes(ydoc, modelRef.current, c.source, c.target);
    if (!r.ok) notify(t("editor.msg.missingEnd"), "error");
    else {
      setSelected(() => new Set([r.id]));
      // The hint about the inspector is given once per visit, not for every flow.
      if (!connectHintShown.current) notify(t("editor.msg.connected"));
      connectHintShown.current = true;
    }
  });

  /** The flow-space point at the middle of the visible canvas. */
  const viewCentre = useCallback((): Point => {
    const r = document.querySelector(".nagare-canvas")?.getBoundingClientRect();
    return r ? screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
  }, [screenToFlowPosition]);

  /** Elements this editor added recently, with the place they got (see settleOverlaps). */
  const placedRef = useRef(new Map<string, { at: Point; time: number }>());

  /** Pans (keeping the zoom) so that a box is on screen, e.g. a new element put in a lane out of view. */
  const revealRect = useCallback(
    (r: Rect) => {
      const { width, height, transform } = flowStore.getState();
      const [tx, ty, zoom] = transform;
      const x0 = -tx / zoom;
      const y0 = -ty / zoom;
      const inView =
        r.x >= x0 && r.y >= y0 && r.x + r.width <= x0 + width / zoom && r.y + r.height <= y0 + height / zoom;
      if (!inView) void setCenter(r.x + r.width / 2, r.y + r.height / 2, { zoom, duration: 200 });
    },
    [flowStore, setCenter],
  );

  /** Adds a palette item: at `at` (drop, double-click) or, without, where its kind belongs. */
  /** A connection dropped on an element's body (not only its small handle) connects to that element. */
  const onConnectEnd = useStableHandler((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (readOnly || state.isValid || !state.fromNode) return;
    const to = nodeUnder(event, state.fromNode.id);
    if (to) onConnect({ source: state.fromNode.id, target: to, sourceHandle: null, targetHandle: null });
  });

  /** Dragging an end of a flow to another element re-attaches it (handle or body alike). */
  const reattach = useCallback(
    (flowId: string, ends: { source?: string; target?: string }) => {
      const r = reattachFlow(ydoc, modelRef.current, flowId, ends);
      if (!r.ok) notify(t("editor.msg.missingEnd"), "error");
      else notify(t("editor.msg.reattached"));
    },
    [ydoc, notify, t],
  );
  const onReconnectEnd = useStableHandler(
    (event: MouseEvent | TouchEvent, edge: FlowRFEdge, _h: unknown, state: FinalConnectionState) => {
      if (readOnly || state.isValid) return;
      const to = nodeUnder(event);
      if (!to) return;
      // The end that stays is where the drag started from; the other one moves.
      const movingTarget = state.fromNode?.id === edge.source;
      if ((movingTarget ? edge.target : edge.source) === to) return;
      reattach(edge.id, movingTarget ? { target: to } : { source: to });
    },
  );

  const place = useCallback(
    (item: PaletteItem, at?: Point) => {
      if (readOnly) return notify(t("editor.msg.readOnly"), "error");
      fitted.current = true;
      const doc = modelRef.current;
      let id: string;
      if (item.type === "node") {
        const placed = placeNode(ydoc, doc, item.kind, { at, fallback: viewCentre(), lang });
        id = placed.id;
        const n = readModelTolerant(ydoc).doc.nodes.find((x) => x.id === id);
        if (n) {
          placedRef.current.set(id, { at: n.position, time: Date.now() });
          revealRect(nodeRect(n));
        }
        props.onPlaced?.([id], "new");
      } else id = createGroup(ydoc, doc, item, at ?? viewCentre(), lang);
      setSelected(() => new Set([id]));
      props.setEditingId(id);
    },
    [readOnly, ydoc, lang, notify, t, setSelected, props.setEditingId, props.onPlaced, viewCentre, revealRect],
  );

  // Two people adding at once may have picked the same free place: the newer element of the two gives way.
  useEffect(() => {
    const mine = placedRef.current;
    if (!mine.size || readOnly) return;
    const now = Date.now();
    const still: string[] = [];
    for (const [id, p] of mine) {
      const n = model.nodes.find((x) => x.id === id);
      // Only untouched, recent elements: never one the person has since moved.
      if (!n || now - p.time > 30_000 || n.position.x !== p.at.x || n.position.y !== p.at.y) mine.delete(id);
      else still.push(id);
    }
    if (!still.length) return;
    for (const [id, at] of settleOverlaps(ydoc, model, still)) {
      const p = mine.get(id);
      if (p) mine.set(id, { ...p, at });
    }
  }, [model, ydoc, readOnly]);

  const add = useCallback((item: PaletteItem) => place(item), [place]);
  if (props.apiRef) props.apiRef.current = { add };

  const ctx = useMemo<CanvasContextValue>(
    () => ({
      lang,
      t,
      readOnly,
      editingId: props.editingId,
      setEditingId: props.setEditingId,
      commitLabel: (coll, id, text) => {
        const r = setLabel(ydoc, coll, id, text);
        if (r.ok) return true;
        if ("reason" in r)
          notify(
            r.reason === "empty"
              ? t("editor.msg.labelEmpty")
              : t("editor.msg.labelTooLong", { max: r.max, n: text.trim().length }),
            "error",
          );
        else notify(t("editor.msg.invalid", { detail: r.problems.map((p) => p[lang]).join(" / ") }), "error");
        return false;
      },
      onResized: (id, box, parentId) => {
        const abs = absOf(parentId, { x: box.x, y: box.y });
        const coll = modelRef.current.groups.some((g) => g.id === id) ? "groups" : "nodes";
        writePositions(ydoc, [{ coll, id, position: abs, size: { width: box.width, height: box.height } }]);
      },
      previewBends: (id, points) => setBendPreview(points ? { id, points } : null),
      commitBends: (id, points) => {
        setBendPreview(null);
        if (readOnly) return;
        const r = setFlowWaypoints(ydoc, id, points);
        if (!r.ok) notify(t("editor.msg.invalid", { detail: r.problems.map((p) => p[lang]).join(" / ") }), "error");
      },
    }),
    [lang, t, readOnly, props.editingId, props.setEditingId, ydoc, notify, absOf],
  );

  // Every handler React Flow is given keeps its identity (see useStableHandler).
  const menuAt = (target: "node" | "flow" | "group" | "pane", id: string | null, e: React.MouseEvent | MouseEvent) => {
    e.preventDefault();
    props.onContextMenu?.(target, id, { x: e.clientX, y: e.clientY });
  };
  const onNodeContextMenu = useStableHandler((e: React.MouseEvent, n: AnyRFNode) =>
    menuAt(n.type === "container" ? "group" : "node", n.id, e),
  );
  const onSelectionContextMenu = useStableHandler((e: React.MouseEvent) => menuAt("node", null, e));
  const onEdgeContextMenu = useStableHandler((e: React.MouseEvent, edge: FlowRFEdge) => menuAt("flow", edge.id, e));
  const onPaneContextMenu = useStableHandler((e: React.MouseEvent | MouseEvent) => menuAt("pane", null, e));
  const onReconnect = useStableHandler(
    (old: FlowRFEdge, c: Connection) => !readOnly && reattach(old.id, { source: c.source, target: c.target }),
  );
  const onNodeDragStart = useStableHandler(() => writer.begin(`drag:${Date.now()}:${Math.random()}`));
  const onNodeDoubleClick = useStableHandler((_: React.MouseEvent, n: AnyRFNode) => {
    if (!readOnly) props.setEditingId(n.id);
  });
  const onMove = useStableHandler((_: MouseEvent | TouchEvent | null, vp: Viewport) => props.onViewport?.(vp));
  const onPointerMove = useStableHandler((e: React.PointerEvent) =>
    props.onPointer?.(screenToFlowPosition({ x: e.clientX, y: e.clientY })),
  );
  const onPointerLeave = useStableHandler(() => props.onPointer?.(null));
  const onDoubleClick = useStableHandler((e: React.MouseEvent) => {
    const target = e.target as Element;
    if (!target.classList?.contains("react-flow__pane")) return;
    place(props.placing, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  });
  const onDragOver = useStableHandler((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(DRAG_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    }
  });
  const onDrop = useStableHandler((e: React.DragEvent) => {
    const raw = e.dataTransfer.getData(DRAG_MIME);
    if (!raw) return;
    e.preventDefault();
    try {
      place(JSON.parse(raw) as PaletteItem, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
    } catch {
      // not ours
    }
  });

  return (
    <CanvasContext.Provider value={ctx}>
      <FlowShapesContext.Provider value={flowShapes}>
        <ReactFlow<AnyRFNode, FlowRFEdge>
          className="nagare-canvas"
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          onNodeContextMenu={onNodeContextMenu}
          onSelectionContextMenu={onSelectionContextMenu}
          onEdgeContextMenu={onEdgeContextMenu}
          onPaneContextMenu={onPaneContextMenu}
          edgesReconnectable={!readOnly}
          onReconnect={onReconnect}
          onReconnectEnd={onReconnectEnd}
          onNodeDragStart={onNodeDragStart}
          onNodeDoubleClick={onNodeDoubleClick}
          connectionMode={ConnectionMode.Loose}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Shift", "Meta", "Control"]}
          selectionMode={SelectionMode.Partial}
          zoomOnDoubleClick={false}
          snapToGrid={props.snap}
          snapGrid={SNAP_GRID}
          minZoom={0.1}
          maxZoom={3}
          onlyRenderVisibleElements={nodes.length > 200}
          proOptions={PRO_OPTIONS}
          onMove={onMove}
          onPointerMove={onPointerMove}
          onPointerLeave={onPointerLeave}
          onDoubleClick={onDoubleClick}
          onDragOver={onDragOver}
          onDrop={onDrop}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#c9d1d9" />
          <Panel position="top-left" className="zoom-buttons">
            <button
              type="button"
              onClick={() => void zoomIn({ duration: 150 })}
              title={t("editor.zoomIn")}
              aria-label={t("editor.zoomIn")}
            >
              ＋
            </button>
            <button
              type="button"
              onClick={() => void zoomOut({ duration: 150 })}
              title={t("editor.zoomOut")}
              aria-label={t("editor.zoomOut")}
            >
              −
            </button>
            {props.onToggleMinimap ? (
              <button
                type="button"
                className="overview-toggle"
                data-testid="overview-toggle"
                aria-pressed={props.showMinimap}
                onClick={props.onToggleMinimap}
                title={t("editor.overview.hint")}
              >
                {t("editor.overview")}
              </button>
            ) : null}
          </Panel>
          {props.showMinimap && nodes.length > 0 ? (
            <MiniMap
              pannable
              zoomable
              ariaLabel={t("editor.overview")}
              nodeColor={(n) => (n.type === "container" ? "#eef2f6" : "#9fb3c8")}
            />
          ) : null}
          {props.children}
        </ReactFlow>
      </FlowShapesContext.Provider>
    </CanvasContext.Provider>
  );
}

/** The element (not a lane or boundary) under the pointer where a drag ended. */
function nodeUnder(event: MouseEvent | TouchEvent, except?: string): string | null {
  const p = "changedTouches" in event ? event.changedTouches[0] : event;
  if (!p) return null;
  for (const el of document.elementsFromPoint(p.clientX, p.clientY)) {
    const id = el.closest(".react-flow__node-kind")?.getAttribute("data-id");
    if (id && id !== except) return id;
  }
  return null;
}

/** Same elements in the same order: React Flow is then given the previous array and has nothing to do. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameNode(a: AnyRFNode, b: AnyRFNode): boolean {
  return (
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.parentId === b.parentId &&
    a.selected === b.selected &&
    a.zIndex === b.zIndex &&
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}

function sameEdge(a: FlowRFEdge, b: FlowRFEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle &&
    a.selected === b.selected &&
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}

function edgeColor(e: FlowRFEdge, decorations: ReadonlyMap<string, Decoration>): string {
  const tone = decorations.get(e.id)?.tone;
  if (tone) return { red: "#c92a2a", amber: "#d97706", grey: "#868e96", green: "#2f9e44" }[tone];
  return e.data?.flow.carriesMyNumber === null ? "#b26b00" : "#1f2933";
}
