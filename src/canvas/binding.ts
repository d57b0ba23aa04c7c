import type { Edge, Node } from "@xyflow/react";
import { facingSides, groupDepth, groupRect, nodeRect, type Point, type Rect } from "../document/geometry";
import type { ModelFlow, ModelGroup, ModelNode, NagareDocument } from "../model";

/**
 * The view of the shared model: `toFlowGraph` turns the validated model (readModelTolerant) into React Flow
 * nodes and edges. Writing goes through the document layer (src/document); view state (selection, measured
 * size, dragging, viewport) never goes into the document.
 */

/** Extra, view-only marks on an element: findings colour, dimming, other people's selections. */
export interface Decoration {
  tone?: "red" | "amber" | "grey" | "green";
  count?: number;
  dim?: boolean;
  focus?: boolean;
  remote?: { name: string; color: string }[];
  /** Comparing two versions: how this element differs (versions page). */
  change?: "added" | "removed" | "changed";
}

/** `delegation`: the name of the 委託事項 a contractor node carries out (shown on its tag). */
export type NodeData = { node: ModelNode; deco?: Decoration; delegation?: string };
export type GroupData = { group: ModelGroup; deco?: Decoration };
/**
 * Until the first routing arrives (routes and label spots are in FlowShapes, see ./flow-shapes), `offset`
 * spreads flows between the same two nodes apart (px, view only).
 */
export type FlowData = {
  flow: ModelFlow;
  deco?: Decoration;
  offset?: number;
};
export type KindRFNode = Node<NodeData, "kind">;
export type GroupRFNode = Node<GroupData, "container">;
export type AnyRFNode = KindRFNode | GroupRFNode;
export type FlowRFEdge = Edge<FlowData, "flow">;

export interface ViewState {
  selected?: ReadonlySet<string>;
  /** Absolute positions of elements being dragged here (they win over the document while dragging). */
  dragging?: ReadonlyMap<string, Point>;
  decorations?: ReadonlyMap<string, Decoration>;
}

const changeClass = (d: Decoration | undefined) => (d?.change ? { className: `change-${d.change}` } : {});

/** The React Flow nodes (groups first, parents before children) and edges of a model. */
export function toFlowGraph(doc: NagareDocument, view: ViewState = {}): { nodes: AnyRFNode[]; edges: FlowRFEdge[] } {
  const selected = view.selected ?? new Set<string>();
  const dragging = view.dragging ?? new Map<string, Point>();
  const groupsById = new Map(doc.groups.map((g) => [g.id, g]));
  const abs = new Map<string, Rect>();
  for (const g of doc.groups) abs.set(g.id, { ...groupRect(g), ...(dragging.get(g.id) ?? {}) });
  for (const n of doc.nodes) abs.set(n.id, { ...nodeRect(n), ...(dragging.get(n.id) ?? {}) });

  const rel = (id: string, parentId: string | undefined): Point => {
    const r = abs.get(id) as Rect;
    const p = parentId ? abs.get(parentId) : undefined;
    return p ? { x: r.x - p.x, y: r.y - p.y } : { x: r.x, y: r.y };
  };
  const delegationNames = new Map(doc.delegations.map((d) => [d.id, d.name]));
  const sortedGroups = [...doc.groups].sort((a, b) => groupDepth(groupsById, a.id) - groupDepth(groupsById, b.id));
  const nodes: AnyRFNode[] = [];
  for (const g of sortedGroups) {
    const parentId = g.parentId && groupsById.has(g.parentId) ? g.parentId : undefined;
    nodes.push({
      id: g.id,
      type: "container",
      position: rel(g.id, parentId),
      ...(parentId ? { parentId } : {}),
      width: g.size.width,
      height: g.size.height,
      selected: selected.has(g.id),
      zIndex: g.type === "lane" ? -10 : -5 + groupDepth(groupsById, g.id),
      data: { group: g, deco: view.decorations?.get(g.id) },
      ...changeClass(view.decorations?.get(g.id)),
      dragHandle: ".group-header",
    });
  }
  for (const n of doc.nodes) {
    const parentId = n.groupId && groupsById.has(n.groupId) ? n.groupId : undefined;
    const r = abs.get(n.id) as Rect;
    nodes.push({
      id: n.id,
      type: "kind",
      position: rel(n.id, parentId),
      ...(parentId ? { parentId } : {}),
      width: r.width,
      height: r.height,
      selected: selected.has(n.id),
      ...changeClass(view.decorations?.get(n.id)),
      data: {
        node: n,
        deco: view.decorations?.get(n.id),
        ...(n.delegationId ? { delegation: delegationNames.get(n.delegationId) } : {}),
      },
    });
  }
  // Flows between the same two nodes (a request and its reply, several steps) are drawn side by side.
  const pairKey = (f: ModelFlow) => (f.source < f.target ? `${f.source}|${f.target}` : `${f.target}|${f.source}`);
  const pairCount = new Map<string, number>();
  for (const f of doc.flows) pairCount.set(pairKey(f), (pairCount.get(pairKey(f)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();
  const edges: FlowRFEdge[] = [];
  for (const f of doc.flows) {
    const s = abs.get(f.source);
    const t = abs.get(f.target);
    if (!s || !t) continue;
    // A flow from a node to itself (a process step such as creating a file) loops out right and back on top.
    const sides = f.source === f.target ? { source: "r" as const, target: "t" as const } : facingSides(s, t);
    const key = pairKey(f);
    const n = pairCount.get(key) ?? 1;
    const i = pairSeen.get(key) ?? 0;
    pairSeen.set(key, i + 1);
    // The shift is in absolute x or y, so it needs no sign for the direction of the flow.
    const offset = n > 1 ? (i - (n - 1) / 2) * 16 : 0;
    edges.push({
      id: f.id,
      type: "flow",
      source: f.source,
      target: f.target,
      sourceHandle: `s-${sides.source}`,
      targetHandle: `t-${sides.target}`,
      selected: selected.has(f.id),
      ...changeClass(view.decorations?.get(f.id)),
      data: { flow: f, deco: view.decorations?.get(f.id), ...(offset ? { offset } : {}) },
    });
  }
  return { nodes, edges };
}
