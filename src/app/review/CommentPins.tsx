import { ViewportPortal } from "@xyflow/react";
import { useMemo } from "react";
import { type Lang, translate } from "../../i18n";
import type { NagareDocument } from "../../model";
import { describeTarget } from "../../review/list";
import { pinsOf } from "./pins";
import { reviewUi } from "./state";
import "./review.css";

/**
 * Pins on the canvas: one per commented element (or point) with the number of its threads; red while one is
 * open or in progress. A pin is a button: it opens the comments panel on that element's threads.
 */
export function CommentPins({ model, lang, onOpen }: { model: NagareDocument; lang: Lang; onOpen: () => void }) {
  const pins = useMemo(() => pinsOf(model), [model]);
  if (!pins.length) return null;
  return (
    <ViewportPortal>
      <div className="comment-pins">
        {pins.map((p) => {
          const first = p.threads[0];
          const what = first ? describeTarget(model, first.target)[lang] : "";
          const label = translate(lang, "review.pin", { n: p.threads.length, open: p.open, what });
          return (
            <button
              key={p.key}
              type="button"
              className={`comment-pin nodrag nopan ${p.open ? "is-open" : "is-done"}`}
              style={{ transform: `translate(${p.at.x}px, ${p.at.y}px) translate(-50%, -50%)` }}
              data-testid="comment-pin"
              data-target={p.key}
              data-count={p.threads.length}
              data-open={p.open}
              aria-label={label}
              title={label}
              onClick={(e) => {
                e.stopPropagation();
                reviewUi.focusOn(p.key);
                onOpen();
              }}
            >
              {p.threads.length}
            </button>
          );
        })}
      </div>
    </ViewportPortal>
  );
}
