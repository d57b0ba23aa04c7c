import { PHASES } from "../model";
import { isRiskId, RISKS } from "./risks";
import { SEVERITY_LABELS } from "./severity";
import type { Finding, FindingStatus } from "./types";

const STATUS_JA: Record<FindingStatus, string> = {
  open: "未対応",
  resolved: "対応済み",
  accepted: "許容",
  not_applicable: "対象外",
};

/**
 * Spreadsheets run a cell that begins with = + - @ (or a tab or CR before one) as a formula: a label or a
 * typed 理由 such as "=HYPERLINK(…)" or "- 暗号化USB" must stay text. As OWASP advises for CSV injection,
 * such a cell gets a leading apostrophe and is quoted. The full-width forms (what a Japanese input method
 * types) are treated the same way, as a precaution.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export const csvCell = (v: string | number) => {
  let s = String(v);
  const formula = FORMULA_START.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The findings as a CSV table for Excel (UTF-8 with a BOM so that Japanese opens correctly), one row per
 * finding, Japanese columns first. The list a 第三者点検 reviewer or a vendor works through.
 */
export function findingsCsv(findings: readonly Finding[], opts: { bom?: boolean } = {}): string {
  const head = [
    "ID",
    "規則 / rule",
    "区分 / category",
    "重大度 / severity",
    "影響度 / impact",
    "発生可能性 / likelihood",
    "状態 / status",
    "段階 / phase",
    "リスク / risk",
    "リスク名",
    "対象 / element",
    "指摘",
    "finding",
    "対策",
    "mitigation",
    "解消した安全管理措置 / safeguards",
    "理由 / justification",
    "記録者 / by",
    "記録日時 / at",
  ];
  const rows = findings.map((f) => [
    f.id,
    f.ruleId,
    f.category === "incomplete" ? "不足 / incomplete" : "リスク / risk",
    `${SEVERITY_LABELS[f.severity].ja} / ${f.severity}`,
    f.impact,
    f.likelihood,
    `${STATUS_JA[f.status]} / ${f.status}`,
    f.phase === "general" ? "全般" : PHASES[f.phase].ja,
    f.riskId,
    isRiskId(f.riskId) ? RISKS[f.riskId].ja : "",
    `${f.elementKind}:${f.elementId}`,
    f.detail.ja,
    f.detail.en,
    f.mitigation.ja,
    f.mitigation.en,
    (f.mitigatedBy ?? []).join(" "),
    f.decision?.justification ?? "",
    f.decision?.by ?? "",
    f.decision?.at ?? "",
  ]);
  const body = [head, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");
  return `${opts.bom === false ? "" : "\uFEFF"}${body}\r\n`;
}
