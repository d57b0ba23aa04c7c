import { useMemo } from "react";
import type * as Y from "yjs";
import { patchElement } from "../../document";
import type { Decision, NagareDocument, SafeguardKind } from "../../model";
import { decisionSchema } from "../../model";
import { type Evaluation, evaluateDetailed, type Finding } from "../../rules";
import { collection } from "../../sync/doc-shape";
import type { ElementIds } from "../editor/panels";

/** Findings of the current model, recomputed only when the model object changes. */
export function useEvaluation(model: NagareDocument | null): Evaluation | null {
  return useMemo(() => (model ? evaluateDetailed(model) : null), [model]);
}

/** The canvas ids of the elements findings point at (nodes, flows, groups). */
export function elementIdsOf(findings: readonly Finding[]): ElementIds {
  const nodes = new Set<string>();
  const flows = new Set<string>();
  const groups = new Set<string>();
  for (const f of findings) {
    if (f.elementKind === "node") nodes.add(f.elementId);
    else if (f.elementKind === "flow") flows.add(f.elementId);
    else if (f.elementKind === "group") groups.add(f.elementId);
  }
  return { nodes: [...nodes], flows: [...flows], groups: [...groups] };
}

export type DecisionWrite = { ok: true } | { ok: false; reason: { ja: string; en: string } };

/**
 * Records (or clears, with null) a person's decision on a finding in the shared document. The key is the
 * finding's deterministic id, so the decision stays attached when the graph is edited and recomputed.
 */
export function writeDecision(ydoc: Y.Doc, findingId: string, decision: Decision | null): DecisionWrite {
  if (decision === null) {
    ydoc.transact(() => collection(ydoc, "decisions").delete(findingId), "decision");
    return { ok: true };
  }
  if (decision.status === "accepted" && !decision.justification?.trim())
    return { ok: false, reason: { ja: "許容するには理由が必要です", en: "accepting needs a justification" } };
  const parsed = decisionSchema.safeParse(decision);
  if (!parsed.success)
    return {
      ok: false,
      reason: {
        ja: "記録の形式が正しくありません（理由が長すぎる等）",
        en: "invalid decision (justification too long?)",
      },
    };
  ydoc.transact(() => collection(ydoc, "decisions").set(findingId, parsed.data), "decision");
  return { ok: true };
}

/**
 * Records safeguards on the element a finding points at (the flow, or the node), keeping those already there.
 * This is the one-click "add the measure" of the findings panel; the rule then clears the finding itself.
 */
export function addSafeguards(
  ydoc: Y.Doc,
  model: NagareDocument,
  finding: Finding,
  kinds: readonly SafeguardKind[],
): DecisionWrite {
  const coll = finding.elementKind === "flow" ? "flows" : finding.elementKind === "node" ? "nodes" : null;
  const el =
    coll === "flows"
      ? model.flows.find((f) => f.id === finding.elementId)
      : model.nodes.find((n) => n.id === finding.elementId);
  if (!coll || !el) return { ok: false, reason: { ja: "対象の要素が見つかりません", en: "element not found" } };
  const have = new Set(el.safeguards.map((s) => s.kind));
  const next = [...el.safeguards, ...kinds.filter((k) => !have.has(k)).map((kind) => ({ kind }))];
  const r = patchElement(ydoc, coll, el.id, { safeguards: next }, `${el.id}:safeguards`);
  return r.ok ? { ok: true } : { ok: false, reason: { ja: r.problems[0]?.ja ?? "", en: r.problems[0]?.en ?? "" } };
}
