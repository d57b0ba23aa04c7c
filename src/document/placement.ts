import type * as Y from "yjs";
import { KIND_DEFAULT_PARTY } from "../derive/parties";
import {
  LANE_KINDS,
  type LaneKind,
  type ModelGroup,
  type NagareDocument,
  NODE_KINDS,
  type NodeKind,
  type Party,
} from "../model";
import {
  center,
  contains,
  defaultNodeSize,
  groupRect,
  groupSubtree,
  innermostGroupAt,
  nodeRect,
  type Point,
  type Rect,
} from "./geometry";
import { newId } from "./ids";
import { transactLocal } from "./transact";
import { patchElement, putElement } from "./write";

/**
 * Placement by meaning. A new element goes to the lane its kind belongs to (本人 → 本人 lane, 委託先 → 委託先
 * lane, 他機関 → 他機関 lane, a system → 自組織), into free space, never on top of another element. Membership
 * decides 所属 and so the 区分 of every flow, so it is never assigned silently: callers show where an element
 * went, and an element put where its kind does not belong is reported (laneConflict).
 */

/** Lanes whose party a kind's own party matches (a subcontractor sits in the 委託先 lane). */
const LANE_OF_PARTY: Partial<Record<Party, LaneKind>> = {
  subject: "subject",
  self: "self",
  contractor: "contractor",
  subcontractor: "contractor",
  self_department: "department",
  external: "external",
};

/** The lane a kind belongs to. Kinds without an owner of their own (terminal, paper, store …) go to 自組織. */
export function homeLaneKind(kind: NodeKind): LaneKind {
  const party = KIND_DEFAULT_PARTY[kind];
  return (party && LANE_OF_PARTY[party]) || "self";
}

/** The lane a group is, or sits in (null outside every lane). */
export function laneOf(doc: NagareDocument, groupId: string | undefined): ModelGroup | null {
  const byId = new Map(doc.groups.map((g) => [g.id, g]));
  let cur = groupId ? byId.get(groupId) : undefined;
  for (let i = 0; cur && i < 64; i++) {
    if (cur.type === "lane") return cur;
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return null;
}

export interface LaneConflict {
  /** The lane the element sits in. */
  lane: ModelGroup;
  /** The kind of lane it belongs to, and that lane if the drawing has one. */
  expected: LaneKind;
  home: ModelGroup | null;
}

/**
 * An element whose kind has a party of its own (本人, 委託先, 他機関, a system …) sitting in a lane of another
 * party: the lane would decide its 所属. An owner recorded on the node settles it, and kinds without a party of
 * their own (terminal, medium, store) take the lane's party without conflict.
 */
export function laneConflict(doc: NagareDocument, nodeId: string): LaneConflict | null {
  const n = doc.nodes.find((x) => x.id === nodeId);
  if (!n || n.owner?.party) return null;
  const party = KIND_DEFAULT_PARTY[n.kind];
  const lane = laneOf(doc, n.groupId);
  if (!party || !lane?.laneKind) return null;
  const laneParty = LANE_KINDS[lane.laneKind].party;
  if (!laneParty || laneParty === party) return null;
  const expected = homeLaneKind(n.kind);
  return { lane, expected, home: doc.groups.find((g) => g.type === "lane" && g.laneKind === expected) ?? null };
}

const GAP = 24;
const HEADER = 44;

const overlaps = (a: Rect, b: Rect, gap = GAP) =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

/** What a new element in `group` must keep clear of: every element, and the boundaries drawn inside the group. */
function obstacles(doc: NagareDocument, groupId: string | undefined, except?: string): Rect[] {
  const inside = groupId ? groupSubtree(doc, groupId) : new Set<string>();
  const out = doc.nodes.filter((n) => n.id !== except).map(nodeRect);
  for (const g of doc.groups) {
    if (g.id === groupId) continue;
    // Boundaries nested in the target, and, outside any group, every group: a new element must not fall in.
    if (inside.has(g.id) || !groupId) out.push(groupRect(g));
  }
  return out;
}

/**
 * The free top-left corner for a box of `size` inside `area` that costs least (`cost` of the corner), on a
 * 10 px grid; null when the area has no room.
 */
function freeCorner(
  area: Rect,
  size: { width: number; height: number },
  blocked: Rect[],
  cost: (p: Point) => number,
  origin: Point = area,
): Point | null {
  // The grid passes through `origin`, so that a wished place that is free is taken exactly.
  const x0 = area.x + ((((origin.x - area.x) % 10) + 10) % 10);
  const y0 = area.y + ((((origin.y - area.y) % 10) + 10) % 10);
  let best: Point | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  const near = blocked.filter((b) => overlaps(b, area, GAP + 10));
  for (let y = y0; y + size.height <= area.y + area.height; y += 10)
    for (let x = x0; x + size.width <= area.x + area.width; x += 10) {
      const c = cost({ x, y });
      if (c >= bestCost) continue;
      const r = { x, y, ...size };
      if (near.some((b) => overlaps(r, b))) continue;
      best = { x, y };
      bestCost = c;
    }
  return best;
}

export interface Spot {
  position: Point;
  groupId?: string;
  /** A lane that had to grow to make room (its new height). */
  grow?: { id: string; height: number };
}

/**
 * Where a new element of `kind` goes without a point given (palette click, keyboard): its home lane, from the
 * top, centred in the column; below the lane's last element (growing the lane) when it is full. Without a home
 * lane: free space to the right of everything near `fallback`.
 */
export function spotInHomeLane(doc: NagareDocument, kind: NodeKind, fallback: Point, except?: string): Spot {
  const size = defaultNodeSize(kind);
  const lane = doc.groups.find((g) => g.type === "lane" && g.laneKind === homeLaneKind(kind));
  if (!lane) return { position: spotNear(doc, undefined, size, fallback, except) };
  return spotInGroup(doc, lane, size, except);
}

/** Free space inside a group, from its top, centred; the group grows downwards when it is full. */
export function spotInGroup(
  doc: NagareDocument,
  group: ModelGroup,
  size: { width: number; height: number },
  except?: string,
): Spot {
  const r = groupRect(group);
  const area = { x: r.x + 10, y: r.y + HEADER, width: r.width - 20, height: r.height - HEADER - 10 };
  const mid = r.x + r.width / 2 - size.width / 2;
  const blocked = obstacles(doc, group.id, except);
  const p = freeCorner(area, size, blocked, (q) => q.y * 4 + Math.abs(q.x - mid));
  if (p) return { position: p, groupId: group.id };
  // Full: below the lowest thing inside, and the group grows to hold it.
  const lowest = Math.max(
    area.y,
    ...blocked.filter((b) => contains(r, center(b))).map((b) => b.y + b.height + GAP + 6),
  );
  const position = { x: Math.round(mid / 10) * 10, y: Math.ceil(lowest / 10) * 10 };
  const height = Math.ceil(position.y + size.height + 30 - r.y);
  return { position, groupId: group.id, grow: { id: group.id, height } };
}

/** The free place nearest to a wished top-left corner, inside `group` (or anywhere when none). */
export function spotNear(
  doc: NagareDocument,
  group: ModelGroup | undefined,
  size: { width: number; height: number },
  wish: Point,
  except?: string,
): Point {
  const blocked = obstacles(doc, group?.id, except);
  const gr = group ? groupRect(group) : null;
  const area = gr
    ? { x: gr.x + 4, y: gr.y + (group?.type === "lane" ? HEADER : 28), width: gr.width - 8, height: gr.height - 32 }
    : { x: wish.x - 900, y: wish.y - 600, width: 1800 + size.width, height: 1200 + size.height };
  const d = (p: Point) => Math.hypot(p.x - wish.x, p.y - wish.y);
  const p = freeCorner(area, size, blocked, d, wish);
  return p ?? { x: Math.round(wish.x), y: Math.round(wish.y) };
}

export interface Placed {
  id: string;
  groupId?: string;
  conflict: LaneConflict | null;
}

/**
 * Adds an element. With `at` (a drop or a double-click) it goes there, moved to the nearest free place, and
 * belongs to the group under that point; without, to its home lane. One undo step named `place:<id>`.
 */
export function placeNode(
  ydoc: Y.Doc,
  doc: NagareDocument,
  kind: NodeKind,
  opts: { at?: Point; fallback?: Point; lang?: "ja" | "en" } = {},
): Placed {
  const size = defaultNodeSize(kind);
  const id = newId("n");
  let spot: Spot;
  if (opts.at) {
    const group = innermostGroupAt(doc, opts.at) ?? undefined;
    const wish = { x: opts.at.x - size.width / 2, y: opts.at.y - size.height / 2 };
    spot = { position: spotNear(doc, group, size, wish), ...(group ? { groupId: group.id } : {}) };
  } else spot = spotInHomeLane(doc, kind, opts.fallback ?? { x: 0, y: 0 });
  const node: Record<string, unknown> = {
    id,
    kind,
    label: NODE_KINDS[kind][opts.lang ?? "ja"],
    position: { x: Math.round(spot.position.x), y: Math.round(spot.position.y) },
  };
  if (spot.groupId) node.groupId = spot.groupId;
  transactLocal(
    ydoc,
    () => {
      if (spot.grow) growGroup(ydoc, doc, spot.grow);
      putElement(ydoc, "nodes", node as { id: string });
    },
    `place:${id}`,
  );
  const after = { ...doc, nodes: [...doc.nodes, node as unknown as NagareDocument["nodes"][number]] };
  return { id, ...(spot.groupId ? { groupId: spot.groupId } : {}), conflict: laneConflict(after, id) };
}

function growGroup(ydoc: Y.Doc, doc: NagareDocument, grow: { id: string; height: number }) {
  const g = doc.groups.find((x) => x.id === grow.id);
  if (g && grow.height > g.size.height)
    patchElement(ydoc, "groups", g.id, { size: { width: g.size.width, height: grow.height } });
}

/**
 * Moves a node into a group (chosen in the inspector, or "move to its lane"): it gets the membership and a
 * free place inside the group, so that what is drawn and what is recorded agree. Leaving every group keeps
 * the position unless it still lies inside one. One undo step.
 */
export function moveIntoGroup(ydoc: Y.Doc, doc: NagareDocument, nodeId: string, groupId: string | undefined): boolean {
  const n = doc.nodes.find((x) => x.id === nodeId);
  if (!n) return false;
  const group = groupId ? doc.groups.find((g) => g.id === groupId) : undefined;
  if (groupId && !group) return false;
  const r = nodeRect(n);
  const size = { width: r.width, height: r.height };
  let position: Point | undefined;
  let grow: Spot["grow"];
  if (group) {
    if (innermostGroupAt(doc, center(r))?.id !== group.id) {
      const s = spotInGroup(doc, group, size, nodeId);
      position = s.position;
      grow = s.grow;
    }
  } else if (innermostGroupAt(doc, center(r))) {
    // Out of every group: to the right of all groups, at the same height.
    const right = Math.max(...doc.groups.map((g) => g.position.x + g.size.width));
    position = spotNear(doc, undefined, size, { x: right + 60, y: r.y }, nodeId);
  }
  transactLocal(ydoc, () => {
    if (grow) growGroup(ydoc, doc, grow);
    patchElement(ydoc, "nodes", nodeId, { groupId, ...(position ? { position } : {}) });
  });
  return true;
}

/**
 * Two people adding at the same moment may pick the same free place. Each editor moves only its own recent
 * elements, and of two overlapping elements only the one with the larger id moves, so both editors agree on
 * who gives way and the result converges. Returns the new positions of the elements moved.
 */
export function settleOverlaps(ydoc: Y.Doc, doc: NagareDocument, mine: Iterable<string>): Map<string, Point> {
  const moved = new Map<string, Point>();
  let current = doc;
  for (const id of mine) {
    const n = current.nodes.find((x) => x.id === id);
    if (!n) continue;
    const r = nodeRect(n);
    const clash = current.nodes.some((o) => o.id !== id && o.id < id && overlaps(r, nodeRect(o), 0));
    if (!clash) continue;
    const group = n.groupId ? current.groups.find((g) => g.id === n.groupId) : undefined;
    const size = { width: r.width, height: r.height };
    const spot = group
      ? spotInGroup(current, group, size, id)
      : { position: spotNear(current, undefined, size, r, id) };
    transactLocal(
      ydoc,
      () => {
        if (spot.grow) growGroup(ydoc, current, spot.grow);
        patchElement(ydoc, "nodes", id, { position: spot.position });
      },
      `place:${id}`,
    );
    current = {
      ...current,
      nodes: current.nodes.map((x) => (x.id === id ? { ...x, position: spot.position } : x)),
    };
    moved.set(id, spot.position);
  }
  return moved;
}
