import type { NagareDocument } from "../model";
import type { Finding } from "../rules/types";
import type { Decoration } from "./binding";

/**
 * Findings on the canvas. The findings engine (src/rules/index.ts, `evaluateRules(doc)`) is loaded when it
 * is present in the build; without it the canvas simply shows no findings.
 */
type RulesModule = { evaluateRules: (doc: NagareDocument) => Finding[] };
const candidates = import.meta.glob<RulesModule>("../rules/index.ts");

let loading: Promise<RulesModule | null> | null = null;
export function loadRules(): Promise<RulesModule | null> {
  if (!loading) {
    const load = Object.values(candidates)[0];
    loading = load
      ? load()
          .then((m) => (typeof m.evaluateRules === "function" ? m : null))
          .catch(() => null)
      : Promise.resolve(null);
  }
  return loading;
}

export function rulesAvailable(): boolean {
  return Object.keys(candidates).length > 0;
}

/** The status a finding has once the person's decision (doc.decisions) is applied. */
export function effectiveStatus(f: Finding, doc: NagareDocument): Finding["status"] {
  return doc.decisions[f.id]?.status ?? f.status;
}

export type Tone = NonNullable<Decoration["tone"]>;

/**
 * Colour of each element by its worst open finding: red for critical/high, amber for medium/low, grey for
 * an incomplete model, green when every finding on it has been decided. Also the count of open findings.
 */
export function tonesByElement(findings: Finding[], doc: NagareDocument): Map<string, { tone: Tone; count: number }> {
  const rank: Record<Tone, number> = { green: 0, grey: 1, amber: 2, red: 3 };
  const out = new Map<string, { tone: Tone; count: number }>();
  for (const f of findings) {
    const open = effectiveStatus(f, doc) === "open";
    const tone: Tone = !open
      ? "green"
      : f.category === "incomplete"
        ? "grey"
        : f.severity === "critical" || f.severity === "high"
          ? "red"
          : "amber";
    for (const id of [f.elementId]) {
      const cur = out.get(id);
      if (!cur) out.set(id, { tone, count: open ? 1 : 0 });
      else {
        if (rank[tone] > rank[cur.tone]) cur.tone = tone;
        if (open) cur.count++;
      }
    }
  }
  return out;
}
