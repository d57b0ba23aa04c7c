import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createStandardLanes,
  ensureInitialized,
  laneConflict,
  moveIntoGroup,
  nodeRect,
  placeNode,
  type Rect,
  settleOverlaps,
} from "../../src/document";
import type { NagareDocument, NodeKind } from "../../src/model";
import { readModelTolerant } from "../../src/sync/doc-shape";

const read = (ydoc: Y.Doc) => readModelTolerant(ydoc).doc;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const overlapping = (doc: NagareDocument) =>
  doc.nodes.flatMap((a, i) =>
    doc.nodes
      .slice(i + 1)
      .filter((b) => overlap(nodeRect(a), nodeRect(b)))
      .map((b) => [a.label, b.label]),
  );
const inside = (r: Rect, g: Rect) =>
  r.x >= g.x && r.y >= g.y && r.x + r.width <= g.x + g.width && r.y + r.height <= g.y + g.height;

function withLanes(): Y.Doc {
  const ydoc = new Y.Doc();
  ensureInitialized(ydoc);
  createStandardLanes(ydoc, read(ydoc));
  return ydoc;
}

describe("placement by meaning", () => {
  it("puts each kind into its lane, in free space, growing the lane when it is full", () => {
    const ydoc = withLanes();
    const expected: [NodeKind, string][] = [
      ["person", "subject"],
      ["contractor", "contractor"],
      ["subcontractor", "contractor"],
      ["agency", "external"],
      ["system_external", "external"],
      ["department", "department"],
      ["system_own", "self"],
      ["terminal", "self"],
      ["store", "self"],
    ];
    for (const [kind] of expected) placeNode(ydoc, read(ydoc), kind);
    // Twelve more systems: more than the 自組織 lane holds.
    for (let i = 0; i < 12; i++) placeNode(ydoc, read(ydoc), "system_own");
    const doc = read(ydoc);
    for (const [kind, lane] of expected) {
      const n = doc.nodes.find((x) => x.kind === kind);
      expect(doc.groups.find((g) => g.id === n?.groupId)?.laneKind, kind).toBe(lane);
    }
    expect(overlapping(doc)).toEqual([]);
    const self = doc.groups.find((g) => g.laneKind === "self");
    expect(self?.size.height).toBeGreaterThan(720);
    for (const n of doc.nodes) {
      const g = doc.groups.find((x) => x.id === n.groupId);
      expect(g && inside(nodeRect(n), { ...g.position, ...g.size }), n.label).toBe(true);
    }
  });

  it("a drop goes where it was dropped unless taken, then to the nearest free place", () => {
    const ydoc = withLanes();
    const self = read(ydoc).groups.find((g) => g.laneKind === "self");
    if (!self) throw new Error("lane");
    const at = { x: self.position.x + 140, y: 300 };
    const a = placeNode(ydoc, read(ydoc), "system_own", { at });
    const b = placeNode(ydoc, read(ydoc), "system_own", { at });
    const doc = read(ydoc);
    expect(doc.nodes.find((n) => n.id === a.id)?.position).toEqual({ x: at.x - 75, y: at.y - 30 });
    expect(overlapping(doc)).toEqual([]);
    expect(doc.nodes.find((n) => n.id === b.id)?.groupId).toBe(self.id);
  });

  it("reports an element dropped into a lane of another party, and knows its home lane", () => {
    const ydoc = withLanes();
    const lanes = read(ydoc).groups;
    const self = lanes.find((g) => g.laneKind === "self");
    if (!self) throw new Error("lane");
    const p = placeNode(ydoc, read(ydoc), "person", { at: { x: self.position.x + 140, y: 200 } });
    expect(p.conflict?.expected).toBe("subject");
    expect(p.conflict?.home?.id).toBe(lanes.find((g) => g.laneKind === "subject")?.id);
    // A terminal takes the lane's party: no conflict.
    const t = placeNode(ydoc, read(ydoc), "terminal", { at: { x: self.position.x + 140, y: 400 } });
    expect(t.conflict).toBeNull();
    // Moving it home resolves it and puts it inside the 本人 lane.
    moveIntoGroup(ydoc, read(ydoc), p.id, p.conflict?.home?.id);
    const doc = read(ydoc);
    expect(laneConflict(doc, p.id)).toBeNull();
    const n = doc.nodes.find((x) => x.id === p.id);
    const home = doc.groups.find((g) => g.laneKind === "subject");
    if (!n || !home) throw new Error("missing");
    expect(inside(nodeRect(n), { ...home.position, ...home.size })).toBe(true);
    expect(overlapping(doc)).toEqual([]);
  });

  it("two people adding at once end up side by side, not on top of each other", () => {
    const a = withLanes();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const pa = placeNode(a, read(a), "system_own");
    const pb = placeNode(b, read(b), "system_own");
    const exchange = () => {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    };
    exchange();
    expect(overlapping(read(a))).toHaveLength(1);
    settleOverlaps(a, read(a), [pa.id]);
    settleOverlaps(b, read(b), [pb.id]);
    exchange();
    expect(overlapping(read(a))).toEqual([]);
    expect(read(a)).toEqual(read(b));
    // Exactly one of the two moved.
    const moved = read(a).nodes.filter((n) => n.position.y !== read(a).nodes[0]?.position.y);
    expect(moved.length).toBeLessThanOrEqual(1);
  });
});
