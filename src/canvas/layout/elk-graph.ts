import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import { nodeSize } from "../../document/geometry";
import type { PositionWrite } from "../../document/positions";
import { BOUNDARY_PADDING, elkOptions, LANE_HEADER, LAYER_GAP, PAD } from "../../layout/elk-setup";
import type { ModelGroup, NagareDocument } from "../../model";

/**
 * Auto layout in two steps: ELK `layered` (direction RIGHT) places nodes, with boundaries (network zones)
 * as compound nodes; then each top-level item is snapped into the column of its lane. Partitioning lanes
 * inside ELK is slow when many flows run backwards, and snapping whole items keeps ELK's non-overlap.
 */

/** ELK options and spacings are those of the templates (src/layout/elk-setup.ts). */
const LANE_PAD_X = PAD;
const LANE_PAD_BOTTOM = PAD;
const CLUSTER_GAP = LAYER_GAP;
const MIN_LANE_WIDTH = 220;

function laneOf(groups: Map<string, ModelGroup>, groupId: string | undefined): string | null {
  let cur = groupId;
  for (let i = 0; cur && i < 64; i++) {
    const g = groups.get(cur);
    if (!g) return null;
    if (g.type === "lane") return g.id;
    cur = g.parentId;
  }
  return null;
}

/** The boundary a node or boundary sits directly in (null when it sits in a lane or nowhere). */
function boundaryParent(groups: Map<string, ModelGroup>, groupId: string | undefined): string | null {
  const g = groupId ? groups.get(groupId) : undefined;
  return g && g.type === "boundary" ? g.id : null;
}

export function buildElkGraph(doc: NagareDocument): ElkNode {
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const elk = new Map<string, ElkNode>();
  for (const g of doc.groups)
    if (g.type === "boundary")
      elk.set(g.id, { id: g.id, children: [], layoutOptions: { "elk.padding": BOUNDARY_PADDING } });
  for (const n of doc.nodes) {
    const s = nodeSize(n);
    elk.set(n.id, { id: n.id, width: s.width, height: s.height });
  }
  const options = elkOptions({ nodes: doc.nodes.length, compound: doc.groups.some((g) => g.type === "boundary") });
  const root: ElkNode = { id: "__root", layoutOptions: options, children: [], edges: [] };
  const attach = (id: string, parent: string | null) => {
    const child = elk.get(id) as ElkNode;
    const p = parent ? elk.get(parent) : undefined;
    (p ? (p.children as ElkNode[]) : (root.children as ElkNode[])).push(child);
  };
  // Stable input order (reading order) keeps repeated layouts similar.
  const byPos = <T extends { position: { x: number; y: number } }>(a: T, b: T) =>
    a.position.y - b.position.y || a.position.x - b.position.x;
  for (const g of [...doc.groups].sort(byPos))
    if (g.type === "boundary") attach(g.id, boundaryParent(groups, g.parentId));
  for (const n of [...doc.nodes].sort(byPos)) attach(n.id, boundaryParent(groups, n.groupId));
  const edges: ElkExtendedEdge[] = [];
  for (const f of doc.flows)
    if (f.source !== f.target && elk.has(f.source) && elk.has(f.target))
      edges.push({ id: f.id, sources: [f.source], targets: [f.target] });
  root.edges = edges;
  return root;
}

export interface PlacedBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Flattens ELK's result to absolute boxes, copying only x/y/width/height (ELK objects carry internals). */
export function flattenElk(result: ElkNode): Record<string, PlacedBox> {
  const out: Record<string, PlacedBox> = {};
  const walk = (n: ElkNode, ox: number, oy: number) => {
    for (const c of n.children ?? []) {
      const x = ox + (c.x ?? 0);
      const y = oy + (c.y ?? 0);
      out[c.id] = { x, y, width: c.width ?? 0, height: c.height ?? 0 };
      walk(c, x, y);
    }
  };
  walk(result, 0, 0);
  return out;
}

/**
 * Turns ELK's boxes into position writes: top-level items go into their lane's column (lanes ordered as they
 * stand now, left to right), lanes get equal height and touch each other like the columns of a 別添1 table.
 */
export function placeInLanes(doc: NagareDocument, boxes: Record<string, PlacedBox>): PositionWrite[] {
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  type Item = { id: string; coll: "nodes" | "groups"; box: PlacedBox; lane: string | null };
  const top: Item[] = [];
  for (const n of doc.nodes) {
    const box = boxes[n.id];
    if (box && !boundaryParent(groups, n.groupId))
      top.push({ id: n.id, coll: "nodes", box, lane: laneOf(groups, n.groupId) });
  }
  for (const g of doc.groups) {
    const box = boxes[g.id];
    if (g.type === "boundary" && box && !boundaryParent(groups, g.parentId))
      top.push({ id: g.id, coll: "groups", box, lane: laneOf(groups, g.parentId) });
  }
  const lanes = doc.groups.filter((g) => g.type === "lane").sort((a, b) => a.position.x - b.position.x);
  const columns: (string | null)[] = [...lanes.map((l) => l.id)];
  if (top.some((i) => i.lane === null)) columns.push(null);

  const shiftOf = new Map<string, { dx: number; dy: number }>();
  const laneBoxes = new Map<string, { x: number; width: number }>();
  const minY = Math.min(0, ...top.map((i) => i.box.y));
  const maxY = Math.max(200, ...top.map((i) => i.box.y + i.box.height));
  const originY = LANE_HEADER - minY;
  let cursor = lanes.length ? Math.min(...lanes.map((l) => l.position.x)) : 0;
  for (const col of columns) {
    const items = top.filter((i) => i.lane === col).sort((a, b) => a.box.x - b.box.x);
    // Cluster items whose x ranges overlap: one sub-column each, packed left to right.
    const clusters: { minX: number; maxX: number; items: Item[] }[] = [];
    for (const it of items) {
      const last = clusters[clusters.length - 1];
      if (last && it.box.x < last.maxX) {
        last.items.push(it);
        last.maxX = Math.max(last.maxX, it.box.x + it.box.width);
      } else clusters.push({ minX: it.box.x, maxX: it.box.x + it.box.width, items: [it] });
    }
    let x = cursor + LANE_PAD_X;
    for (const c of clusters) {
      for (const it of c.items) shiftOf.set(it.id, { dx: x - c.minX, dy: originY });
      x += c.maxX - c.minX + CLUSTER_GAP;
    }
    const width = Math.max(MIN_LANE_WIDTH, x - CLUSTER_GAP + LANE_PAD_X - cursor);
    if (col) laneBoxes.set(col, { x: cursor, width });
    cursor += width + (col ? 0 : CLUSTER_GAP);
  }

  // Every element moves with its top-level ancestor.
  const topOf = (id: string, parent: string | undefined): string => {
    let cur: string | undefined = id;
    let p = parent;
    while (p && groups.get(p)?.type === "boundary") {
      cur = p;
      p = groups.get(p)?.parentId;
    }
    return cur;
  };
  const writes: PositionWrite[] = [];
  for (const n of doc.nodes) {
    const box = boxes[n.id];
    const s = shiftOf.get(topOf(n.id, n.groupId));
    if (box && s) writes.push({ coll: "nodes", id: n.id, position: { x: box.x + s.dx, y: box.y + s.dy } });
  }
  for (const g of doc.groups) {
    if (g.type === "lane") {
      const lb = laneBoxes.get(g.id);
      if (lb)
        writes.push({
          coll: "groups",
          id: g.id,
          position: { x: lb.x, y: 0 },
          size: { width: lb.width, height: maxY - minY + LANE_HEADER + LANE_PAD_BOTTOM },
        });
      continue;
    }
    const box = boxes[g.id];
    const s = shiftOf.get(topOf(g.id, g.parentId));
    if (box && s)
      writes.push({
        coll: "groups",
        id: g.id,
        position: { x: box.x + s.dx, y: box.y + s.dy },
        size: { width: Math.max(box.width, 120), height: Math.max(box.height, 80) },
      });
  }
  return writes;
}
