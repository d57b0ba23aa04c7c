import { useEffect } from "react";
import type { Lang } from "../../i18n";
import { translate } from "../../i18n";
import { type ModelFlow, type NagareDocument, TRANSPORTS } from "../../model";

/** Workshop mode: one flow at a time, in step order, with its 備考 sentence shown large. */
export function Walkthrough({
  model,
  flows,
  index,
  lang,
  onMove,
  onClose,
}: {
  model: NagareDocument;
  flows: ModelFlow[];
  index: number;
  lang: Lang;
  onMove: (i: number) => void;
  onClose: () => void;
}) {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(lang, k, v);
  // While walking, ← → move and Esc ends (the editor's own shortcuts are paused meanwhile).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "ArrowRight") onMove(Math.min(index + 1, flows.length - 1));
      else if (e.key === "ArrowLeft") onMove(Math.max(index - 1, 0));
      else if (e.key === "Escape") onClose();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, flows.length, onMove, onClose]);
  const f = flows[index];
  const label = (id: string) => model.nodes.find((n) => n.id === id)?.label ?? id;
  return (
    <section className="walkthrough" aria-label={t("editor.walk.title")} data-testid="walkthrough">
      {f ? (
        <>
          <div className="walk-head">
            <span className="walk-step">{f.step ?? "—"}</span>
            <span className="walk-ends">
              {label(f.source)} → {label(f.target)}
              {f.transport ? ` （${TRANSPORTS[f.transport][lang]}）` : ""}
            </span>
            <span className="walk-pos">{t("editor.walk.position", { i: index + 1, n: flows.length })}</span>
          </div>
          <p className="walk-sentence">{f.sentence || t("editor.walk.noSentence")}</p>
        </>
      ) : (
        <p className="walk-sentence">{t("editor.walk.empty")}</p>
      )}
      <div className="walk-buttons">
        <button type="button" disabled={index <= 0} onClick={() => onMove(index - 1)}>
          ← {t("editor.walk.prev")}
        </button>
        <button type="button" disabled={index >= flows.length - 1} onClick={() => onMove(index + 1)}>
          {t("editor.walk.next")} →
        </button>
        <button type="button" onClick={onClose}>
          {t("editor.walk.close")}
        </button>
      </div>
    </section>
  );
}
