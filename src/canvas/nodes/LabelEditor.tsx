import { useState } from "react";
import { LIMITS } from "../../model";
import { useCanvas } from "../context";

/** In-place label editing: Enter keeps, Escape cancels, leaving the field keeps. */
export function LabelEditor({ coll, id, initial }: { coll: "nodes" | "groups"; id: string; initial: string }) {
  const { commitLabel, setEditingId, t } = useCanvas();
  const [value, setValue] = useState(initial);
  const tooLong = value.trim().length > LIMITS.labelChars;
  const finish = (keep: boolean) => {
    if (!keep || value === initial) return setEditingId(null);
    if (commitLabel(coll, id, value)) setEditingId(null);
  };
  return (
    <div className="label-editor nodrag nopan">
      <textarea
        // biome-ignore lint/a11y/noAutofocus: editing starts on purpose (double-click or new element)
        autoFocus
        aria-label={t("editor.label.edit")}
        aria-invalid={tooLong}
        value={value}
        rows={2}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            finish(true);
          } else if (e.key === "Escape") finish(false);
        }}
        onBlur={() => finish(true)}
      />
      {tooLong ? (
        <div className="label-editor-error" role="alert">
          {t("editor.msg.labelTooLong", { max: LIMITS.labelChars, n: value.trim().length })}
        </div>
      ) : null}
    </div>
  );
}
