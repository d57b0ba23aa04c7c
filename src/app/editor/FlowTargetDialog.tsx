import { useMemo, useState } from "react";
import { center, nodeRect } from "../../document";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import { type NagareDocument, NODE_KINDS } from "../../model";

/**
 * Drawing a flow without a mouse: the selected element is the source; this list offers every other element,
 * nearest first, to be chosen with ↑↓ (or by typing part of its name) and Enter. The element in focus is
 * highlighted on the canvas meanwhile.
 */
export function FlowTargetDialog({
  model,
  source,
  lang,
  onActive,
  onChoose,
  onCancel,
}: {
  model: NagareDocument;
  source: string;
  lang: Lang;
  onActive: (id: string | null) => void;
  onChoose: (target: string) => void;
  onCancel: () => void;
}) {
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const [query, setQuery] = useState("");
  const [index, setIndex] = useState(0);
  const from = model.nodes.find((n) => n.id === source);
  const groups = new Map(model.groups.map((g) => [g.id, g.label]));
  const candidates = useMemo(() => {
    if (!from) return [];
    const c = center(nodeRect(from));
    const dist = (n: (typeof model.nodes)[number]) => {
      const p = center(nodeRect(n));
      return Math.hypot(p.x - c.x, p.y - c.y);
    };
    const q = query.trim().toLowerCase();
    return model.nodes
      .filter((n) => n.id !== source && (!q || n.label.toLowerCase().includes(q)))
      .sort((a, b) => dist(a) - dist(b));
  }, [model, from, source, query]);
  const active = candidates[Math.min(index, candidates.length - 1)];
  const move = (i: number) => {
    const next = Math.max(0, Math.min(i, candidates.length - 1));
    setIndex(next);
    onActive(candidates[next]?.id ?? null);
  };
  if (!from) return null;
  return (
    <div className="modal-backdrop is-light">
      <div
        className="modal flow-target"
        role="dialog"
        aria-modal="true"
        aria-label={t("editor.flow.title", { label: from.label })}
        data-testid="flow-target"
      >
        <h2>{t("editor.flow.title", { label: from.label })}</h2>
        <input
          // biome-ignore lint/a11y/noAutofocus: the dialog is opened from the keyboard to type at once
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls="flow-target-list"
          aria-activedescendant={active ? `flow-target-${active.id}` : undefined}
          aria-label={t("editor.flow.filter")}
          placeholder={t("editor.flow.filter")}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === "ArrowDown") move(index + 1);
            else if (e.key === "ArrowUp") move(index - 1);
            else if (e.key === "Enter" && active) onChoose(active.id);
            else if (e.key === "Escape") onCancel();
            else return;
            e.preventDefault();
          }}
        />
        <p className="flow-target-hint">{t("editor.flow.hint")}</p>
        {candidates.length ? (
          <div
            className="flow-target-list"
            id="flow-target-list"
            role="listbox"
            aria-label={t("editor.flow.title", { label: from.label })}
          >
            {candidates.map((n, i) => (
              <div
                key={n.id}
                id={`flow-target-${n.id}`}
                role="option"
                tabIndex={-1}
                aria-selected={n === active}
                className={n === active ? "is-active" : ""}
                onMouseEnter={() => move(i)}
                onClick={() => onChoose(n.id)}
                onKeyDown={() => {}}
              >
                <span className="flow-target-label">{n.label}</span>
                <span className="flow-target-kind">
                  {NODE_KINDS[n.kind][lang]}
                  {n.groupId && groups.get(n.groupId) ? ` · ${groups.get(n.groupId)}` : ""}
                </span>
              </div>
            ))}
          </div>
        ) : (
          <p>{t("editor.flow.none")}</p>
        )}
        <div className="modal-buttons">
          <button type="button" onClick={onCancel}>
            {t("editor.cancel")}
          </button>
          <button type="button" disabled={!active} onClick={() => active && onChoose(active.id)}>
            {t("editor.flow.create")}
          </button>
        </div>
      </div>
    </div>
  );
}
