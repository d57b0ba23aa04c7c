/**
 * The findings engine: rules over the model that spot unprotected transfers and gaps in the model, with
 * severities, the 評価書 リスク they belong to, and a person's decisions applied.
 */
export { RULES } from "./catalog";
export { buildContext, type EvalContext, type FlowFacts, type NodeFacts } from "./context";
export { csvCell, findingsCsv } from "./csv";
export {
  compareFindings,
  type Evaluation,
  evaluateDetailed,
  evaluateRules,
  findingId,
  type Mitigated,
  statusFrom,
} from "./evaluate";
export {
  isRiskId,
  RISK_IDS,
  RISK_SECTIONS,
  RISKS,
  type RiskDef,
  type RiskId,
  riskRowsFor,
  riskTitle,
  rowForRisk,
} from "./risks";
export { excludingGroup, isExcluded, type RuleDef } from "./rule";
export {
  atLeast,
  impactOf,
  type Level,
  likelihoodOf,
  SEVERITY_LABELS,
  SEVERITY_ORDER,
  SEVERITY_RANK,
  severityOf,
} from "./severity";
export { type Sufficiency, type SufficiencySuggestion, suggestSufficiency } from "./sufficiency";
export type * from "./types";

import { SEVERITY_RANK as RANK } from "./severity";
import type { Finding, FindingStatus, Severity } from "./types";

/** Open findings only (what colours the canvas and fails the lint). */
export const isOpen = (f: Finding) => f.status === "open";

/** The worst open severity per element id (flows and nodes), for colouring the canvas. */
export function worstByElement(findings: readonly Finding[], category: "risk" | "incomplete" | "any" = "risk") {
  const out = new Map<string, Severity>();
  for (const f of findings) {
    if (f.status !== "open" || (category !== "any" && f.category !== category)) continue;
    const cur = out.get(f.elementId);
    if (!cur || RANK[f.severity] > RANK[cur]) out.set(f.elementId, f.severity);
  }
  return out;
}

export const STATUS_LABELS: Record<FindingStatus, { ja: string; en: string }> = {
  open: { ja: "未対応", en: "Open" },
  resolved: { ja: "対応済み", en: "Resolved" },
  accepted: { ja: "許容", en: "Accepted" },
  not_applicable: { ja: "対象外", en: "Not applicable" },
};
