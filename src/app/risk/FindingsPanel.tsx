import { useMemo, useState } from "react";
import { savedIdentity } from "../../canvas/presence";
import { type Lang, translate } from "../../i18n";
import { type Decision, PHASE_IDS, PHASES, SAFEGUARDS, type SafeguardKind } from "../../model";
import {
  type Finding,
  type FindingStatus,
  findingsCsv,
  isRiskId,
  RISKS,
  RULES,
  type RuleDef,
  SEVERITY_LABELS,
  SEVERITY_ORDER,
  type Severity,
  STATUS_LABELS,
} from "../../rules";
import type { PanelProps } from "../editor/panels";
import { addSafeguards, type DecisionWrite, useEvaluation, writeDecision } from "./findings-data";
import "./risk.css";

type SeverityFilter = "all" | Severity | "incomplete";
type StatusFilter = "all" | FindingStatus;

const PAGE = 100;

/** Saves every finding (all statuses) as a CSV file for Excel. */
function downloadCsv(findings: readonly Finding[]) {
  const url = URL.createObjectURL(new Blob([findingsCsv(findings)], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "findings.csv";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
const RULE_BY_ID = new Map<string, RuleDef>(RULES.map((r) => [r.id, r]));
const PHASE_ORDER: Finding["phase"][] = [...PHASE_IDS, "general"];

const phaseLabel = (p: Finding["phase"], lang: Lang) =>
  p === "general" ? translate(lang, "risk.filter.incomplete") : PHASES[p][lang];

/**
 * The findings of the rule engine, grouped by 評価書 phase, with filters, a jump to the element, the
 * explanation and mitigation, and the decision controls (対応済み / 許容 + 理由 / 対象外).
 */
export function FindingsPanel({ ydoc, model, lang, readOnly, select }: PanelProps) {
  const evaluation = useEvaluation(model);
  const [severity, setSeverity] = useState<SeverityFilter>("all");
  const [status, setStatus] = useState<StatusFilter>("open");
  // Long lists render a page at a time per phase, so that a large model stays responsive.
  const [limits, setLimits] = useState<Record<string, number>>({});
  const findings = evaluation?.findings ?? [];
  const shown = useMemo(
    () =>
      findings.filter(
        (f) =>
          (status === "all" || f.status === status) &&
          (severity === "all" ||
            (severity === "incomplete"
              ? f.category === "incomplete"
              : f.category === "risk" && f.severity === severity)),
      ),
    [findings, severity, status],
  );
  if (!model) return <p className="panel-empty">{translate(lang, "risk.invalid")}</p>;
  const open = findings.filter((f) => f.status === "open").length;
  const groups = PHASE_ORDER.map((p) => [p, shown.filter((f) => f.phase === p)] as const).filter(([, l]) => l.length);
  return (
    <section className="risk-findings" data-testid="findings-panel">
      <p className="risk-summary">
        {translate(lang, "risk.summary", { total: findings.length, open, rules: RULES.length })}{" "}
        <button type="button" className="link" data-testid="findings-csv" onClick={() => downloadCsv(findings)}>
          {translate(lang, "risk.csv")}
        </button>
      </p>
      <div className="risk-filters">
        <label>
          {translate(lang, "risk.filter.severity")}{" "}
          <select
            value={severity}
            data-testid="findings-filter-severity"
            onChange={(e) => setSeverity(e.target.value as SeverityFilter)}
          >
            <option value="all">{translate(lang, "risk.filter.all")}</option>
            {SEVERITY_ORDER.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABELS[s][lang]}
              </option>
            ))}
            <option value="incomplete">{translate(lang, "risk.filter.incomplete")}</option>
          </select>
        </label>
        <label>
          {translate(lang, "risk.filter.status")}{" "}
          <select
            value={status}
            data-testid="findings-filter-status"
            onChange={(e) => setStatus(e.target.value as StatusFilter)}
          >
            <option value="all">{translate(lang, "risk.filter.all")}</option>
            {(Object.keys(STATUS_LABELS) as FindingStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s][lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {findings.length === 0 ? (
        <p className="panel-empty">{translate(lang, "risk.none")}</p>
      ) : groups.length === 0 ? (
        <p className="panel-empty">{translate(lang, "risk.empty")}</p>
      ) : (
        groups.map(([phase, list]) => (
          <div key={phase} className="risk-group">
            <h4>
              {phaseLabel(phase, lang)} <span className="risk-count">{list.length}</span>
            </h4>
            <ul>
              {list.slice(0, limits[phase] ?? PAGE).map((f) => (
                <FindingItem
                  key={f.id}
                  finding={f}
                  lang={lang}
                  readOnly={readOnly}
                  onShow={() =>
                    select(
                      f.elementKind === "node"
                        ? { nodes: [f.elementId] }
                        : f.elementKind === "flow"
                          ? { flows: [f.elementId] }
                          : f.elementKind === "group"
                            ? { groups: [f.elementId] }
                            : {},
                    )
                  }
                  decide={(d) => writeDecision(ydoc, f.id, d)}
                  addMeasure={(kinds) => addSafeguards(ydoc, model, f, kinds)}
                />
              ))}
            </ul>
            {list.length > (limits[phase] ?? PAGE) ? (
              <button
                type="button"
                className="link"
                onClick={() => setLimits((l) => ({ ...l, [phase]: (l[phase] ?? PAGE) + PAGE }))}
              >
                {translate(lang, "risk.showMore", { n: list.length - (limits[phase] ?? PAGE) })}
              </button>
            ) : null}
          </div>
        ))
      )}
    </section>
  );
}

function FindingItem({
  finding: f,
  lang,
  readOnly,
  onShow,
  decide,
  addMeasure,
}: {
  finding: Finding;
  lang: Lang;
  readOnly: boolean;
  onShow: () => void;
  decide: (d: Decision | null) => DecisionWrite;
  addMeasure: (kinds: readonly SafeguardKind[]) => DecisionWrite;
}) {
  const [expanded, setExpanded] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const [reason, setReason] = useState(f.decision?.justification ?? "");
  const [error, setError] = useState("");
  const rule = RULE_BY_ID.get(f.ruleId);
  const badge = f.category === "incomplete" ? "incomplete" : f.severity;
  const badgeText =
    f.category === "incomplete" ? translate(lang, "risk.category.incomplete") : SEVERITY_LABELS[f.severity][lang];
  const risk = isRiskId(f.riskId) ? RISKS[f.riskId] : null;
  const record = (status: "resolved" | "accepted" | "not_applicable" | null, justification?: string) => {
    const by = savedIdentity()?.name;
    const r = decide(
      status === null ? null : { status, justification, at: new Date().toISOString(), ...(by ? { by } : {}) },
    );
    if (!r.ok) setError(translate(lang, "risk.decide.failed", { reason: r.reason[lang] }));
    else {
      setError("");
      setAccepting(false);
    }
  };
  return (
    <li className={`risk-finding status-${f.status}`} data-finding={f.id} data-status={f.status}>
      <div className="risk-finding-head">
        <span className={`risk-badge sev-${badge}`}>{badgeText}</span>
        <button type="button" className="link risk-finding-title" onClick={onShow} title={translate(lang, "risk.show")}>
          {f.title[lang]}
        </button>
        {f.status !== "open" ? <span className="risk-status">{STATUS_LABELS[f.status][lang]}</span> : null}
      </div>
      <p className="risk-detail">{f.detail[lang]}</p>
      <p className="risk-mitigation">
        <strong>{translate(lang, "risk.mitigation")}：</strong>
        {f.mitigation[lang]}
      </p>
      <button type="button" className="link" onClick={() => setExpanded(!expanded)}>
        {translate(lang, expanded ? "risk.less" : "risk.more")}
      </button>
      {expanded && rule ? (
        <dl className="risk-more">
          <dt>{translate(lang, "risk.what")}</dt>
          <dd>{rule.explanation[lang]}</dd>
          <dt>{translate(lang, "risk.why")}</dt>
          <dd>{rule.why[lang]}</dd>
          <dt>{translate(lang, "risk.risk")}</dt>
          <dd>
            {f.riskId} {risk ? risk[lang] : ""}
          </dd>
          <dt>{translate(lang, "risk.score", { impact: f.impact, likelihood: f.likelihood })}</dt>
          <dd>{SEVERITY_LABELS[f.severity][lang]}</dd>
          {rule.excludedBy.length ? (
            <>
              <dt>{translate(lang, "risk.excludedBy")}</dt>
              <dd>
                {rule.excludedBy
                  .map((g) => g.map((k) => SAFEGUARDS[k][lang]).join(" + "))
                  .join(lang === "ja" ? "、" : ", ")}
              </dd>
            </>
          ) : null}
          <dt>{translate(lang, "risk.falsePositives")}</dt>
          <dd>{rule.falsePositives[lang]}</dd>
        </dl>
      ) : null}
      {f.decision?.justification && f.status === "accepted" ? (
        <p className="risk-justification">「{f.decision.justification}」</p>
      ) : null}
      {f.decision && !f.mitigatedBy && f.status !== "open" ? (
        <p className="risk-decided">
          {translate(lang, "risk.decide.by", {
            by: f.decision.by ?? translate(lang, "risk.decide.someone"),
            at: f.decision.at ? f.decision.at.slice(0, 16).replace("T", " ") : "",
          })}
        </p>
      ) : null}
      {f.mitigatedBy ? (
        <p className="risk-mitigated">
          {translate(lang, "risk.mitigatedBy", {
            safeguards: f.mitigatedBy.map((k) => SAFEGUARDS[k][lang]).join(lang === "ja" ? "・" : ", "),
          })}
        </p>
      ) : null}
      {readOnly || f.mitigatedBy ? null : accepting ? (
        <div className="risk-accept">
          <textarea
            value={reason}
            aria-label={translate(lang, "risk.decide.justification")}
            placeholder={translate(lang, "risk.decide.justification")}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            onClick={() => {
              if (!reason.trim()) setError(translate(lang, "risk.decide.needReason"));
              else record("accepted", reason.trim());
            }}
          >
            {translate(lang, "risk.decide.save")}
          </button>
          <button type="button" className="link" onClick={() => setAccepting(false)}>
            {translate(lang, "risk.decide.cancel")}
          </button>
        </div>
      ) : (
        <div className="risk-decide">
          {f.status === "open" && (f.elementKind === "flow" || f.elementKind === "node")
            ? (rule?.excludedBy ?? []).map((group) => (
                <button
                  type="button"
                  key={group.join("+")}
                  className="risk-add-measure"
                  data-add={group.join("+")}
                  onClick={() => {
                    const r = addMeasure(group);
                    setError(r.ok ? "" : translate(lang, "risk.decide.failed", { reason: r.reason[lang] }));
                  }}
                >
                  {translate(lang, "risk.addSafeguard", {
                    safeguards: group.map((k) => SAFEGUARDS[k][lang]).join(lang === "ja" ? "・" : " + "),
                  })}
                </button>
              ))
            : null}
          {f.status === "open" ? (
            <>
              <button type="button" data-decide="resolved" onClick={() => record("resolved")}>
                {translate(lang, "risk.decide.resolved")}
              </button>
              <button type="button" data-decide="accepted" onClick={() => setAccepting(true)}>
                {translate(lang, "risk.decide.accepted")}
              </button>
              <button type="button" data-decide="not_applicable" onClick={() => record("not_applicable")}>
                {translate(lang, "risk.decide.notApplicable")}
              </button>
            </>
          ) : (
            <button type="button" data-decide="reopen" onClick={() => record(null)}>
              {translate(lang, "risk.decide.reopen")}
            </button>
          )}
        </div>
      )}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </li>
  );
}
