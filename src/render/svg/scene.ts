import { defaultNodeSize, ICON_KINDS, nodeSize } from "../../document/geometry";
import type { ModelFlow, ModelGroup, ModelNode, NagareDocument, NodeKind } from "../../model";
import { BOUNDARY_HEADER, groupTitle, LANE_HEADER, titleHeight } from "../../shapes";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SceneNode {
  node: ModelNode;
  box: Box;
}

export interface SceneGroup {
  group: ModelGroup;
  box: Box;
  depth: number;
}

export interface Scene {
  nodes: SceneNode[];
  groups: SceneGroup[];
  flows: ModelFlow[];
  byId: Map<string, SceneNode>;
}

export interface Selection {
  nodes?: string[];
  flows?: string[];
  groups?: string[];
}

/** Kinds drawn as an icon with the label underneath (the rest are boxes with the label inside), as on the canvas. */
export { ICON_KINDS };

/** The size the canvas gives a node that has none stored, so the export matches the screen. */
export function defaultSize(kind: NodeKind): { width: number; height: number } {
  return defaultNodeSize(kind);
}

/** Space kept around the nodes inside a group. */
export const GROUP_PAD = 16;
/** The one-line heights of a lane's header band and a boundary's label (src/shapes/titles.ts). */
export { BOUNDARY_HEADER, LANE_HEADER };

/** Where a group's title is written: a lane's whole header band, a boundary's label at its top left. */
export function groupTitleBox(type: "lane" | "boundary", label: string, b: Box): Box {
  return groupTitle(type, label, b).band;
}

export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/** Nodes, groups and flows to draw: the whole document, or a selection with what it needs around it. */
export function buildScene(doc: NagareDocument, selection?: Selection): Scene {
  const groupsById = new Map(doc.groups.map((g) => [g.id, g]));
  const ancestors = (groupId: string | undefined): string[] => {
    const out: string[] = [];
    let cur = groupId ? groupsById.get(groupId) : undefined;
    while (cur && !out.includes(cur.id) && out.length < 64) {
      out.push(cur.id);
      cur = cur.parentId ? groupsById.get(cur.parentId) : undefined;
    }
    return out;
  };

  let nodes = doc.nodes;
  let explicitGroups = new Set<string>();
  const partial = !!selection && !!(selection.nodes?.length || selection.flows?.length || selection.groups?.length);
  if (partial && selection) {
    const wanted = new Set(selection.nodes ?? []);
    const flowsById = new Map(doc.flows.map((f) => [f.id, f]));
    for (const id of selection.flows ?? []) {
      const f = flowsById.get(id);
      if (f) {
        wanted.add(f.source);
        wanted.add(f.target);
      }
    }
    explicitGroups = new Set((selection.groups ?? []).filter((id) => groupsById.has(id)));
    for (const n of doc.nodes) if (ancestors(n.groupId).some((g) => explicitGroups.has(g))) wanted.add(n.id);
    nodes = doc.nodes.filter((n) => wanted.has(n.id));
  }

  const sceneNodes: SceneNode[] = placeNodes(nodes);
  const byId = new Map(sceneNodes.map((s) => [s.node.id, s]));
  const flows = doc.flows.filter((f) => byId.has(f.source) && byId.has(f.target));

  // Groups: every group that contains a drawn node (and, for a full export, every group).
  const used = new Set<string>(explicitGroups);
  for (const s of sceneNodes) for (const g of ancestors(s.node.groupId)) used.add(g);
  if (!partial) for (const g of doc.groups) used.add(g.id);
  for (const id of [...used]) for (const a of ancestors(id)) used.add(a);

  const depthOf = (g: ModelGroup) => ancestors(g.id).length - 1;
  const groups = doc.groups.filter((g) => used.has(g.id));
  const children = new Map<string, string[]>();
  for (const g of groups) {
    if (!g.parentId) continue;
    const list = children.get(g.parentId) ?? [];
    list.push(g.id);
    children.set(g.parentId, list);
  }

  // Boxes from the inside out: a group always encloses what is drawn inside it.
  const boxes = new Map<string, Box>();
  const ordered = [...groups].sort((a, b) => depthOf(b) - depthOf(a));
  for (const g of ordered) {
    let content: Box | null = null;
    for (const s of sceneNodes) if (s.node.groupId === g.id) content = content ? union(content, s.box) : s.box;
    for (const c of children.get(g.id) ?? []) {
      const b = boxes.get(c);
      if (b) content = content ? union(content, b) : b;
    }
    const own = { x: g.position.x, y: g.position.y, w: g.size.width, h: g.size.height };
    // The title wraps to the group's drawn width; its height is kept free above the content.
    const left = content ? (partial ? content.x - GROUP_PAD : Math.min(own.x, content.x - GROUP_PAD)) : own.x;
    const right = content
      ? partial
        ? content.x + content.w + GROUP_PAD
        : Math.max(own.x + own.w, content.x + content.w + GROUP_PAD)
      : own.x + own.w;
    const header = titleHeight(g.type, g.label, right - left);
    const padded = content
      ? {
          x: content.x - GROUP_PAD,
          y: content.y - GROUP_PAD - header,
          w: content.w + 2 * GROUP_PAD,
          h: content.h + 2 * GROUP_PAD + header,
        }
      : null;
    // A partial export shrinks groups to what is shown; a full one keeps the drawn geometry.
    boxes.set(g.id, padded ? (partial ? padded : union(own, padded)) : own);
  }
  const sceneGroups = groups
    .map((g) => ({ group: g, box: boxes.get(g.id) as Box, depth: depthOf(g) }))
    .sort((a, b) => a.depth - b.depth);
  return { nodes: sceneNodes, groups: sceneGroups, flows, byId };
}

/**
 * Node boxes from their stored positions. A model whose nodes mostly share one position (written by a
 * script, never laid out) gets a plain grid so that the export is still readable.
 */
function placeNodes(nodes: ModelNode[]): SceneNode[] {
  const distinct = new Set(nodes.map((n) => `${Math.round(n.position.x)},${Math.round(n.position.y)}`));
  const degenerate = nodes.length > 2 && distinct.size * 2 < nodes.length;
  const cols = Math.max(1, Math.ceil(Math.sqrt(nodes.length * 1.6)));
  return nodes.map((node, i) => {
    const size = nodeSize(node);
    const pos = degenerate ? { x: (i % cols) * 230, y: Math.floor(i / cols) * 150 } : node.position;
    return { node, box: { x: pos.x, y: pos.y, w: size.width, h: size.height } };
  });
}
