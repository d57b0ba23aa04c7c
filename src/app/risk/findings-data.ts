import { useMemo } from "react";
import type * as Y from "yjs";
import type { Decision, NagareDocument } from "../../model";
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
