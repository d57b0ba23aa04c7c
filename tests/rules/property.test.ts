import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { rulesModel } from "../../bench/rules.bench";
import { writeDecision } from "../../src/app/risk/findings-data";
import { evaluateRules, isRiskId, RISKS } from "../../src/rules";
import { collection, readModel, ydocFromModel } from "../../src/sync/doc-shape";

describe("findings over generated models", () => {
  it("never throw, have unique ids, point at existing elements and known リスク, and are deterministic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 2, max: 60 }), (seed, n) => {
        const doc = rulesModel(n, n * 3, seed);
        const a = evaluateRules(doc);
        const ids = new Set(a.map((f) => f.id));
        expect(ids.size).toBe(a.length);
        const nodeIds = new Set(doc.nodes.map((x) => x.id));
        const flowIds = new Set(doc.flows.map((x) => x.id));
        for (const f of a) {
          expect(f.id.startsWith(`${f.ruleId}:${f.elementId}`)).toBe(true);
          expect(isRiskId(f.riskId)).toBe(true);
          if (f.elementKind === "node") expect(nodeIds.has(f.elementId)).toBe(true);
          if (f.elementKind === "flow") expect(flowIds.has(f.elementId)).toBe(true);
          expect(f.detail.ja.length && f.detail.en.length).toBeTruthy();
          if (f.category === "incomplete") expect(RISKS[f.riskId as "general"].phase).toBe("general");
          if (f.mitigatedBy) expect(f.status).toBe("resolved");
        }
        expect(JSON.stringify(evaluateRules(doc))).toBe(JSON.stringify(a));
      }),
      { numRuns: 40 },
    );
  });
});

describe("decisions through the shared document", () => {
  it("are written by id and stay attached while the graph is edited", () => {
    const ydoc = ydocFromModel(rulesModel(40, 120, 7));
    const first = readModel(ydoc);
    if (!first.ok) throw new Error("model invalid");
    const target = evaluateRules(first.doc).find((f) => f.status === "open" && f.category === "risk")!;
    expect(target).toBeDefined();

    expect(writeDecision(ydoc, target.id, { status: "accepted", justification: " " }).ok).toBe(false);
    expect(writeDecision(ydoc, target.id, { status: "accepted", justification: "運用で対処" }).ok).toBe(true);

    // Edit the graph: move and rename every node, add a node and a flow.
    ydoc.transact(() => {
      const nodes = collection(ydoc, "nodes");
      for (const [, el] of nodes) {
        const m = el as Y.Map<unknown>;
        m.set("position", { x: 5, y: 5 });
        m.set("label", `${m.get("label")}（改）`);
      }
      const n = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: "added", kind: "system_own", label: "追加", position: { x: 0, y: 0 } }))
        n.set(k, v);
      nodes.set("added", n);
      const f = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: "added-flow", source: "added", target: "n0", carriesMyNumber: true }))
        f.set(k, v);
      collection(ydoc, "flows").set("added-flow", f);
    });
    const after = readModel(ydoc);
    if (!after.ok) throw new Error(after.problems.map((p) => p.en).join("; "));
    const again = evaluateRules(after.doc).find((f) => f.id === target.id)!;
    expect(again.status).toBe("accepted");
    expect(again.decision?.justification).toBe("運用で対処");

    // Reopening removes the decision.
    writeDecision(ydoc, target.id, null);
    const reopened = readModel(ydoc);
    if (!reopened.ok) throw new Error("invalid");
    expect(evaluateRules(reopened.doc).find((f) => f.id === target.id)?.status).toBe("open");
  });
});
