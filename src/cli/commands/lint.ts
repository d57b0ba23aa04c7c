import { PHASES } from "../../model";
import {
  atLeast,
  evaluateRules,
  type Finding,
  findingsCsv,
  isRiskId,
  RISKS,
  RULES,
  SEVERITY_LABELS,
  SEVERITY_ORDER,
  type Severity,
  STATUS_LABELS,
} from "../../rules";
import type { CliCommand, CliIo } from "../command";
import { loadModelFile } from "../load-file";

/**
 * `lint FILE [--format text|json] [--fail-on critical|high|medium|low|none]`
 *
 * Exit status: 0 no open finding at or above --fail-on (default high); 1 there is one; 2 usage error or an
 * invalid file (the validation problems are listed on stderr).
 *
 * JSON output (`--format json`), version 1. Keys are stable; new keys may be added, none removed or renamed:
 *   {
 *     "format": "nagare-lint", "version": 1,
 *     "file": string, "failOn": "critical"|"high"|"medium"|"low"|"none", "failed": boolean,
 *     "summary": { "total": n, "open": n,
 *                  "openBySeverity": { "critical": n, "high": n, "medium": n, "low": n },
 *                  "byStatus": { "open": n, "resolved": n, "accepted": n, "not_applicable": n },
 *                  "byCategory": { "risk": n, "incomplete": n } },
 *     "rulesChecked": [ { "id", "category", "riskId", "title": {ja, en} } ],
 *     "findings": [ { "id", "ruleId", "elementKind", "elementId", "relatedIds", "category", "severity",
 *                     "impact", "likelihood", "phase", "riskId", "risk": {ja, en}, "title": {ja, en},
 *                     "detail": {ja, en}, "mitigation": {ja, en}, "status", "mitigatedBy"?, "decision"? } ]
 *   }
 * A finding that safeguards on the diagram clear has status "resolved" and "mitigatedBy" (the safeguard ids).
 * Findings are ordered: risks before incomplete-model findings, then by severity, then by id.
 */

export const LINT_JSON_VERSION = 1;
const FAIL_ON = ["critical", "high", "medium", "low", "none"] as const;
type FailOn = (typeof FAIL_ON)[number];
const USAGE = "lint FILE [--format text|json|csv] [--fail-on critical|high|medium|low|none] | lint --rules";

/** Printed by `lint --help`: the contract vendors automate against. */
export const LINT_HELP = `使い方 / usage: ${USAGE}

終了コード / exit status
  0  --fail-on 以上の未対応の指摘なし / no open finding at or above --fail-on (default: high)
  1  --fail-on 以上の未対応の指摘あり / an open finding at or above --fail-on exists
  2  使い方の誤り・読めないファイル・不正なファイル（問題を場所つきで表示） / usage error, unreadable or invalid file (problems listed with their paths)

JSON (--format json), version ${LINT_JSON_VERSION}: keys are stable; new keys may be added, none removed or renamed.
  format "nagare-lint", version, file, failOn, failed,
  summary { total, open, openBySeverity {critical, high, medium, low}, byStatus {open, resolved, accepted, not_applicable}, byCategory {risk, incomplete} },
  rulesChecked [ { id, category, riskId, title {ja, en} } ],
  findings [ { id ("ruleId:elementId"), ruleId, elementKind, elementId, relatedIds, category ("risk"|"incomplete"),
               severity, impact (1-4), likelihood (1-4), phase, riskId ("III.2.risk1" … "III.7.risk3", "general"),
               risk {ja, en}, title {ja, en}, detail {ja, en}, mitigation {ja, en},
               status ("open"|"resolved"|"accepted"|"not_applicable"), mitigatedBy? [safeguard ids], decision? } ]
  Order: risks before incomplete-model findings, then by severity, then by id.
  A finding cleared by safeguards on the diagram has status "resolved" and mitigatedBy.
  Decisions are read from the file's "decisions", keyed by finding id.

CSV (--format csv): one row per finding, UTF-8 with BOM for Excel, Japanese and English columns; a cell
that would start a formula (= + - @, tab, CR) begins with an apostrophe so that it stays text.
`;

interface Options {
  file: string;
  format: "text" | "json" | "csv";
  failOn: FailOn;
}

function parseArgs(args: string[]): Options | { error: string } {
  let file: string | undefined;
  let format: Options["format"] = "text";
  let failOn: FailOn = "high";
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] =
      a.startsWith("--") && a.includes("=")
        ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
        : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === "--format") {
      const v = value();
      if (v !== "text" && v !== "json" && v !== "csv")
        return { error: `--format は text・json・csv / --format must be text, json or csv (got ${v ?? "nothing"})` };
      format = v;
    } else if (flag === "--fail-on") {
      const v = value();
      if (!FAIL_ON.includes(v as FailOn))
        return {
          error: `--fail-on は ${FAIL_ON.join("|")} のいずれか / --fail-on must be one of ${FAIL_ON.join("|")} (got ${v ?? "nothing"})`,
        };
      failOn = v as FailOn;
    } else if (flag.startsWith("-")) {
      return { error: `不明なオプション / unknown option: ${flag}` };
    } else if (file === undefined) {
      file = a;
    } else {
      return { error: `ファイルは一つだけ指定してください / give exactly one file (extra: ${a})` };
    }
  }
  if (!file) return { error: "ファイルを指定してください / a file is required" };
  return { file, format, failOn };
}

const failsAt = (f: Finding, failOn: FailOn) => f.status === "open" && failOn !== "none" && atLeast(f.severity, failOn);

function summary(findings: Finding[]) {
  const openBySeverity = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus = { open: 0, resolved: 0, accepted: 0, not_applicable: 0 };
  const byCategory = { risk: 0, incomplete: 0 };
  for (const f of findings) {
    byStatus[f.status]++;
    byCategory[f.category]++;
    if (f.status === "open") openBySeverity[f.severity]++;
  }
  return { total: findings.length, open: byStatus.open, openBySeverity, byStatus, byCategory };
}

const riskOf = (id: string) => (isRiskId(id) ? { ja: RISKS[id].ja, en: RISKS[id].en } : { ja: id, en: id });

export function lintJson(file: string, findings: Finding[], failOn: FailOn) {
  return {
    format: "nagare-lint",
    version: LINT_JSON_VERSION,
    file,
    failOn,
    failed: findings.some((f) => failsAt(f, failOn)),
    summary: summary(findings),
    rulesChecked: RULES.map((r) => ({ id: r.id, category: r.category, riskId: r.riskId, title: r.title })),
    findings: findings.map((f) => ({
      id: f.id,
      ruleId: f.ruleId,
      elementKind: f.elementKind,
      elementId: f.elementId,
      relatedIds: f.relatedIds,
      category: f.category,
      severity: f.severity,
      impact: f.impact,
      likelihood: f.likelihood,
      phase: f.phase,
      riskId: f.riskId,
      risk: riskOf(f.riskId),
      title: f.title,
      detail: f.detail,
      mitigation: f.mitigation,
      status: f.status,
      ...(f.mitigatedBy ? { mitigatedBy: f.mitigatedBy } : {}),
      ...(f.decision ? { decision: f.decision } : {}),
    })),
  };
}

function phaseLabel(phase: Finding["phase"]) {
  return phase === "general" ? { ja: "全般", en: "general" } : PHASES[phase];
}

export function lintText(file: string, findings: Finding[], failOn: FailOn): string {
  const s = summary(findings);
  const lines: string[] = [];
  const sev = SEVERITY_ORDER.map((k) => `${SEVERITY_LABELS[k].ja} ${s.openBySeverity[k]}`).join("、");
  const sevEn = SEVERITY_ORDER.map((k) => `${k} ${s.openBySeverity[k]}`).join(", ");
  lines.push(
    `${file}: 指摘 ${s.total} 件（未対応 ${s.open} 件：${sev}） / ${s.total} finding(s), ${s.open} open (${sevEn})`,
  );
  const cleared = findings.filter((f) => f.mitigatedBy);
  lines.push(`検査した規則 ${RULES.length} 件 / ${RULES.length} rules checked`);
  lines.push(`図の安全管理措置で解消 ${cleared.length} 件 / ${cleared.length} cleared by safeguards on the diagram`);
  for (const f of findings) {
    if (f.mitigatedBy) continue;
    const label = f.category === "incomplete" ? { ja: "不足", en: "incomplete" } : SEVERITY_LABELS[f.severity];
    const st = STATUS_LABELS[f.status];
    const risk = riskOf(f.riskId);
    const ph = phaseLabel(f.phase);
    lines.push("");
    lines.push(`[${label.ja}/${label.en.toLowerCase()}] ${f.id}  (${st.ja}/${st.en.toLowerCase()})`);
    lines.push(`  ${f.title.ja} / ${f.title.en}`);
    lines.push(`  ${f.detail.ja}`);
    lines.push(`  ${f.detail.en}`);
    lines.push(`  リスク / risk: ${f.riskId} ${risk.ja}（${ph.ja}） / ${risk.en} (${ph.en})`);
    lines.push(`  影響度×発生可能性 / impact×likelihood: ${f.impact}×${f.likelihood}`);
    lines.push(`  対策 / mitigation: ${f.mitigation.ja}`);
    lines.push(`    ${f.mitigation.en}`);
    if (f.decision?.justification) lines.push(`  理由 / justification: ${f.decision.justification}`);
  }
  const failing = findings.filter((f) => failsAt(f, failOn)).length;
  lines.push("");
  lines.push(
    failOn === "none"
      ? "判定なし（--fail-on none） / no threshold (--fail-on none)"
      : failing > 0
        ? `不合格：「${SEVERITY_LABELS[failOn as Severity].ja}」以上の未対応の指摘が ${failing} 件 / FAIL: ${failing} open finding(s) at or above ${failOn}`
        : `合格：「${SEVERITY_LABELS[failOn as Severity].ja}」以上の未対応の指摘はありません / PASS: no open finding at or above ${failOn}`,
  );
  return `${lines.join("\n")}\n`;
}

function run(args: string[], io: CliIo): number {
  if (args.includes("--help") || args.includes("-h")) {
    io.out(LINT_HELP);
    return 0;
  }
  if (args.length === 1 && args[0] === "--rules") {
    for (const r of RULES) {
      const via = r.excludedBy.map((g) => g.join("+")).join(" | ");
      io.out(`${r.id}  [${r.category}] ${r.riskId}\n  ${r.title.ja} / ${r.title.en}\n`);
      io.out(`  ${r.explanation.ja}\n  ${r.explanation.en}\n`);
      if (via) io.out(`  解消する安全管理措置 / cleared by: ${via}\n`);
    }
    return 0;
  }
  const opts = parseArgs(args);
  if ("error" in opts) {
    io.err(`${opts.error}\n使い方 / usage: ${USAGE}\n`);
    return 2;
  }
  const doc = loadModelFile(
    opts.file,
    io,
    (n) => `不正なファイルです（${n} 件の問題） / invalid file (${n} problem(s))`,
  );
  if (!doc) return 2;
  const findings = evaluateRules(doc);
  if (opts.format === "json") io.out(`${JSON.stringify(lintJson(opts.file, findings, opts.failOn), null, 2)}\n`);
  else if (opts.format === "csv") io.out(findingsCsv(findings));
  else io.out(lintText(opts.file, findings, opts.failOn));
  return findings.some((f) => failsAt(f, opts.failOn)) ? 1 : 0;
}

export const lintCommand: CliCommand = {
  name: "lint",
  summary: {
    ja: "流れを規則で点検し、保護されていない移送などの指摘を一覧",
    en: "check the flows against the rules and list unprotected transfers and gaps",
  },
  usage: USAGE,
  run,
};
