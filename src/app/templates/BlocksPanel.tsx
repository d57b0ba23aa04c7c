import { useState } from "react";
import { translate } from "../../i18n";
import { BLOCKS } from "../../templates/blocks";
import { insertBlock } from "../../templates/insert-block";
import type { PanelProps } from "../editor/panels";

/**
 * 部品: recurring groups (情報連携, 住基ネット, 窓口受付 …) placed in one action, to the right of what is already
 * drawn, then selected so that the canvas shows them. One insertion is one undo step.
 */
export function BlocksPanel({ ydoc, model, lang, readOnly, select }: PanelProps) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const disabledReason = readOnly
    ? translate(lang, "templates.blocks.readOnly")
    : model
      ? null
      : translate(lang, "templates.blocks.invalid");
  return (
    <section className="blocks-panel" data-testid="blocks-panel">
      <p className="panel-intro">{translate(lang, "templates.blocks.intro")}</p>
      {disabledReason ? <p className="panel-empty">{disabledReason}</p> : null}
      <ul className="blocks-list">
        {BLOCKS.map((b) => {
          const name = lang === "ja" ? b.ja : b.en;
          return (
            <li key={b.id} className="block-row" data-block={b.id}>
              <div className="block-text">
                <strong>{name}</strong>
                <p>{lang === "ja" ? b.descriptionJa : b.descriptionEn}</p>
              </div>
              <button
                type="button"
                disabled={disabledReason !== null}
                onClick={() => {
                  if (!model) return;
                  const r = insertBlock(ydoc, model, b.id);
                  if (r.ok) {
                    setStatus({ ok: true, text: translate(lang, "templates.blocks.inserted", { name }) });
                    select({ nodes: r.parts.nodes.map((n) => n.id) });
                  } else {
                    const reason = r.problems.map((p) => (lang === "ja" ? p.ja : p.en)).join(" / ");
                    setStatus({ ok: false, text: translate(lang, "templates.blocks.failed", { reason }) });
                  }
                }}
              >
                {translate(lang, "templates.blocks.insert")}
              </button>
            </li>
          );
        })}
      </ul>
      {status ? (
        <p className={status.ok ? "panel-status" : "field-error"} role={status.ok ? "status" : "alert"}>
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
