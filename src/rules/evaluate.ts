import type { Decision, NagareDocument, SafeguardKind } from "../model";
import { RULES } from "./catalog";
import { buildContext, type EvalContext } from "./context";
import { RISKS } from "./risks";
import { excludingGroup, type Hit, type RuleDef } from "./rule";
import { SEVERITY_RANK, severityOf } from "./severity";
import type { Finding, FindingStatus } from "./types";

/**
 * A rule hit that a safeguard cleared: evidence of a measure in place, used for 「十分か」. The same hit is
 * also in the findings, with status "resolved" and `mitigatedBy`.
 */
export interface Mitigated {
  ruleId: string;
  elementId: string;
  riskId: string;
}

export interface Evaluation {
  findings: Finding[];
  mitigated: Mitigated[];
}

/** The status a person's decision gives; 許容 without a justification does not count as decided. */
export function statusFrom(decision: Decision | undefined): FindingStatus {
  if (!decision) return "open";
  if (decision.status === "accepted" && !decision.justification?.trim()) return "open";
  return decision.status;
}

export function findingId(ruleId: string, elementId: string, suffix?: string): string {
  return suffix ? `${ruleId}:${elementId}:${suffix}` : `${ruleId}:${elementId}`;
}

function toFinding(rule: RuleDef, hit: Hit, doc: NagareDocument, mitigatedBy: SafeguardKind[] | null): Finding {
  const id = findingId(rule.id, hit.elementId, hit.suffix);
  const riskId = hit.riskId ?? rule.riskId;
  const decision = Object.hasOwn(doc.decisions, id) ? doc.decisions[id] : undefined;
  const finding: Finding = {
    id,
    ruleId: rule.id,
    elementKind: hit.elementKind,
    elementId: hit.elementId,
    relatedIds: hit.relatedIds ?? [],
    category: rule.category,
    severity: severityOf(hit.impact, hit.likelihood),
    impact: hit.impact,
    likelihood: hit.likelihood,
    phase: hit.phase ?? (riskId === rule.riskId ? rule.phase : RISKS[riskId].phase),
    riskId,
    title: rule.title,
    detail: hit.detail,
    mitigation: rule.mitigation,
    status: mitigatedBy ? "resolved" : statusFrom(decision),
  };
  if (decision) finding.decision = decision;
  if (mitigatedBy) finding.mitigatedBy = mitigatedBy;
  return finding;
}

/** Runs every rule once over facts built once: linear in the number of nodes, flows and groups. */
export function evaluateDetailed(doc: NagareDocument, rules: readonly RuleDef[] = RULES): Evaluation {
  const ctx: EvalContext = buildContext(doc);
  const findings: Finding[] = [];
  const mitigated: Mitigated[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const emit = (hit: Hit) => {
      const by = excludingGroup(rule.excludedBy, hit.safeguards);
      if (by) mitigated.push({ ruleId: rule.id, elementId: hit.elementId, riskId: hit.riskId ?? rule.riskId });
      const f = toFinding(rule, hit, doc, by);
      if (seen.has(f.id)) return; // one finding per rule and element
      seen.add(f.id);
      findings.push(f);
    };
    if (rule.checkFlow) for (const f of ctx.flows) rule.checkFlow(f, ctx, emit);
    if (rule.checkNode) for (const n of ctx.nodes.values()) rule.checkNode(n, ctx, emit);
    rule.checkModel?.(ctx, emit);
  }
  findings.sort(compareFindings);
  return { findings, mitigated };
}

/**
 * Every finding of the document, most severe first, in a stable order. Findings that safeguards clear are
 * included with status "resolved" and `mitigatedBy`; filter on status "open" for what still needs work.
 */
export function evaluateRules(doc: NagareDocument): Finding[] {
  return evaluateDetailed(doc).findings;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.category !== b.category) return a.category === "risk" ? -1 : 1;
  const s = SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
  if (s !== 0) return s;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
