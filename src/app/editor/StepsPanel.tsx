import { useMemo, useState } from "react";
import { flowsInStepOrder, patchElement } from "../../document";
import { translate } from "../../i18n";
import { TextControl } from "./fields";
import { patchFlow } from "./Inspector";
import type { PanelProps } from "./panels";

/**
 * 備考: the numbered steps generated from the flows (step, from → to, sentence), in step order. Editing here
 * edits the flow; clicking a step selects its edge on the canvas.
 */
export function StepsPanel({ ydoc, model, lang, readOnly, select }: PanelProps) {
  const flows = useMemo(() => (model ? flowsInStepOrder(model) : []), [model]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!model) return null;
  const label = new Map(model.nodes.map((n) => [n.id, n.label]));
  if (!flows.length) return <p className="panel-empty">{translate(lang, "editor.steps.empty")}</p>;
  return (
    <ol className="steps-list" data-testid="steps-list">
      {flows.map((f) => (
        <li key={f.id} className="step-row" data-flow={f.id}>
          <div className="step-head">
            <TextControl
              value={f.step ?? ""}
              disabled={readOnly}
              resetKey={f.id}
              placeholder={translate(lang, "editor.steps.unnumbered")}
              onChange={(s) => {
                const r = patchFlow(ydoc, f.id, { step: s }, `${f.id}:step`);
                setErrors((e) => ({ ...e, [f.id]: r.ok ? "" : (r.problems[0]?.[lang] ?? "") }));
                return r.ok;
              }}
            />
            <button type="button" className="link step-ends" onClick={() => select({ flows: [f.id] })}>
              {label.get(f.source) ?? f.source} → {label.get(f.target) ?? f.target}
            </button>
          </div>
          {errors[f.id] ? (
            <div className="field-error" role="alert">
              {errors[f.id]}
            </div>
          ) : null}
          <TextControl
            multiline
            value={f.sentence ?? ""}
            disabled={readOnly}
            resetKey={f.id}
            placeholder={translate(lang, "editor.steps.sentence")}
            onChange={(s) => patchElement(ydoc, "flows", f.id, { sentence: s || undefined }, `${f.id}:sentence`).ok}
          />
        </li>
      ))}
    </ol>
  );
}
