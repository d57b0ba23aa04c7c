import type { SUFFICIENCY } from "../model";
import type { Finding } from "../rules/types";
import type { DocFacts, FileScope } from "./facts";

/**
 * The suggested answer to 「リスクへの対策は十分か」 from the open findings of a risk. The findings engine's own
 * suggestion is used when it is passed in; otherwise: any open risk finding of medium severity or above →
 * 課題が残されている, else 十分である. 「特に力を入れている」 is never suggested: only a person can claim it.
 */

export interface SufficiencySuggestion {
  value: (typeof SUFFICIENCY)[number];
  open: Finding[];
  ja: string;
  en: string;
}

const RANK: Record<string, number> = { 特に力を入れている: 0, 十分である: 1, 課題が残されている: 2 };

export const matchesRisk = (findingRisk: string, risk: string) =>
  findingRisk === risk || findingRisk.startsWith(`${risk}.`);

/** Findings still open: the engine's status, overridden by a decision recorded in the document. */
export function openFindings(facts: DocFacts, findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => {
    const decided = facts.doc.decisions[f.id];
    if (decided) return false;
    return f.status === "open";
  });
}

/** Findings that concern a file: about its elements, or about the document as a whole. */
export function findingsInScope(facts: DocFacts, scope: FileScope | null, findings: readonly Finding[]): Finding[] {
  if (!scope || facts.files.length <= 1) return [...findings];
  const flowIds = new Set(scope.flows.map((f) => f.id));
  return findings.filter((f) => {
    if (f.elementKind === "node") return scope.nodeIds.has(f.elementId);
    if (f.elementKind === "flow") return flowIds.has(f.elementId);
    if (f.elementKind === "file") return f.elementId === scope.id;
    return true;
  });
}

function fromEngine(result: unknown): (typeof SUFFICIENCY)[number] | null {
  const pick = (s: unknown) => (typeof s === "string" && s in RANK ? (s as (typeof SUFFICIENCY)[number]) : null);
  if (typeof result === "string") return pick(result);
  if (result && typeof result === "object") {
    const r = result as Record<string, unknown>;
    return pick(r.value) ?? pick(r.choice) ?? pick(r.ja) ?? pick(r.suggestion);
  }
  return null;
}

export function suggestSufficiencyFor(
  findings: readonly Finding[],
  risks: readonly string[],
  engine?: (findings: Finding[], riskId: string) => unknown,
): SufficiencySuggestion {
  const open = findings.filter(
    (f) => f.status === "open" && f.category === "risk" && risks.some((r) => matchesRisk(f.riskId, r)),
  );
  let value: (typeof SUFFICIENCY)[number] = "十分である";
  let reason: { ja: string; en: string } | null = null;
  if (engine) {
    // The worst row wins; 「特に力を入れている」 only when every gathered risk earns it.
    const results = risks.map((r) => engine([...findings], r));
    const values = results.map(fromEngine).filter((v): v is (typeof SUFFICIENCY)[number] => v !== null);
    value = values.length && values.every((v) => v === "特に力を入れている") ? "特に力を入れている" : "十分である";
    for (const [i, v] of values.entries()) {
      if (v === "課題が残されている") value = v;
      const res = results[i] as { reason?: { ja: string; en: string } } | undefined;
      if (res?.reason && (v === value || !reason)) reason = res.reason;
    }
  } else if (open.some((f) => f.severity !== "low")) value = "課題が残されている";
  const incomplete = findings.filter(
    (f) => f.status === "open" && f.category === "incomplete" && risks.some((r) => matchesRisk(f.riskId, r)),
  );
  const titles = open.slice(0, 5).map((f) => f.title.ja);
  const titlesEn = open.slice(0, 5).map((f) => f.title.en);
  if (reason && open.length === 0) return { value, open, ja: reason.ja, en: reason.en };
  return {
    value,
    open,
    ja:
      open.length === 0
        ? `未対応の指摘はありません${incomplete.length ? `（未入力の指摘 ${incomplete.length} 件）` : ""}`
        : `未対応の指摘 ${open.length} 件：${titles.join("／")}${open.length > 5 ? " …" : ""}`,
    en:
      open.length === 0
        ? `no open findings${incomplete.length ? ` (${incomplete.length} incomplete-model findings)` : ""}`
        : `${open.length} open finding(s): ${titlesEn.join(" / ")}${open.length > 5 ? " …" : ""}`,
  };
}
