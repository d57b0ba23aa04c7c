import { Fragment, useMemo } from "react";
import { classifyFlows } from "../../derive";
import { translate } from "../../i18n";
import { ASSESSMENT_KINDS, type Phase } from "../../model";
import {
  type Finding,
  type Level,
  RISK_SECTIONS,
  RISKS,
  type RiskId,
  riskRowsFor,
  riskTitle,
  rowForRisk,
  SEVERITY_LABELS,
  SEVERITY_ORDER,
  severityOf,
  suggestSufficiency,
} from "../../rules";
import type { PanelProps } from "../editor/panels";
import { elementIdsOf, useEvaluation } from "./findings-data";
import "./risk.css";

const LEVELS: Level[] = [1, 2, 3, 4];

const SECTION_OF_PHASE: Record<Phase, string> = {
  acquisition: "III.2",
  use: "III.3",
  delegation: "III.4",
  provision: "III.5",
  transfer: "III.5",
  network_inquiry: "III.6",
  network_provision: "III.6",
  storage: "III.7",
  disposal: "III.7",
};

/**
 * The 評価書's own grid of section Ⅲ for the assessment's kind (重点 folds 全項目 risks into fewer rows):
 * open findings by severity and the suggested 「リスクへの対策は十分か」, then a likelihood × impact matrix.
 * Clicking a cell highlights the elements behind it on the canvas.
 */
export function RiskMapPanel({ model, lang, highlight }: PanelProps) {
  const evaluation = useEvaluation(model);
  const kind = model?.meta.assessmentKind === "full" ? "full" : "focused";
  // Which blocks of Ⅲ the drawing has flows for: a block without any is 「しない」 in the 評価書, not 十分.
  const present = useMemo(() => {
    const out = new Set<string>();
    if (!model) return out;
    for (const c of classifyFlows(model).values()) if (c.phase) out.add(SECTION_OF_PHASE[c.phase]);
    if (model.nodes.some((n) => n.kind === "store" || n.fileIds.length > 0)) out.add("III.7");
    return out;
  }, [model]);
  const rows = useMemo(() => {
    if (!evaluation) return [];
    const byRow = new Map<RiskId, Finding[]>();
    for (const f of evaluation.findings) {
      const row = rowForRisk(kind, f.riskId);
      let list = byRow.get(row);
      if (!list) byRow.set(row, (list = []));
      list.push({ ...f, riskId: row });
    }
    const mitigated = evaluation.mitigated.map((m) => ({ ...m, riskId: rowForRisk(kind, m.riskId) }));
    return [...riskRowsFor(kind)].map((id) => {
      const all = byRow.get(id) ?? [];
      return {
        id,
        all,
        open: all.filter((f) => f.status === "open"),
        suggestion:
          id === "general" || (all.length === 0 && !present.has(RISKS[id].section))
            ? null
            : suggestSufficiency(all, id, mitigated),
      };
    });
  }, [evaluation, kind, present]);
  if (!model || !evaluation) return <p className="panel-empty">{translate(lang, "risk.invalid")}</p>;
  const openRisks = evaluation.findings.filter((f) => f.status === "open" && f.category === "risk");
  const show = (fs: Finding[]) => highlight(fs.length ? elementIdsOf(fs) : null);
  let section = "";
  return (
    <section className="risk-map" data-testid="risk-map">
      <p className="risk-summary">
        {translate(lang, "risk.map.kind", { kind: ASSESSMENT_KINDS[model.meta.assessmentKind][lang] })}{" "}
        <button type="button" className="link" onClick={() => highlight(null)}>
          {translate(lang, "risk.map.clear")}
        </button>
      </p>
      <table className="risk-grid">
        <thead>
          <tr>
            <th>{translate(lang, "risk.map.risk")}</th>
            {SEVERITY_ORDER.map((s) => (
              <th key={s} className={`sev-${s}`}>
                {SEVERITY_LABELS[s][lang]}
              </th>
            ))}
            <th>{translate(lang, "risk.map.sufficient")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const sec = RISKS[r.id].section;
            const head = sec !== section;
            section = sec;
            return (
              <Fragment key={r.id}>
                {head ? (
                  <tr className="risk-section">
                    <th colSpan={SEVERITY_ORDER.length + 2}>
                      {RISK_SECTIONS[sec as keyof typeof RISK_SECTIONS][lang]}
                    </th>
                  </tr>
                ) : null}
                <tr data-risk={r.id}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => show(r.open)}>
                      {riskTitle(kind, r.id)[lang]}
                    </button>
                  </th>
                  {SEVERITY_ORDER.map((s) => {
                    const cell = r.open.filter((f) => f.severity === s);
                    return (
                      <td key={s} className={cell.length ? `has sev-${s}` : "none"} data-severity={s}>
                        {cell.length ? (
                          <button
                            type="button"
                            title={translate(lang, "risk.map.cellTitle", { n: cell.length })}
                            onClick={() => show(cell)}
                          >
                            {cell.length}
                          </button>
                        ) : (
                          "–"
                        )}
                      </td>
                    );
                  })}
                  <td
                    className="risk-suggest"
                    title={r.suggestion?.reason[lang] ?? ""}
                    data-suggest={r.suggestion?.value ?? ""}
                  >
                    {r.suggestion ? r.suggestion.value : "–"}
                    {r.suggestion ? (
                      <small>{r.suggestion.reason[lang]}</small>
                    ) : r.id !== "general" ? (
                      <small>{translate(lang, "risk.map.noFlows")}</small>
                    ) : null}
                  </td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <p className="risk-note">{translate(lang, "risk.map.suggestNote")}</p>
      <h4>{translate(lang, "risk.map.matrix")}</h4>
      <table className="risk-matrix" data-testid="risk-matrix">
        <thead>
          <tr>
            <th>
              {translate(lang, "risk.map.likelihood")} \ {translate(lang, "risk.map.impact")}
            </th>
            {LEVELS.map((i) => (
              <th key={i}>{i}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...LEVELS].reverse().map((l) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {LEVELS.map((i) => {
                const cell = openRisks.filter((f) => f.impact === i && f.likelihood === l);
                return (
                  <td key={i} className={`sev-${severityOf(i, l)}`} data-cell={`${l}x${i}`}>
                    {cell.length ? (
                      <button
                        type="button"
                        title={translate(lang, "risk.map.cellTitle", { n: cell.length })}
                        onClick={() => show(cell)}
                      >
                        {cell.length}
                      </button>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
