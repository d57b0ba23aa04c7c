import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { toFlowGraph } from "../../src/canvas/binding";
import {
  connectNodes,
  copyPayload,
  createGroup,
  createNode,
  createPositionWriter,
  createStandardLanes,
  createUndoManager,
  deleteElements,
  ensureInitialized,
  groupMoveWrites,
  LOCAL_ORIGIN,
  pasteText,
  patchElement,
  putElement,
  QUIET,
  removeDropped,
  setLabel,
  transactLocal,
  updateMembership,
} from "../../src/document";
import { emptyDocument, LIMITS, type NagareDocument } from "../../src/model";
import { collection, readModelTolerant, writeModel } from "../../src/sync/doc-shape";

function fresh(): Y.Doc {
  const ydoc = new Y.Doc();
  ensureInitialized(ydoc);
  return ydoc;
}
const model = (ydoc: Y.Doc) => readModelTolerant(ydoc).doc;

function sample(): NagareDocument {
  const doc = emptyDocument("sample");
  doc.groups.push(
    {
      id: "lane-self",
      type: "lane",
      laneKind: "self",
      label: "自組織",
      position: { x: 200, y: 0 },
      size: { width: 300, height: 500 },
    },
    {
      id: "net",
      type: "boundary",
      boundaryKind: "intranet",
      label: "庁内ネットワーク",
      parentId: "lane-self",
      position: { x: 220, y: 60 },
      size: { width: 260, height: 200 },
    },
  );
  const node = (id: string, x: number, y: number, groupId?: string) => ({
    id,
    kind: "system_own" as const,
    label: id,
    position: { x, y },
    ...(groupId ? { groupId } : {}),
    functions: [],
    safeguards: [],
    fileIds: [],
  });
  doc.nodes.push(node("citizen", 0, 100), node("sys", 250, 100, "net"), node("db", 250, 300, "lane-self"));
  const flow = (id: string, source: string, target: string, step?: string) => ({
    id,
    source,
    target,
    ...(step ? { step } : {}),
    carriesMyNumber: true,
    legalBasis: [],
    safeguards: [],
    fileIds: [],
  });
  doc.flows.push(flow("f1", "citizen", "sys", "①"), flow("f2", "sys", "db", "②"));
  return doc;
}

describe("Y.Doc → React Flow", () => {
  it("puts groups first (parents before children) with parent-relative positions", () => {
    const g = toFlowGraph(sample());
    expect(g.nodes.map((n) => n.id)).toEqual(["lane-self", "net", "citizen", "sys", "db"]);
    const net = g.nodes.find((n) => n.id === "net");
    expect(net?.parentId).toBe("lane-self");
    expect(net?.position).toEqual({ x: 20, y: 60 });
    const sys = g.nodes.find((n) => n.id === "sys");
    expect(sys?.parentId).toBe("net");
    expect(sys?.position).toEqual({ x: 30, y: 40 });
    expect(g.nodes.find((n) => n.id === "citizen")?.parentId).toBeUndefined();
  });

  it("maps flows to edges with the handles that face each other", () => {
    const g = toFlowGraph(sample());
    const f1 = g.edges.find((e) => e.id === "f1");
    expect(f1).toMatchObject({
      source: "citizen",
      target: "sys",
      sourceHandle: "s-r",
      targetHandle: "t-l",
      type: "flow",
    });
    const f2 = g.edges.find((e) => e.id === "f2");
    expect(f2).toMatchObject({ sourceHandle: "s-b", targetHandle: "t-t" });
  });

  it("keeps view state out of the document: selection and drag positions only change the view", () => {
    const doc = sample();
    const g = toFlowGraph(doc, { selected: new Set(["sys", "f1"]), dragging: new Map([["citizen", { x: 5, y: 6 }]]) });
    expect(g.nodes.find((n) => n.id === "sys")?.selected).toBe(true);
    expect(g.edges.find((e) => e.id === "f1")?.selected).toBe(true);
    expect(g.nodes.find((n) => n.id === "citizen")?.position).toEqual({ x: 5, y: 6 });
    expect(doc.nodes.find((n) => n.id === "citizen")?.position).toEqual({ x: 0, y: 100 });
  });

  it("a flow to a node deleted by someone else is dropped at the boundary and reported", () => {
    const ydoc = fresh();
    writeModel(ydoc, sample());
    // Another user deletes "db" while f2 still points at it.
    collection(ydoc, "nodes").delete("db");
    const read = readModelTolerant(ydoc);
    expect(read.doc.flows.map((f) => f.id)).toEqual(["f1"]);
    expect(read.dropped.map((d) => d.id)).toContain("f2");
    expect(toFlowGraph(read.doc).edges.map((e) => e.id)).toEqual(["f1"]);
  });
});

describe("React Flow → Y.Doc", () => {
  it("writes validated elements with the local origin", () => {
    const ydoc = fresh();
    const origins: unknown[] = [];
    ydoc.on("afterTransaction", (tr) => origins.push(tr.origin));
    const id = createNode(ydoc, model(ydoc), "terminal", { x: 100, y: 100 });
    expect(origins.at(-1)).toBe(LOCAL_ORIGIN);
    const n = model(ydoc).nodes.find((x) => x.id === id);
    expect(n).toMatchObject({ kind: "terminal", label: "端末" });
  });

  it("refuses writes that break the schema and leaves the document unchanged", () => {
    const ydoc = fresh();
    const id = createNode(ydoc, model(ydoc), "store", { x: 0, y: 0 });
    const before = JSON.stringify(model(ydoc));
    const r = patchElement(ydoc, "nodes", id, { kind: "spaceship" });
    expect(r.ok).toBe(false);
    const long = setLabel(ydoc, "nodes", id, "あ".repeat(LIMITS.labelChars + 1));
    expect(long).toMatchObject({ ok: false, reason: "too_long" });
    expect(setLabel(ydoc, "nodes", id, "   ")).toMatchObject({ ok: false, reason: "empty" });
    expect(putElement(ydoc, "flows", { id: "bad", source: "x" }).ok).toBe(false);
    expect(JSON.stringify(model(ydoc))).toBe(before);
  });

  it("refuses a flow to a node that no longer exists", () => {
    const ydoc = fresh();
    const a = createNode(ydoc, model(ydoc), "person", { x: 0, y: 0 });
    expect(connectNodes(ydoc, model(ydoc), a, "gone")).toEqual({ ok: false, reason: "missing_end" });
    const b = createNode(ydoc, model(ydoc), "system_own", { x: 300, y: 0 });
    const r = connectNodes(ydoc, model(ydoc), a, b);
    expect(r.ok).toBe(true);
    expect(model(ydoc).flows[0]).toMatchObject({ source: a, target: b, carriesMyNumber: null });
  });

  it("patches only the changed keys, so that concurrent edits of different fields merge", () => {
    const a = fresh();
    writeModel(a, sample());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    patchElement(a, "flows", "f1", { transport: "post" });
    patchElement(b, "flows", "f1", { data: "申請書" });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const d of [a, b])
      expect(model(d).flows.find((f) => f.id === "f1")).toMatchObject({ transport: "post", data: "申請書" });
  });

  it("deleting a node takes its flows along; deleting a group keeps its members in the outer group", () => {
    const ydoc = fresh();
    writeModel(ydoc, sample());
    deleteElements(ydoc, model(ydoc), { groups: ["net"] });
    expect(model(ydoc).nodes.find((n) => n.id === "sys")?.groupId).toBe("lane-self");
    deleteElements(ydoc, model(ydoc), { nodes: ["sys"] });
    const m = model(ydoc);
    expect(m.flows).toEqual([]);
    expect(readModelTolerant(ydoc).dropped).toEqual([]);
  });

  it("moving a group moves everything inside it (positions are absolute)", () => {
    const writes = groupMoveWrites(sample(), "lane-self", { x: 300, y: 10 });
    const by = new Map(writes.map((w) => [w.id, w.position]));
    expect(by.get("lane-self")).toEqual({ x: 300, y: 10 });
    expect(by.get("net")).toEqual({ x: 320, y: 70 });
    expect(by.get("sys")).toEqual({ x: 350, y: 110 });
    expect(by.get("db")).toEqual({ x: 350, y: 310 });
    expect(by.has("citizen")).toBe(false);
  });

  it("membership follows the drop: innermost group under the centre, none outside", () => {
    const ydoc = fresh();
    writeModel(ydoc, sample());
    patchElement(ydoc, "nodes", "citizen", { position: { x: 240, y: 80 } });
    updateMembership(ydoc, model(ydoc), ["citizen"]);
    expect(model(ydoc).nodes.find((n) => n.id === "citizen")?.groupId).toBe("net");
    patchElement(ydoc, "nodes", "sys", { position: { x: 900, y: 900 } });
    updateMembership(ydoc, model(ydoc), ["sys"]);
    expect(model(ydoc).nodes.find((n) => n.id === "sys")?.groupId).toBeUndefined();
  });

  it("creating a node inside a lane sets its groupId", () => {
    const ydoc = fresh();
    const lane = createGroup(ydoc, model(ydoc), { type: "lane", laneKind: "subject" }, { x: 100, y: 300 });
    const n = createNode(ydoc, model(ydoc), "person", { x: 100, y: 300 });
    expect(model(ydoc).nodes.find((x) => x.id === n)?.groupId).toBe(lane);
  });
});

describe("undo", () => {
  it("undoes only local edits, never remote ones or loading", () => {
    const ydoc = fresh();
    const undo = createUndoManager(ydoc);
    const id = createNode(ydoc, model(ydoc), "person", { x: 0, y: 0 });
    // A remote update (another origin) arrives.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(ydoc));
    remote.transact(() => {
      const m = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: "r1", kind: "staff", label: "職員", position: { x: 1, y: 1 } }))
        m.set(k, v);
      collection(remote, "nodes").set("r1", m);
    }, "remote");
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(remote), "provider");
    expect(
      model(ydoc)
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual([id, "r1"].sort());
    undo.undo();
    expect(model(ydoc).nodes.map((n) => n.id)).toEqual(["r1"]);
    expect(undo.canUndo()).toBe(false);
  });

  it("one action is one undo step; one drag gesture is one step however many writes", () => {
    const ydoc = fresh();
    const undo = createUndoManager(ydoc);
    const a = createNode(ydoc, model(ydoc), "person", { x: 0, y: 0 });
    const b = createNode(ydoc, model(ydoc), "staff", { x: 300, y: 0 });
    const writer = createPositionWriter(ydoc, 80);
    writer.begin("drag:1");
    for (let i = 1; i <= 5; i++) {
      writer.push([{ coll: "nodes", id: a, position: { x: i * 10, y: 0 } }]);
      writer.flush();
    }
    expect(model(ydoc).nodes.find((n) => n.id === a)?.position.x).toBe(50);
    undo.undo();
    expect(model(ydoc).nodes.find((n) => n.id === a)?.position.x).not.toBe(50);
    expect(
      model(ydoc)
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual([a, b].sort());
    undo.undo();
    expect(model(ydoc).nodes.map((n) => n.id)).toEqual([a]);
  });

  it("typing into one field is one step; another field starts a new one", () => {
    const ydoc = fresh();
    const undo = createUndoManager(ydoc);
    const id = createNode(ydoc, model(ydoc), "store", { x: 0, y: 0 });
    for (const s of ["住", "住民", "住民票"]) patchElement(ydoc, "nodes", id, { purpose: s }, `${id}:purpose`);
    patchElement(ydoc, "nodes", id, { note: "メモ" }, `${id}:note`);
    undo.undo();
    expect(model(ydoc).nodes[0]).toMatchObject({ purpose: "住民票" });
    expect(model(ydoc).nodes[0]?.note).toBeUndefined();
    undo.undo();
    expect(model(ydoc).nodes[0]?.purpose).toBeUndefined();
  });

  it("a multi-element change in one transaction is undone at once", () => {
    const ydoc = fresh();
    writeModel(ydoc, sample());
    const undo = createUndoManager(ydoc);
    transactLocal(ydoc, () => {
      patchElement(ydoc, "flows", "f1", { step: "⑤" });
      patchElement(ydoc, "flows", "f2", { step: "⑥" });
    });
    undo.undo();
    expect(model(ydoc).flows.map((f) => f.step)).toEqual(["①", "②"]);
  });
});

describe("throttled position writes", () => {
  afterEach(() => vi.useRealTimers());
  it("writes at most once per interval during a drag and once more on flush", () => {
    vi.useFakeTimers();
    const ydoc = fresh();
    const id = createNode(ydoc, model(ydoc), "person", { x: 0, y: 0 });
    let writes = 0;
    ydoc.on("afterTransaction", (tr) => {
      if (tr.origin === LOCAL_ORIGIN) writes++;
    });
    const writer = createPositionWriter(ydoc, 80);
    writer.begin("drag");
    // 60 frames at ~16 ms: about 1 s of dragging.
    for (let i = 0; i < 60; i++) {
      writer.push([{ coll: "nodes", id, position: { x: i, y: i } }]);
      vi.advanceTimersByTime(16);
    }
    expect(writes).toBeGreaterThanOrEqual(10);
    expect(writes).toBeLessThanOrEqual(13);
    writer.push([{ coll: "nodes", id, position: { x: 500, y: 400 } }]);
    writer.flush();
    expect(model(ydoc).nodes[0]?.position).toEqual({ x: 500, y: 400 });
    const after = writes;
    vi.advanceTimersByTime(500);
    expect(writes).toBe(after);
  });

  it("marks the intermediate writes of a drag quiet for this editor, not the last one", () => {
    vi.useFakeTimers();
    const ydoc = fresh();
    const id = createNode(ydoc, model(ydoc), "person", { x: 0, y: 0 });
    const quiet: boolean[] = [];
    ydoc.on("afterTransaction", (tr) => {
      if (tr.origin === LOCAL_ORIGIN) quiet.push(tr.meta.get(QUIET) === true);
    });
    const writer = createPositionWriter(ydoc, 80);
    writer.begin("drag");
    writer.push([{ coll: "nodes", id, position: { x: 1, y: 1 } }]);
    vi.advanceTimersByTime(100);
    writer.push([{ coll: "nodes", id, position: { x: 2, y: 2 } }]);
    writer.flush();
    expect(quiet).toEqual([true, false]);
  });

  it("a position is written as one atomic {x, y} value", () => {
    const ydoc = fresh();
    const id = createNode(ydoc, model(ydoc), "person", { x: 0, y: 0 });
    const writer = createPositionWriter(ydoc);
    writer.push([{ coll: "nodes", id, position: { x: 12.345, y: 6 } }]);
    writer.flush();
    const m = collection(ydoc, "nodes").get(id) as Y.Map<unknown>;
    expect(m.get("position")).toEqual({ x: 12.3, y: 6 });
  });
});

describe("copy and paste", () => {
  it("pastes copies with fresh ids and the flows between them", () => {
    const ydoc = fresh();
    writeModel(ydoc, sample());
    const text = copyPayload(model(ydoc), { nodes: ["citizen", "sys"] });
    const r = pasteText(ydoc, model(ydoc), text, { x: 40, y: 40 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.nodes).toHaveLength(2);
    expect(r.flows).toHaveLength(1);
    const m = model(ydoc);
    expect(m.nodes).toHaveLength(5);
    const pasted = m.nodes.find((n) => n.id === r.nodes[0]);
    expect(pasted?.position).toEqual({ x: 40, y: 140 });
  });

  it("refuses garbage and invalid elements without writing anything", () => {
    const ydoc = fresh();
    writeModel(ydoc, sample());
    const before = JSON.stringify(model(ydoc));
    for (const text of [
      "hello",
      "{",
      "[]",
      JSON.stringify({ format: "nagare-clip", nodes: [{ id: "x", kind: "bogus" }] }),
    ]) {
      const r = pasteText(ydoc, model(ydoc), text, { x: 0, y: 0 });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]?.ja.length).toBeGreaterThan(0);
    }
    const long = JSON.stringify({
      format: "nagare-clip",
      nodes: [{ id: "x", kind: "person", label: "あ".repeat(LIMITS.labelChars + 1), position: { x: 0, y: 0 } }],
    });
    expect(pasteText(ydoc, model(ydoc), long, { x: 0, y: 0 }).ok).toBe(false);
    expect(JSON.stringify(model(ydoc))).toBe(before);
  });
});

describe("parallel flows", () => {
  it("spreads flows between the same two nodes apart, whichever way they run", () => {
    const doc = sample();
    doc.flows.push({
      id: "f3",
      source: "sys",
      target: "citizen",
      step: "③",
      carriesMyNumber: false,
      legalBasis: [],
      safeguards: [],
      fileIds: [],
    });
    const edges = toFlowGraph(doc).edges;
    const off = (id: string) => edges.find((e) => e.id === id)?.data?.offset ?? 0;
    expect(off("f1")).not.toBe(off("f3"));
    expect(off("f1") + off("f3")).toBe(0);
    expect(off("f2")).toBe(0);
  });
});

describe("repair", () => {
  it("removes what the tolerant reader left out, as one undoable step", () => {
    const ydoc = fresh();
    writeModel(ydoc, sample());
    const undo = createUndoManager(ydoc);
    collection(ydoc, "nodes").delete("db"); // someone else's delete, not undoable here
    const read = readModelTolerant(ydoc);
    expect(read.dropped.map((d) => d.id)).toEqual(["f2"]);
    expect(removeDropped(ydoc, read.dropped)).toBe(1);
    expect(readModelTolerant(ydoc).dropped).toEqual([]);
    undo.undo();
    expect(readModelTolerant(ydoc).dropped.map((d) => d.id)).toEqual(["f2"]);
  });
});

describe("委託事項 marking", () => {
  it("gives a contractor node the name of the delegated work it carries out", () => {
    const doc = sample();
    doc.delegations.push({ id: "d1", name: "入力業務", methods: [], fileIds: [] });
    const sys = doc.nodes.find((n) => n.id === "sys");
    if (sys) Object.assign(sys, { kind: "contractor", delegationId: "d1" });
    const n = toFlowGraph(doc).nodes.find((x) => x.id === "sys");
    expect(n?.type === "kind" && n.data.delegation).toBe("入力業務");
  });
});

describe("self loops", () => {
  it("a flow from a node to itself leaves on the right and enters on top", () => {
    const doc = sample();
    doc.flows.push({
      id: "loop",
      source: "db",
      target: "db",
      step: "⑩",
      carriesMyNumber: true,
      legalBasis: [],
      safeguards: [],
      fileIds: [],
    });
    const e = toFlowGraph(doc).edges.find((x) => x.id === "loop");
    expect(e).toMatchObject({ sourceHandle: "s-r", targetHandle: "t-t" });
  });
});

describe("standard lanes", () => {
  it("adds the usual five lanes side by side, right of what exists, as one undo step", () => {
    const ydoc = fresh();
    writeModel(ydoc, sample());
    const undo = createUndoManager(ydoc);
    const ids = createStandardLanes(ydoc, model(ydoc));
    const m = model(ydoc);
    const lanes = ids.map((id) => m.groups.find((g) => g.id === id));
    expect(lanes.map((l) => l?.laneKind)).toEqual(["subject", "contractor", "self", "department", "external"]);
    expect(lanes.every((l, i) => i === 0 || (l?.position.x ?? 0) > (lanes[i - 1]?.position.x ?? 0))).toBe(true);
    expect(lanes[0]?.position.x).toBeGreaterThan(500);
    undo.undo();
    expect(model(ydoc).groups).toHaveLength(2);
  });
});
