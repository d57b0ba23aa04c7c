import type { SUFFICIENCY } from "../model";
import type { Mitigated } from "./evaluate";
import { SEVERITY_LABELS, SEVERITY_RANK } from "./severity";
import type { Bilingual, Finding } from "./types";

export type Sufficiency = (typeof SUFFICIENCY)[number];

export interface SufficiencySuggestion {
  value: Sufficiency;
  reason: Bilingual;
  open: number;
}

/**
 * A suggested 「リスクへの対策は十分か」 for one リスク, from its findings. Only a suggestion: the person
 * answering the 評価書 confirms it.
 *  - any open finding → 課題が残されている;
 *  - nothing open, and measures recorded on the diagram (safeguards that excluded a rule, or findings marked
 *    対応済み) at two or more places with nothing merely 許容 → 特に力を入れている;
 *  - otherwise → 十分である.
 */
export function suggestSufficiency(
  findings: readonly Finding[],
  riskId: string,
  mitigated: readonly Mitigated[] = [],
): SufficiencySuggestion {
  const mine = findings.filter((f) => f.riskId === riskId && f.category === "risk");
  const open = mine.filter((f) => f.status === "open");
  if (open.length > 0) {
    const worst = open.reduce(
      (w, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w),
      open[0].severity,
    );
    const label = SEVERITY_LABELS[worst];
    return {
      value: "課題が残されている",
      open: open.length,
      reason: {
        ja: `未対応の指摘が ${open.length} 件あります（最も高い重大度：${label.ja}）`,
        en: `${open.length} open finding(s) (highest severity: ${label.en})`,
      },
    };
  }
  const accepted = mine.filter((f) => f.status === "accepted").length;
  // Measures in place: findings resolved (by a safeguard on the diagram or a person), counted once per id.
  const measureIds = new Set(mine.filter((f) => f.status === "resolved").map((f) => f.id));
  for (const m of mitigated) if (m.riskId === riskId) measureIds.add(`${m.ruleId}:${m.elementId}`);
  const measures = measureIds.size;
  if (measures >= 2 && accepted === 0)
    return {
      value: "特に力を入れている",
      open: 0,
      reason: {
        ja: `未対応の指摘はなく、図に記録された対策が ${measures} か所で効いています`,
        en: `no open findings; recorded measures apply at ${measures} place(s)`,
      },
    };
  return {
    value: "十分である",
    open: 0,
    reason:
      accepted > 0
        ? {
            ja: `未対応の指摘はありません（理由を付けて許容したものが ${accepted} 件）`,
            en: `no open findings (${accepted} accepted with a justification)`,
          }
        : { ja: "未対応の指摘はありません", en: "no open findings" },
  };
}
