import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import { defaultNodeSize, ICON_KINDS } from "../document/geometry";
import { BOUNDARY_HEADER, elkOptions, LANE_HEADER, LAYER_GAP, NODE_GAP, PAD } from "../layout/elk-setup";
import { LANE_KINDS, type LaneKind, type ModelGroup, type ModelNode, type NagareDocument } from "../model";
import { fittedNodeSize, paperTabText, tabFigure } from "../shapes";
import { sizeForLabel } from "./geometry";

/**
 * Lays a document out in lanes (columns, left to right: 本人 | 委託先 | 自組織 | 庁内他部署 | 他機関 | その他) with
 * ELK's layered algorithm (direction RIGHT, one partition per lane), so that flows run left to right and
 * cross few other flows. A boundary (中間サーバー・プラットフォーム, 住基ネット …) is laid out as one block whose
 * members are stacked inside it, so that no other node falls inside the boundary's rectangle.
 */

export const LANE_ORDER: LaneKind[] = ["subject", "contractor", "self", "department", "external", "other"];

export interface LayoutBoundary {
  id: string;
  kind: NonNullable<ModelGroup["boundaryKind"]>;
  label: string;
  lane: LaneKind;
  members: string[];
  note?: string;
}

export interface LayoutInput {
  lanes: Record<string, LaneKind>;
  boundaries: LayoutBoundary[];
  /** Lane labels, e.g. 自組織 → 東京都住宅政策本部. */
  laneLabels?: Partial<Record<LaneKind, string>>;
  /** Top-left corner of the laid-out area. */
  origin?: { x: number; y: number };
}

/** Spacings shared with the editor's 自動レイアウト come from src/layout/elk-setup.ts. */
const LANE_GAP = 24;
/** Between members stacked in a boundary: room for the flows that run between them and their labels. */
const STACK_GAP = 44;
/** What each flow crossing the gap between two columns adds to it (labels need room). */
const LAYER_GAP_PER_FLOW = 4;
const LAYER_GAP_MAX = 160;
/** A figure wider than this (width : height) is laid out again with more room between the nodes of a lane. */
const WIDE = 2.2;
/** Air above the 委託/再委託 tab drawn over a contractor. */
const TAB_AIR = 4;
/** Room per flow end on the side of a box. */
const PORT_GAP = 12;

interface Unit {
  id: string;
  width: number;
  height: number;
  lane: LaneKind;
  boundary?: LayoutBoundary;
}

export async function layoutDocument(doc: NagareDocument, input: LayoutInput): Promise<NagareDocument> {
  const origin = input.origin ?? { x: 0, y: 0 };
  const nodeById = new Map(doc.nodes.map((n) => [n.id, n]));
  const unitOf = new Map<string, string>();
  const units: Unit[] = [];

  // What a node's 委託事項 tab takes above it, as the figure draws it (long ones wrap onto more lines).
  const delegationNames = new Map(doc.delegations.map((d) => [d.id, d.name]));
  const tabRoom = (n: ModelNode): number => {
    const text = paperTabText(n.kind, n.delegationId ? delegationNames.get(n.delegationId) : undefined);
    const size = n.size ?? defaultNodeSize(n.kind);
    return text ? tabFigure({ x: 0, y: 0, w: size.width, h: size.height }, text).box.h + TAB_AIR : 0;
  };
  const degree = new Map<string, number>();
  for (const f of doc.flows)
    for (const end of new Set([f.source, f.target])) degree.set(end, (degree.get(end) ?? 0) + 1);
  for (const n of doc.nodes) {
    if (!n.size) {
      // Tall enough for the whole label as the figure wraps it.
      n.size = fittedNodeSize(n.kind, n.label, sizeForLabel(n.kind, n.label));
      // A box that many flows touch gets the height to keep their arrowheads apart (about half arrive on
      // each side); icons keep their drawn size.
      if (!ICON_KINDS.has(n.kind))
        n.size.height = Math.max(n.size.height, PORT_GAP * Math.ceil((degree.get(n.id) ?? 0) / 2) + 16);
    }
    if (!input.lanes[n.id]) throw new Error(`layout: node ${n.id} has no lane`);
  }
  for (const b of input.boundaries) {
    const members = b.members.map((id) => {
      const n = nodeById.get(id);
      if (!n) throw new Error(`layout: boundary ${b.id} lists unknown node ${id}`);
      if (input.lanes[id] !== b.lane) throw new Error(`layout: ${id} is in boundary ${b.id} but not in its lane`);
      return n;
    });
    const width = Math.max(...members.map((m) => m.size!.width)) + 2 * PAD;
    const height =
      BOUNDARY_HEADER +
      members.reduce((s, m) => s + m.size!.height + tabRoom(m), 0) +
      STACK_GAP * (members.length - 1) +
      PAD;
    units.push({ id: `B:${b.id}`, width, height, lane: b.lane, boundary: b });
    for (const m of members) unitOf.set(m.id, `B:${b.id}`);
  }
  for (const n of doc.nodes) {
    if (unitOf.has(n.id)) continue;
    // A contractor's tab is part of what it covers: ELK keeps the node above clear of it.
    const tab = tabRoom(n);
    units.push({ id: n.id, width: n.size!.width, height: n.size!.height + tab, lane: input.lanes[n.id] as LaneKind });
    unitOf.set(n.id, n.id);
  }

  const edges = new Map<string, { id: string; sources: string[]; targets: string[] }>();
  for (const f of doc.flows) {
    const s = unitOf.get(f.source);
    const t = unitOf.get(f.target);
    if (!s || !t || s === t) continue;
    const key = `${s}>${t}`;
    if (!edges.has(key)) edges.set(key, { id: `e${edges.size}`, sources: [s], targets: [t] });
  }

  const graphWith = (nodeGap: number): ElkNode => ({
    id: "root",
    layoutOptions: elkOptions({ nodes: units.length, partitioned: true, nodeGap }),
    children: units.map((u) => ({
      id: u.id,
      width: u.width,
      height: u.height,
      layoutOptions: { "elk.partitioning.partition": String(LANE_ORDER.indexOf(u.lane)) },
    })),
    edges: [...edges.values()].map((e) => ({ ...e, sources: [...e.sources], targets: [...e.targets] })),
  });
  const elk = new ELK();
  let out = await elk.layout(graphWith(NODE_GAP));
  // A long, flat figure shrinks to nothing on a page: give the lanes more height instead (the width comes from
  // the number of layers, which spacing inside a layer does not change).
  const aspect = (out.width ?? 1) / Math.max(1, out.height ?? 1);
  if (aspect > WIDE) out = await elk.layout(graphWith(Math.round(NODE_GAP * Math.min(2.5, aspect / WIDE + 0.3))));
  const placed = new Map<string, { x: number; y: number }>();
  for (const c of out.children ?? []) placed.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });

  // Lanes in use, in order; each gets a horizontal offset so that lanes never touch.
  const used = LANE_ORDER.filter((l) => units.some((u) => u.lane === l));
  const shift = new Map<LaneKind, number>();
  used.forEach((l, i) => {
    shift.set(l, origin.x + PAD + i * (LANE_GAP + 2 * PAD));
  });

  // Members of a unit, with their offsets inside it (a boundary stacks its members below its header).
  const members = new Map<string, { node: ModelNode; dx: number; dy: number }[]>();
  for (const u of units) {
    if (!u.boundary) {
      const node = nodeById.get(u.id)!;
      members.set(u.id, [{ node, dx: 0, dy: tabRoom(node) }]);
      continue;
    }
    let dy = BOUNDARY_HEADER;
    const list = u.boundary.members.map((id) => {
      const node = nodeById.get(id)!;
      dy += tabRoom(node);
      const m = { node, dx: (u.width - node.size!.width) / 2, dy };
      dy += node.size!.height + STACK_GAP;
      return m;
    });
    members.set(u.id, list);
  }
  const boxes: LayoutBox[] = units.map((u) => {
    const p = placed.get(u.id) ?? { x: 0, y: 0 };
    return {
      id: u.id,
      x: p.x + (shift.get(u.lane) ?? 0),
      y: p.y,
      width: u.width,
      height: u.height,
      members: (members.get(u.id) ?? []).map((m) => ({ id: m.node.id, dx: m.dx, dy: m.dy, ...m.node.size! })),
      lane: u.lane,
    };
  });
  mergeColumns(boxes);
  spreadColumns(boxes, doc.flows);
  untangle(boxes, doc.flows);
  // Moving boxes up and down can free a column to merge with its neighbour.
  mergeColumns(boxes);
  spreadColumns(boxes, doc.flows);
  const top = Math.min(...boxes.map((b) => b.y));
  for (const b of boxes) b.y += origin.y + LANE_HEADER + PAD - top;
  const boxOf = new Map(boxes.map((b) => [b.id, b]));

  const groups: ModelGroup[] = [];
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + PAD;
  const laneId = (l: LaneKind) => `lane_${l}`;
  for (const l of used) {
    const rects = units.filter((u) => u.lane === l).map((u) => boxOf.get(u.id)!);
    const x0 = Math.min(...rects.map((r) => r.x)) - PAD;
    const x1 = Math.max(...rects.map((r) => r.x + r.width)) + PAD;
    groups.push({
      id: laneId(l),
      type: "lane",
      laneKind: l,
      label: input.laneLabels?.[l] ?? LANE_KINDS[l].ja,
      position: { x: Math.floor(x0), y: origin.y },
      size: { width: Math.ceil(x1 - x0) + 1, height: Math.ceil(bottom - origin.y) + 1 },
    });
  }

  for (const u of units) {
    const r = boxOf.get(u.id)!;
    for (const m of members.get(u.id) ?? []) {
      m.node.position = { x: Math.round(r.x + m.dx), y: Math.round(r.y + m.dy) };
      m.node.groupId = u.boundary ? u.boundary.id : laneId(u.lane);
    }
    if (!u.boundary) continue;
    const b = u.boundary;
    groups.push({
      id: b.id,
      type: "boundary",
      boundaryKind: b.kind,
      label: b.label,
      parentId: laneId(b.lane),
      position: { x: Math.floor(r.x), y: Math.floor(r.y) },
      size: { width: Math.ceil(r.width) + 1, height: Math.ceil(r.height) + 1 },
      note: b.note,
    });
  }
  doc.groups = groups;
  return doc;
}

interface LayoutBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  members: { id: string; dx: number; dy: number; width: number; height: number }[];
  /** The lane of the box; a gap between two lanes keeps room for both lanes' padding. */
  lane?: LaneKind;
}

/** Boxes whose horizontal extents overlap, as columns from left to right. */
function columnsOf(boxes: LayoutBox[]): LayoutBox[][] {
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  const columns: LayoutBox[][] = [];
  let right = Number.NEGATIVE_INFINITY;
  for (const b of sorted) {
    if (b.x >= right) columns.push([]);
    columns[columns.length - 1]!.push(b);
    right = Math.max(right, b.x + b.width);
  }
  return columns;
}

/**
 * ELK gives every layer of a lane its own column even when the nodes of two neighbouring layers lie at
 * different heights, which makes a long chain of systems very wide. Within a lane, a column whose boxes all
 * sit well above or below those of the column before it moves into that column.
 */
export function mergeColumns(boxes: LayoutBox[]): void {
  for (const lane of LANE_ORDER) {
    const cols = columnsOf(boxes.filter((b) => b.lane === lane));
    let i = 0;
    while (i + 1 < cols.length) {
      const here = cols[i]!;
      const next = cols[i + 1]!;
      const apart = next.every((b) =>
        here.every((a) => b.y >= a.y + a.height + NODE_GAP || a.y >= b.y + b.height + NODE_GAP),
      );
      if (!apart) {
        i++;
        continue;
      }
      const widest = here.reduce((w, a) => (a.width > w.width ? a : w));
      const centre = widest.x + widest.width / 2;
      for (const b of next) b.x = centre - b.width / 2;
      here.push(...next);
      cols.splice(i + 1, 1);
    }
  }
}

const MOVE_GAP = 40;

/**
 * Sets the gap between two neighbouring columns of boxes in proportion to the flows whose labels fall into it:
 * each brings a step label and a transport badge that need room beside the other flows' ones.
 */
export function spreadColumns(boxes: LayoutBox[], flows: { source: string; target: string }[]): void {
  const ownerBox = new Map<string, LayoutBox>();
  for (const b of boxes) for (const m of b.members) ownerBox.set(m.id, b);
  const columns = columnsOf(boxes);
  const columnOf = new Map<LayoutBox, number>();
  columns.forEach((c, i) => {
    for (const b of c) columnOf.set(b, i);
  });
  // Labels in a gap: the step label at the start of each flow leaving a column towards it, and the badge at the
  // middle of each flow whose middle falls into it. Flows only passing through need no room of their own.
  const crossing = new Array<number>(columns.length).fill(0);
  for (const f of flows) {
    const a = ownerBox.get(f.source);
    const b = ownerBox.get(f.target);
    if (!a || !b || a === b) continue;
    const ca = columnOf.get(a)!;
    const cb = columnOf.get(b)!;
    if (ca === cb) continue;
    crossing[ca < cb ? ca : ca - 1]!++;
    crossing[Math.floor((ca + cb - 1) / 2)]!++;
  }
  let push = 0;
  for (let k = 0; k + 1 < columns.length; k++) {
    const left = Math.max(...columns[k]!.map((b) => b.x + b.width));
    const next = columns[k + 1]!;
    for (const b of next) b.x += push;
    const gap = Math.min(...next.map((b) => b.x)) - left;
    const labels = Math.min(LAYER_GAP_MAX, LAYER_GAP + LAYER_GAP_PER_FLOW * crossing[k]!);
    const laneChange = columns[k]![0]!.lane !== next[0]!.lane;
    // Between lanes: both lanes' padding and the gap between them come on top.
    const want = laneChange ? labels + LANE_GAP + 2 * PAD : labels;
    for (const b of next) b.x += want - gap;
    push += want - gap;
  }
}

/**
 * Moves boxes up and down within their column so that fewer straight flow lines pass behind a node that is
 * not one of their ends. Greedy and local: each box tries a set of heights and keeps the best that overlaps
 * nothing; a few passes settle it. Only the lines that touch the moving box are recounted.
 */
export function untangle(boxes: LayoutBox[], flows: { source: string; target: string }[], passes = 4): void {
  const ownerBox = new Map<string, LayoutBox>();
  for (const b of boxes) for (const m of b.members) ownerBox.set(m.id, b);
  const memberRect = (b: LayoutBox, id: string) => {
    const m = b.members.find((x) => x.id === id)!;
    return { x: b.x + m.dx, y: b.y + m.dy, width: m.width, height: m.height };
  };
  const centre = (id: string) => {
    const b = ownerBox.get(id)!;
    const r = memberRect(b, id);
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  };
  const lines = flows.filter((f) => f.source !== f.target && ownerBox.has(f.source) && ownerBox.has(f.target));
  const incident = new Map<LayoutBox, typeof lines>();
  for (const f of lines)
    for (const b of new Set([ownerBox.get(f.source)!, ownerBox.get(f.target)!])) {
      const l = incident.get(b) ?? [];
      l.push(f);
      incident.set(b, l);
    }
  const hits = (f: (typeof lines)[number], b: LayoutBox) => {
    const p = centre(f.source);
    const q = centre(f.target);
    let n = 0;
    for (const m of b.members) {
      if (m.id === f.source || m.id === f.target) continue;
      if (segmentCrosses(p, q, memberRect(b, m.id))) n++;
    }
    return n;
  };
  // Cost that depends on box b: its lines against every box, and every other line against b.
  const localCost = (b: LayoutBox) => {
    let c = 0;
    const own = incident.get(b) ?? [];
    for (const f of own) {
      for (const other of boxes) c += hits(f, other);
      c += Math.abs(centre(f.source).y - centre(f.target).y) / 2000;
    }
    for (const f of lines) if (!own.includes(f)) c += hits(f, b);
    return c;
  };
  const free = (b: LayoutBox, y: number) =>
    boxes.every(
      (o) =>
        o === b ||
        o.x >= b.x + b.width + MOVE_GAP ||
        b.x >= o.x + o.width + MOVE_GAP ||
        o.y >= y + b.height + MOVE_GAP ||
        y >= o.y + o.height + MOVE_GAP,
    );
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    for (const b of boxes) {
      const y0 = b.y;
      let best = localCost(b);
      let bestY = y0;
      const candidates = new Set<number>();
      for (let k = -12; k <= 12; k++) candidates.add(y0 + k * 40);
      for (const f of incident.get(b) ?? []) {
        const other = ownerBox.get(f.source) === b ? f.target : f.source;
        const m = b.members.find((x) => x.id === (other === f.target ? f.source : f.target));
        if (m) candidates.add(centre(other).y - m.dy - m.height / 2);
      }
      for (const y of candidates) {
        if (y === y0 || !free(b, y)) continue;
        b.y = y;
        const c = localCost(b);
        if (c < best - 1e-9) {
          best = c;
          bestY = y;
        }
      }
      b.y = bestY;
      if (bestY !== y0) improved = true;
    }
    if (!improved) break;
  }
}

/** Does the segment p→q pass through the rectangle (shrunk a little, so that grazing a corner does not count)? */
export function segmentCrosses(
  p: { x: number; y: number },
  q: { x: number; y: number },
  r: { x: number; y: number; width: number; height: number },
  margin = 4,
): boolean {
  const x0 = r.x + margin;
  const y0 = r.y + margin;
  const x1 = r.x + r.width - margin;
  const y1 = r.y + r.height - margin;
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const sides: [number, number][] = [
    [p.x - x0, -dx],
    [x1 - p.x, dx],
    [p.y - y0, -dy],
    [y1 - p.y, dy],
  ];
  for (const [num, den] of sides) {
    if (den === 0) {
      if (num < 0) return false;
      continue;
    }
    const t = num / den;
    if (den < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
  }
  return t0 < t1;
}

/**
 * Lanes and boundaries as a document already has them (a node's lane is the lane above it; a boundary holds
 * the nodes whose innermost group it is), so that an existing diagram can be laid out again.
 */
export function layoutInputOf(doc: NagareDocument): LayoutInput {
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const laneOf = (groupId: string | undefined): LaneKind => {
    let cur = groupId ? groups.get(groupId) : undefined;
    for (let i = 0; cur && i < 32; i++) {
      if (cur.type === "lane" && cur.laneKind) return cur.laneKind;
      cur = cur.parentId ? groups.get(cur.parentId) : undefined;
    }
    return "other";
  };
  const lanes: Record<string, LaneKind> = {};
  const members = new Map<string, string[]>();
  for (const n of doc.nodes) {
    lanes[n.id] = laneOf(n.groupId);
    const g = n.groupId ? groups.get(n.groupId) : undefined;
    if (g?.type === "boundary") members.set(g.id, [...(members.get(g.id) ?? []), n.id]);
  }
  const boundaries: LayoutBoundary[] = [];
  for (const [id, ids] of members) {
    const g = groups.get(id)!;
    const lane = laneOf(g.parentId);
    // A boundary whose members sit in different lanes cannot be one block: its members are laid out alone.
    if (ids.some((m) => lanes[m] !== lane)) continue;
    boundaries.push({ id, kind: g.boundaryKind ?? "other", label: g.label, lane, members: ids, note: g.note });
  }
  const laneLabels: Partial<Record<LaneKind, string>> = {};
  for (const g of doc.groups) if (g.type === "lane" && g.laneKind) laneLabels[g.laneKind] = g.label;
  return { lanes, boundaries, laneLabels };
}
