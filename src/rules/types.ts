import type { GraphIndex } from "../derive";
import type { Decision, NagareDocument, Phase, SafeguardKind } from "../model";

/**
 * The contract of the findings engine. Each rule lives in its own file under src/rules/catalog/ as data
 * (metadata) plus a pure check over the model and its derived facts.
 */
export type Severity = "critical" | "high" | "medium" | "low";
/** Incomplete-model findings are shown grey: something is missing rather than unsafe. */
export type FindingCategory = "risk" | "incomplete";
export type FindingStatus = "open" | "resolved" | "accepted" | "not_applicable";
export type ElementKind = "node" | "flow" | "group" | "document" | "delegation" | "provision" | "file";

export interface Bilingual {
  ja: string;
  en: string;
}

export interface Finding {
  /** Deterministic: `${ruleId}:${elementId}` (plus a suffix when one rule fires twice on one element). */
  id: string;
  ruleId: string;
  elementKind: ElementKind;
  elementId: string;
  /** Other elements involved (e.g. both ends of a flow), for highlighting. */
  relatedIds: readonly string[];
  category: FindingCategory;
  severity: Severity;
  impact: 1 | 2 | 3 | 4;
  likelihood: 1 | 2 | 3 | 4;
  /** 評価書 phase and the リスク of section Ⅲ it belongs to (ids from src/sections, e.g. "III.2.risk4"). */
  phase: Phase | "general";
  riskId: string;
  title: Bilingual;
  detail: Bilingual;
  mitigation: Bilingual;
  status: FindingStatus;
  /** The person's decision recorded for this id, when there is one (who, when, justification). */
  decision?: Decision;
  /**
   * Set when safeguards on the element clear the rule: the finding is then "resolved" by the diagram itself
   * (shown green, listed as a measure in place) rather than by a person's decision.
   */
  mitigatedBy?: SafeguardKind[];
}

export interface RuleContext {
  doc: NagareDocument;
  index: GraphIndex;
}
