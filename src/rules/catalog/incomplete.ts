import type { FlowFacts } from "../context";
import type { RuleDef } from "../rule";
import type { Bilingual } from "../types";
import { flowHit, q } from "./shared";

/** Common parts of the incomplete-model rules: shown grey, counted under "general", never excluded. */
export const INCOMPLETE = {
  phase: "general",
  riskId: "general",
  category: "incomplete",
  excludedBy: [],
} as const satisfies Pick<RuleDef, "phase" | "riskId" | "category" | "excludedBy">;

/** A flow check that fires when `missing` says so; likelihood 1, impact from the data. */
export function incompleteFlow(missing: (f: FlowFacts) => boolean, detail: Bilingual): Pick<RuleDef, "checkFlow"> {
  return {
    checkFlow: (f, _ctx, emit) => {
      if (!missing(f)) return;
      emit(
        flowHit(
          f,
          { ja: `${q(f.label)}：${detail.ja}`, en: `${f.label}: ${detail.en}` },
          { likelihood: 1, riskId: "general", phase: "general", safeguards: undefined },
        ),
      );
    },
  };
}
