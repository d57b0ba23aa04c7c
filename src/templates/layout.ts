import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import {
  LANE_KINDS,
  type LaneKind,
  type ModelGroup,
  type ModelNode,
  type NagareDocument,
  type NodeKind,
} from "../model";

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

const ICONS: ReadonlySet<NodeKind> = new Set(["person", "staff", "terminal", "media", "network_device", "disposal"]);

/** A node size that leaves room for its label (shapes wrap the label inside; icons carry it below). */
export function sizeForLabel(kind: NodeKind, label: string): { width: number; height: number } {
  const chars = [...label].length;
  if (ICONS.has(kind)) {
    const lines = Math.min(4, Math.max(1, Math.ceil(chars / 9)));
    return { width: 130, height: 64 + 16 * lines };
  }
  const lines = Math.min(5, Math.max(1, Math.ceil(chars / 11)));
  return { width: 180, height: Math.max(60, 26 + 17 * lines) };
}

const PAD = 24;
const LANE_HEADER = 44;
const LANE_GAP = 24;
const BOUNDARY_HEADER = 30;
const STACK_GAP = 18;

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

  for (const n of doc.nodes) {
    n.size = n.size ?? sizeForLabel(n.kind, n.label);
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
      BOUNDARY_HEADER + members.reduce((s, m) => s + m.size!.height, 0) + STACK_GAP * (members.length - 1) + PAD;
    units.push({ id: `B:${b.id}`, width, height, lane: b.lane, boundary: b });
    for (const m of members) unitOf.set(m.id, `B:${b.id}`);
  }
  for (const n of doc.nodes) {
    if (unitOf.has(n.id)) continue;
    units.push({ id: n.id, width: n.size!.width, height: n.size!.height, lane: input.lanes[n.id] as LaneKind });
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

  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.partitioning.activate": "true",
      "elk.separateConnectedComponents": "false",
      "elk.spacing.nodeNode": "36",
      "elk.layered.spacing.nodeNodeBetweenLayers": "70",
      "elk.spacing.edgeNode": "24",
      "elk.layered.spacing.edgeNodeBetweenLayers": "24",
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.randomSeed": "1",
    },
    children: units.map((u) => ({
      id: u.id,
      width: u.width,
      height: u.height,
      layoutOptions: { "elk.partitioning.partition": String(LANE_ORDER.indexOf(u.lane)) },
    })),
    edges: [...edges.values()],
  };
  const elk = new ELK();
  const out = await elk.layout(graph);
  const placed = new Map<string, { x: number; y: number }>();
  for (const c of out.children ?? []) placed.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });

  // Lanes in use, in order; each gets a horizontal offset so that lanes never touch.
  const used = LANE_ORDER.filter((l) => units.some((u) => u.lane === l));
  const shift = new Map<LaneKind, number>();
  used.forEach((l, i) => {
    shift.set(l, origin.x + PAD + i * (LANE_GAP + 2 * PAD));
  });
  const unitRect = (u: Unit) => {
    const p = placed.get(u.id) ?? { x: 0, y: 0 };
    return {
      x: p.x + (shift.get(u.lane) ?? 0),
      y: p.y + origin.y + LANE_HEADER + PAD,
      width: u.width,
      height: u.height,
    };
  };

  const groups: ModelGroup[] = [];
  const bottom = Math.max(...units.map((u) => unitRect(u).y + u.height)) + PAD;
  const laneId = (l: LaneKind) => `lane_${l}`;
  for (const l of used) {
    const rects = units.filter((u) => u.lane === l).map(unitRect);
    const x0 = Math.min(...rects.map((r) => r.x)) - PAD;
    const x1 = Math.max(...rects.map((r) => r.x + r.width)) + PAD;
    groups.push({
      id: laneId(l),
      type: "lane",
      laneKind: l,
      label: input.laneLabels?.[l] ?? LANE_KINDS[l].ja,
      position: { x: x0, y: origin.y },
      size: { width: x1 - x0, height: bottom - origin.y },
    });
  }

  for (const u of units) {
    const r = unitRect(u);
    if (!u.boundary) {
      const n = nodeById.get(u.id)!;
      n.position = { x: Math.round(r.x), y: Math.round(r.y) };
      n.groupId = laneId(u.lane);
      continue;
    }
    const b = u.boundary;
    groups.push({
      id: b.id,
      type: "boundary",
      boundaryKind: b.kind,
      label: b.label,
      parentId: laneId(b.lane),
      position: { x: Math.round(r.x), y: Math.round(r.y) },
      size: { width: Math.round(r.width), height: Math.round(r.height) },
      note: b.note,
    });
    let y = r.y + BOUNDARY_HEADER;
    for (const id of b.members) {
      const n = nodeById.get(id)!;
      n.position = { x: Math.round(r.x + (r.width - n.size!.width) / 2), y: Math.round(y) };
      n.groupId = b.id;
      y += n.size!.height + STACK_GAP;
    }
  }
  doc.groups = groups;
  return doc;
}

/** Rectangles of a laid-out document, for checks and thumbnails. */
export function rectOf(n: Pick<ModelNode, "position" | "size">) {
  const s = n.size ?? { width: 150, height: 60 };
  return { x: n.position.x, y: n.position.y, width: s.width, height: s.height };
}
