import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  applyRenumber,
  checkStepLabel,
  createUndoManager,
  ensureInitialized,
  flowsInChainOrder,
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

describe("renumbering by the chain of flows", () => {
  const node = (
    id: string,
    kind: "person" | "staff" | "system_own" | "contractor" | "store",
    x: number,
    y: number,
  ) => ({
    id,
    kind,
    label: id,
    position: { x, y },
    functions: [],
    safeguards: [],
    fileIds: [],
  });
  const flow = (id: string, source: string, target: string, extra: Record<string, unknown> = {}) => ({
    id,
    source,
    target,
    carriesMyNumber: null,
    legalBasis: [],
    safeguards: [],
    fileIds: [],
    ...extra,
  });
  function story(): NagareDocument {
    const d = emptyDocument();
    // Drawn so that reading by position would number 委託 before the staff's input.
    d.nodes.push(
      node("本人", "person", 0, 400),
      node("委託先", "contractor", 100, 0),
      node("職員", "staff", 700, 500),
      node("システム", "system_own", 400, 200),
      node("DB", "store", 400, 600),
    );
    d.flows.push(
      flow("toContractor", "システム", "委託先", { step: "②" }),
      flow("input", "職員", "システム", { step: "④" }),
      flow("apply", "本人", "職員"),
      flow("save", "システム", "DB"),
      flow("reply", "委託先", "システム"),
    );
    return d;
  }

  it("follows the flows from 本人, each branch to its end, targets top to bottom", () => {
    expect(flowsInChainOrder(story()).map((f) => f.id)).toEqual(["apply", "input", "toContractor", "reply", "save"]);
    expect(Object.fromEntries(renumberSteps(story()))).toEqual({
      apply: "①",
      input: "②",
      toContractor: "③",
      reply: "④",
      save: "⑤",
    });
  });

  it("keeps a pinned number and gives it to no other step", () => {
    const d = story();
    const pinned = d.flows.find((f) => f.id === "save");
    if (pinned) Object.assign(pinned, { step: "②", stepPinned: true });
    expect(Object.fromEntries(renumberSteps(d))).toEqual({
      apply: "①",
      input: "③",
      toContractor: "④",
      reply: "⑤",
      save: "②",
    });
  });

  it("without 本人 starts at the first 入手, and flows no chain reaches come after", () => {
    const d = story();
    d.nodes = d.nodes.filter((n) => n.id !== "本人");
    d.flows = d.flows.filter((f) => f.id !== "apply");
    // Whatever the graph decides about 入手, every flow is numbered exactly once.
    const order = flowsInChainOrder(d).map((f) => f.id);
    expect([...order].sort()).toEqual(["input", "reply", "save", "toContractor"]);
    expect(new Set(renumberSteps(d).values()).size).toBe(4);
  });
});
