import type { Phase, SafeguardKind } from "../model";
import type { EvalContext, FlowFacts, NodeFacts } from "./context";
import type { RiskId } from "./risks";
import type { Level } from "./severity";
import type { Bilingual, ElementKind, FindingCategory } from "./types";

/** One hit of a rule on one element, before the engine adds ids, titles and status. */
export interface Hit {
  elementKind: ElementKind;
  elementId: string;
  relatedIds?: string[];
  impact: Level;
  likelihood: Level;
  detail: Bilingual;
  /** When the risk depends on the flow's phase (e.g. a leak in 入手 vs in 提供). */
  riskId?: RiskId;
  phase?: Phase | "general";
  /** Safeguards present on the element(s); the engine drops the hit when one exclusion group is complete. */
  safeguards?: ReadonlySet<SafeguardKind>;
  /** Distinguishes two hits of one rule on one element (id becomes `${ruleId}:${elementId}:${suffix}`). */
  suffix?: string;
}

export type Emit = (hit: Hit) => void;

/** A rule: metadata (listed in reports as "what was checked") plus pure checks over derived facts. */
export interface RuleDef {
  id: string;
  title: Bilingual;
  /** What the rule detects. */
  explanation: Bilingual;
  /** Why it matters. */
  why: Bilingual;
  mitigation: Bilingual;
  /** Default phase and リスク; a hit may refine them from the flow's phase. */
  phase: Phase | "general";
  riskId: RiskId;
  category: FindingCategory;
  /** Safeguards that exclude a hit: any one group fully present on the flow or its nodes. */
  excludedBy: SafeguardKind[][];
  falsePositives: Bilingual;
  checkFlow?: (f: FlowFacts, ctx: EvalContext, emit: Emit) => void;
  checkNode?: (n: NodeFacts, ctx: EvalContext, emit: Emit) => void;
  /** Whole-model checks; must stay linear in the model size. */
  checkModel?: (ctx: EvalContext, emit: Emit) => void;
}

export function defineRule(rule: RuleDef): RuleDef {
  return rule;
}

/** The first exclusion group fully present, or null. */
export function excludingGroup(
  excludedBy: SafeguardKind[][],
  present: ReadonlySet<SafeguardKind> | undefined,
): SafeguardKind[] | null {
  if (!present || present.size === 0) return null;
  for (const group of excludedBy) if (group.length > 0 && group.every((s) => present.has(s))) return group;
  return null;
}

/** True when one exclusion group is fully present. */
export function isExcluded(excludedBy: SafeguardKind[][], present: ReadonlySet<SafeguardKind> | undefined): boolean {
  return excludingGroup(excludedBy, present) !== null;
}
