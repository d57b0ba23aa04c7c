import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { buildElkGraph, flattenElk, placeInLanes } from "../../src/canvas/layout/elk-graph";
import type { PositionWrite } from "../../src/document";
import { defaultNodeSize } from "../../src/document/geometry";
import { emptyDocument, type NagareDocument, type NodeKind } from "../../src/model";

function diagram(): NagareDocument {
  const doc = emptyDocument();
  const lane = (id: string, laneKind: "subject" | "self" | "external", x: number) =>
    doc.groups.push({
      id,
      type: "lane",
      laneKind,
      label: id,
      position: { x, y: 0 },
      size: { width: 200, height: 400 },
    });
  lane("L-subject", "subject", 0);
  lane("L-external", "external", 900); // stands right of 自組織 before layout
  lane("L-self", "self", 300);
  doc.groups.push({
    id: "B-net",
    type: "boundary",
    boundaryKind: "intranet",
    label: "庁内ネットワーク",
    parentId: "L-self",
    position: { x: 320, y: 40 },
    size: { width: 150, height: 150 },
  });
  const node = (id: string, kind: NodeKind, groupId: string) =>
    doc.nodes.push({
      id,
      kind,
      label: id,
      groupId,
      position: { x: 0, y: 0 },
      functions: [],
      safeguards: [],
      fileIds: [],
    });
  node("citizen", "person", "L-subject");
  node("counter", "staff", "L-self");
  node("app", "system_own", "B-net");
  node("db", "store", "B-net");
  node("pc", "terminal", "B-net");
  node("nws", "system_external", "L-external");
  const flow = (id: string, source: string, target: string) =>
    doc.flows.push({ id, source, target, carriesMyNumber: true, legalBasis: [], safeguards: [], fileIds: [] });
  flow("f1", "citizen", "counter");
  flow("f2", "counter", "pc");
  flow("f3", "pc", "app");
  flow("f4", "app", "db");
  flow("f5", "app", "nws");
  flow("f6", "nws", "app"); // a reply: a backward edge
  flow("f7", "db", "citizen"); // far backward
  return doc;
}

async function layout(doc: NagareDocument): Promise<Map<string, PositionWrite>> {
  const result = await new ELK().layout(buildElkGraph(doc));
  return new Map(placeInLanes(doc, flattenElk(result)).map((w) => [w.id, w]));
}

describe("auto layout", () => {
  it("keeps every node in its lane's column, lanes in their left-to-right order, members inside boundaries", async () => {
    const doc = diagram();
    const w = await layout(doc);
    const box = (id: string) => {
      const x = w.get(id);
      const n = doc.nodes.find((m) => m.id === id);
      const size = x?.size ?? (n ? defaultNodeSize(n.kind) : { width: 0, height: 0 });
      return { x: x?.position.x ?? Number.NaN, y: x?.position.y ?? Number.NaN, ...size };
    };
    const laneOf: Record<string, string> = {
      citizen: "L-subject",
      counter: "L-self",
      app: "L-self",
      db: "L-self",
      pc: "L-self",
      nws: "L-external",
    };
    for (const [id, laneId] of Object.entries(laneOf)) {
      const n = box(id);
      const l = box(laneId);
      expect(n.x).toBeGreaterThanOrEqual(l.x);
      expect(n.x + n.width).toBeLessThanOrEqual(l.x + l.width);
    }
    expect(box("L-subject").x).toBeLessThan(box("L-self").x);
    expect(box("L-self").x).toBeLessThan(box("L-external").x);
    // Lanes touch like table columns and share one height.
    expect(box("L-subject").x + box("L-subject").width).toBe(box("L-self").x);
    expect(box("L-subject").height).toBe(box("L-external").height);
    const net = box("B-net");
    for (const id of ["app", "db", "pc"]) {
      const n = box(id);
      expect(n.x).toBeGreaterThanOrEqual(net.x);
      expect(n.y).toBeGreaterThanOrEqual(net.y);
      expect(n.x + n.width).toBeLessThanOrEqual(net.x + net.width);
      expect(n.y + n.height).toBeLessThanOrEqual(net.y + net.height);
    }
    // No two nodes overlap.
    const ids = Object.keys(laneOf);
    for (const a of ids)
      for (const b of ids) {
        if (a >= b) continue;
        const p = box(a);
        const q = box(b);
        const apart = p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
        expect(apart, `${a} and ${b} overlap`).toBe(true);
      }
  });

  it("lays out only positions: labels, flows and membership are untouched", async () => {
    const doc = diagram();
    const w = await layout(doc);
    for (const write of w.values())
      expect(Object.keys(write).sort()).toEqual(expect.arrayContaining(["coll", "id", "position"]));
    expect(w.size).toBe(doc.nodes.length + doc.groups.length);
  });
});
