import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  type Connection,
  ConnectionMode,
  type EdgeChange,
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
  createNode,
  type GroupSpec,
  groupMoveWrites,
  type PositionWrite,
  type PositionWriter,
  setLabel,
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
import { GroupNode } from "./nodes/GroupNode";
import { KindNode } from "./nodes/KindNode";
import { openingViewport } from "./opening-view";

const nodeTypes = { kind: KindNode, container: GroupNode };
const edgeTypes = { flow: FlowEdge };

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
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  onPointer?: (p: Point | null) => void;
  onViewport?: (v: Viewport) => void;
  /** Filled with functions the surrounding editor may call (add an element from the palette). */
  apiRef?: { current: CanvasApi | null };
  children?: ReactNode;
}

export interface CanvasApi {
  /** Adds an element from the palette (a click, not a drop). */
  add: (item: PaletteItem) => void;
}

/** The diagram: React Flow over the shared model, through the binding. */
export function Canvas(props: CanvasProps) {
  const { ydoc, model, lang, readOnly, selected, setSelected, decorations, writer, notify } = props;
  const { screenToFlowPosition, fitView, zoomIn, zoomOut, getNodes, getNodesBounds, setViewport } = useReactFlow();
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

  useEffect(() => {
    const g = toFlowGraph(model, { selected, dragging: dragging.current, decorations });
    // Keep the previous object of every element whose view did not change, so that React Flow (and the
    // memoised node and edge components) re-render only what changed: a drag or an edit touches one element.
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return g.nodes.map((n) => {
        const o = old.get(n.id);
        if (!o) return n;
        if (o.dragging || o.resizing) return o;
        if (sameNode(o, n)) return o;
        return { ...n, measured: o.measured } as AnyRFNode;
      });
    });
    setEdges((prev) => {
      const old = new Map(prev.map((e) => [e.id, e]));
      return g.edges.map((e) => {
        const o = old.get(e.id);
        if (o && sameEdge(o, e)) return o;
        return {
          ...e,
          markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: edgeColor(e, decorations) },
        };
      });
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

  const onNodesChange = useCallback(
    (changes: NodeChange<AnyRFNode>[]) => {
      const keep = changes.filter((c) => c.type !== "remove" && c.type !== "add" && c.type !== "replace");
      setNodes((nds) => applyNodeChanges(keep, nds));
      const sel = keep.filter((c) => c.type === "select");
      if (sel.length)
        setSelected((prev) => {
          const next = new Set(prev);
          for (const c of sel) if (c.type === "select") c.selected ? next.add(c.id) : next.delete(c.id);
          return next;
        });
      if (readOnly) return;
      const ended: string[] = [];
      for (const c of keep) {
        if (c.type !== "position" || !c.position) continue;
        const rf = nodesRef.current.find((n) => n.id === c.id);
        const abs = absOf(rf?.parentId, c.position);
        if (c.dragging) {
          dragging.current.set(c.id, abs);
          writer.push(positionWrites(c.id, abs));
        } else {
          dragging.current.delete(c.id);
          writer.push(positionWrites(c.id, abs));
          ended.push(c.id);
        }
      }
      if (ended.length) {
        writer.flush();
        // Membership follows where things were dropped; part of the same undo step as the drag.
        const fresh = readModelTolerant(ydoc).doc;
        const changed = updateMembership(ydoc, fresh, ended, writer.gesture());
        for (const id of changed.slice(0, 1)) {
          const after = readModelTolerant(ydoc).doc;
          const n = after.nodes.find((x) => x.id === id);
          const g = after.groups.find((x) => x.id === (n?.groupId ?? after.groups.find((y) => y.id === id)?.parentId));
          const label = n?.label ?? after.groups.find((x) => x.id === id)?.label ?? id;
          notify(g ? t("editor.msg.membership", { label, group: g.label }) : t("editor.msg.membershipOut", { label }));
        }
      }
    },
    [readOnly, writer, positionWrites, absOf, setSelected, ydoc, notify, t],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowRFEdge>[]) => {
      const sel = changes.filter((c) => c.type === "select");
      if (!sel.length) return;
      setEdges((eds) => applyEdgeChanges(sel, eds));
      setSelected((prev) => {
        const next = new Set(prev);
        for (const c of sel) if (c.type === "select") c.selected ? next.add(c.id) : next.delete(c.id);
        return next;
      });
    },
    [setSelected],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (readOnly) return;
      const r = connectNodes(ydoc, modelRef.current, c.source, c.target);
      if (!r.ok) notify(t("editor.msg.missingEnd"), "error");
      else {
        setSelected(() => new Set([r.id]));
        // The hint about the inspector is given once per visit, not for every flow.
        if (!connectHintShown.current) notify(t("editor.msg.connected"));
        connectHintShown.current = true;
      }
    },
    [readOnly, ydoc, notify, t, setSelected],
  );

  const place = useCallback(
    (item: PaletteItem, at: Point) => {
      if (readOnly) return notify(t("editor.msg.readOnly"), "error");
      fitted.current = true;
      const id =
        item.type === "node"
          ? createNode(ydoc, modelRef.current, item.kind, at, lang)
          : createGroup(ydoc, modelRef.current, item, at, lang);
      setSelected(() => new Set([id]));
      props.setEditingId(id);
    },
    [readOnly, ydoc, lang, notify, t, setSelected, props.setEditingId],
  );

  const add = useCallback(
    (item: PaletteItem) => {
      const el = document.querySelector(".nagare-canvas");
      const r = el?.getBoundingClientRect();
      const at = r
        ? screenToFlowPosition({
            x: r.left + r.width / 2 + (Math.random() - 0.5) * 80,
            y: r.top + r.height / 2 + (Math.random() - 0.5) * 60,
          })
        : { x: 0, y: 0 };
      place(item, at);
    },
    [place, screenToFlowPosition],
  );
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
    }),
    [lang, t, readOnly, props.editingId, props.setEditingId, ydoc, notify, absOf],
  );

  return (
    <CanvasContext.Provider value={ctx}>
      <ReactFlow<AnyRFNode, FlowRFEdge>
        className="nagare-canvas"
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeDragStart={() => writer.begin(`drag:${Date.now()}:${Math.random()}`)}
        onNodeDoubleClick={(_, n) => !readOnly && props.setEditingId(n.id)}
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
        snapGrid={[10, 10]}
        minZoom={0.1}
        maxZoom={3}
        onlyRenderVisibleElements={nodes.length > 200}
        proOptions={{ hideAttribution: true }}
        onMove={(_, vp) => props.onViewport?.(vp)}
        onPointerMove={(e) => props.onPointer?.(screenToFlowPosition({ x: e.clientX, y: e.clientY }))}
        onPointerLeave={() => props.onPointer?.(null)}
        onDoubleClick={(e) => {
          const target = e.target as Element;
          if (!target.classList?.contains("react-flow__pane")) return;
          place(props.placing, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
        }}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(DRAG_MIME)) {
            e.preventDefault();
            e.dataTransfer.dropEffect = "copy";
          }
        }}
        onDrop={(e) => {
          const raw = e.dataTransfer.getData(DRAG_MIME);
          if (!raw) return;
          e.preventDefault();
          try {
            place(JSON.parse(raw) as PaletteItem, screenToFlowPosition({ x: e.clientX, y: e.clientY }));
          } catch {
            // not ours
          }
        }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} color="#c9d1d9" />
        <Panel position="top-left" className="zoom-buttons">
          <button type="button" onClick={() => void zoomIn({ duration: 150 })} title={t("editor.zoomIn")}>
            ＋
          </button>
          <button type="button" onClick={() => void zoomOut({ duration: 150 })} title={t("editor.zoomOut")}>
            −
          </button>
        </Panel>
        {props.showMinimap && nodes.length > 0 ? (
          <MiniMap pannable zoomable nodeColor={(n) => (n.type === "container" ? "#eef2f6" : "#9fb3c8")} />
        ) : null}
        {props.children}
      </ReactFlow>
    </CanvasContext.Provider>
  );
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
