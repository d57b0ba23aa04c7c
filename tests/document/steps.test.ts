import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  applyRenumber,
  checkStepLabel,
  createUndoManager,
  ensureInitialized,
  flowsInStepOrder,
  renumberSteps,
} from "../../src/document";
import { emptyDocument, type NagareDocument } from "../../src/model";
import { readModelTolerant, writeModel } from "../../src/sync/doc-shape";

function doc(flows: { id: string; step?: string; sx?: number }[]): NagareDocument {
  const d = emptyDocument();
  for (const f of flows) {
    d.nodes.push({
      id: `s-${f.id}`,
      kind: "staff",
      label: f.id,
      position: { x: f.sx ?? 0, y: 0 },
      functions: [],
      safeguards: [],
      fileIds: [],
    });
    d.flows.push({
      id: f.id,
      source: `s-${f.id}`,
      target: `s-${f.id}`,
      ...(f.step ? { step: f.step } : {}),
      carriesMyNumber: null,
      legalBasis: [],
      safeguards: [],
      fileIds: [],
    });
  }
  return d;
}

describe("step order and renumbering", () => {
  it("orders as 備考 does: ① < ①-2 < ② < ⑩ < ㉑, unlabelled last left to right", () => {
    const d = doc([
      { id: "a", step: "㉑" },
      { id: "b", step: "②" },
      { id: "c", sx: 500 },
      { id: "d", step: "①-2" },
      { id: "e", step: "⑩" },
      { id: "f", step: "①" },
      { id: "g", sx: 100 },
    ]);
    expect(flowsInStepOrder(d).map((f) => f.id)).toEqual(["f", "d", "b", "e", "a", "g", "c"]);
  });

  it("renumbers densely, keeps sub-numbers and shared labels, numbers the unlabelled after", () => {
    const d = doc([
      { id: "a", step: "③" },
      { id: "b", step: "③-2" },
      { id: "c", step: "⑦" },
      { id: "d", step: "⑦" },
      { id: "e", step: "⑫" },
      { id: "f", sx: 10 },
      { id: "g", sx: 5 },
    ]);
    const m = renumberSteps(d);
    expect(Object.fromEntries(m)).toEqual({ a: "①", b: "①-2", c: "②", d: "②", e: "③", g: "④", f: "⑤" });
  });

  it("numbers past twenty with the enclosed numbers ㉑ …", () => {
    const d = doc(Array.from({ length: 23 }, (_, i) => ({ id: `f${i}`, sx: i })));
    const m = renumberSteps(d);
    expect(m.get("f20")).toBe("㉑");
    expect(m.get("f22")).toBe("㉓");
  });

  it("is applied as one undo step", () => {
    const ydoc = new Y.Doc();
    ensureInitialized(ydoc);
    writeModel(ydoc, doc([{ id: "a", step: "⑤" }, { id: "b", step: "⑨" }, { id: "c" }]));
    const undo = createUndoManager(ydoc);
    expect(applyRenumber(ydoc, readModelTolerant(ydoc).doc)).toBe(3);
    expect(readModelTolerant(ydoc).doc.flows.map((f) => f.step)).toEqual(["①", "②", "③"]);
    undo.undo();
    expect(readModelTolerant(ydoc).doc.flows.map((f) => f.step)).toEqual(["⑤", "⑨", undefined]);
  });

  it("checks labels typed by a person", () => {
    expect(checkStepLabel("②-3")).toEqual({ ok: true, value: "②-3" });
    expect(checkStepLabel("  ")).toEqual({ ok: true, value: undefined });
    expect(checkStepLabel("hello world!")).toEqual({ ok: false, reason: "invalid" });
    expect(checkStepLabel("①".repeat(30))).toEqual({ ok: false, reason: "too_long" });
  });
});
