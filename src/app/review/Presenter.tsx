import { useEffect, useMemo, useState } from "react";
import { type Lang, translate } from "../../i18n";
import type { NagareDocument } from "../../model";
import { describeTarget, isOpenStatus, orderedThreads, targetElementId } from "../../review/list";
import { reviewUi } from "./state";
import "./review.css";

/**
 * Workshop mode for the review: the open threads (未対応, 対応中) one at a time, large, with their replies;
 * the canvas shows the element. ← → (or PageUp/PageDown) move, Esc ends. The list is taken when the mode
 * starts, so a thread resolved meanwhile stays in place until the end.
 */
export function ReviewPresenter({
  model,
  lang,
  show,
}: {
  model: NagareDocument;
  lang: Lang;
  /** Select and centre an element, or centre a point. */
  show: (target: { elementId: string; kind: "node" | "flow" | "group" } | { x: number; y: number }) => void;
}) {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(lang, k, v);
  const [ids] = useState(() =>
    orderedThreads(model)
      .filter((th) => isOpenStatus(th.status))
      .map((th) => th.id),
  );
  const [index, setIndex] = useState(0);
  const numbers = useMemo(() => new Map(orderedThreads(model).map((th, i) => [th.id, i + 1])), [model]);
  const thread = (model.comments ?? []).find((th) => th.id === ids[index]);
  const close = () => reviewUi.present(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "ArrowRight" || e.key === "PageDown") setIndex((i) => Math.min(i + 1, ids.length - 1));
      else if (e.key === "ArrowLeft" || e.key === "PageUp") setIndex((i) => Math.max(i - 1, 0));
      else if (e.key === "Escape") reviewUi.present(false);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ids.length]);
  const target = thread?.target;
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the thread shown, not every model change
  useEffect(() => {
    if (!target) return;
    const id = targetElementId(target);
    if (id && target.kind !== "item" && target.kind !== "point") show({ elementId: id, kind: target.kind });
    else if (target.kind === "point") show({ x: target.x, y: target.y });
  }, [thread?.id]);
  return (
    <section className="review-presenter" aria-label={t("review.present.title")} data-testid="review-presenter">
      {thread ? (
        <>
          <div className="row">
            <strong>
              {t("review.thread.label", {
                no: numbers.get(thread.id) ?? 0,
                what: describeTarget(model, thread.target)[lang],
              })}
            </strong>
            <span className={`status-chip status-${thread.status}`}>{t(`review.status.${thread.status}`)}</span>
            <span aria-live="polite">{t("review.present.position", { i: index + 1, n: ids.length })}</span>
          </div>
          <p className="present-text">{thread.text}</p>
          <div className="meta">{thread.author}</div>
          {thread.replies.map((r) => (
            <p key={r.id} className="reply">
              {r.author}: {r.text}
            </p>
          ))}
        </>
      ) : (
        <p className="present-text">{t("review.present.none")}</p>
      )}
      <div className="row">
        <button type="button" disabled={index <= 0} onClick={() => setIndex(index - 1)}>
          ← {t("review.present.prev")}
        </button>
        <button type="button" disabled={index >= ids.length - 1} onClick={() => setIndex(index + 1)}>
          {t("review.present.next")} →
        </button>
        <button type="button" onClick={close}>
          {t("review.present.close")}
        </button>
      </div>
    </section>
  );
}
