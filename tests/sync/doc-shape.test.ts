import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadDocumentValue, type NagareDocument, serializeDocument } from "../../src/model";
import { collection, readModel, readModelTolerant, ydocFromModel } from "../../src/sync/doc-shape";
import { smallJimu } from "../model/fixtures";

const model = (): NagareDocument => {
  const r = loadDocumentValue(smallJimu());
  if (!r.ok) throw new Error("fixture invalid");
  return r.doc;
};

describe("the shared document shape", () => {
  it("round-trips a model through a Y.Doc and its binary update", () => {
    const doc = model();
    const a = ydocFromModel(doc);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const back = readModel(b);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    // Elements come back ordered by id; compare as sets through the canonical text.
    const sortById = (d: NagareDocument) => ({
      ...d,
      nodes: [...d.nodes].sort((x, y) => x.id.localeCompare(y.id)),
      flows: [...d.flows].sort((x, y) => x.id.localeCompare(y.id)),
      groups: [...d.groups].sort((x, y) => x.id.localeCompare(y.id)),
    });
    expect(serializeDocument(sortById(back.doc))).toBe(serializeDocument(sortById(doc)));
  });

  it("merges concurrent edits of different fields of one element", () => {
    const a = ydocFromModel(model());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    (collection(a, "nodes").get("sys") as Y.Map<unknown>).set("label", "新システム");
    (collection(b, "nodes").get("sys") as Y.Map<unknown>).set("position", { x: 1, y: 2 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const d of [a, b]) {
      const r = readModel(d);
      if (!r.ok) throw new Error("invalid");
      const sys = r.doc.nodes.find((n) => n.id === "sys");
      expect(sys?.label).toBe("新システム");
      expect(sys?.position).toEqual({ x: 1, y: 2 });
    }
  });

  it("keeps working when one user deletes a node while another draws a flow to it", () => {
    const a = ydocFromModel(model());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    collection(a, "nodes").delete("kokuho");
    collection(a, "flows").delete("f5");
    const flow = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ id: "late", source: "sys", target: "kokuho", carriesMyNumber: true }))
      flow.set(k, v);
    collection(b, "flows").set("late", flow);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readModel(a).ok).toBe(false); // strictly, the merged document has a dangling flow
    const t = readModelTolerant(a);
    expect(t.doc.flows.some((f) => f.id === "late")).toBe(false);
    expect(t.doc.nodes).toHaveLength(7);
    expect(t.dropped).toEqual([expect.objectContaining({ collection: "flows", id: "late" })]);
  });

  it("leaves out an element that another client wrote in an invalid shape, and keeps the rest", () => {
    const a = ydocFromModel(model());
    const bad = new Y.Map<unknown>();
    bad.set("id", "bad");
    bad.set("kind", "spaceship");
    collection(a, "nodes").set("bad", bad);
    const t = readModelTolerant(a);
    expect(t.doc.nodes).toHaveLength(8);
    expect(t.dropped[0]).toMatchObject({ collection: "nodes", id: "bad" });
  });
});
