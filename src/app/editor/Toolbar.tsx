import type { Ref } from "react";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";

/** Parts of the editor's toolbar: view switches and the label search. */

export interface ViewSwitches {
  snap: boolean;
  minimap: boolean;
  legend: boolean;
  riskView: boolean;
}

export function ViewToggles({
  lang,
  value,
  onChange,
  openFindings,
  engineMissing,
}: {
  lang: Lang;
  value: ViewSwitches;
  onChange: (v: ViewSwitches) => void;
  openFindings: number | null;
  engineMissing: boolean;
}) {
  const t = (k: MessageKey) => translate(lang, k);
  const toggle = (key: keyof ViewSwitches, label: MessageKey, extra?: React.ReactNode, title?: string) => (
    <label className="toggle" title={title}>
      <input type="checkbox" checked={value[key]} onChange={(e) => onChange({ ...value, [key]: e.target.checked })} />
      {t(label)}
      {extra}
    </label>
  );
  // The risk view stays at hand; the drawing aids fold into a small menu so that the bar keeps one row.
  return (
    <div className="toolbar-group">
      {toggle(
        "riskView",
        "editor.riskView",
        openFindings ? <span className="count">{openFindings}</span> : null,
        engineMissing ? t("editor.risk.noEngine") : undefined,
      )}
      <details className="toolbar-menu" data-testid="view-menu">
        <summary>{t("editor.view.menu")}</summary>
        <div className="toolbar-menu-body">
          {toggle("snap", "editor.snap")}
          {toggle("minimap", "editor.minimap")}
          {toggle("legend", "editor.legend")}
        </div>
      </details>
    </div>
  );
}

/** Search by label: Enter selects and centres the next match. */
export function SearchBox({
  lang,
  inputRef,
  query,
  setQuery,
  matches,
  onPick,
}: {
  lang: Lang;
  inputRef: Ref<HTMLInputElement>;
  query: string;
  setQuery: (q: string) => void;
  matches: string[];
  onPick: (index: number) => void;
}) {
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  return (
    <div className="toolbar-group search">
      <input
        ref={inputRef}
        type="search"
        placeholder={t("editor.search")}
        aria-label={t("editor.search")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Enter" && matches.length) onPick(0);
          else if (e.key === "Escape") {
            // Back to the canvas, so that the next shortcut acts on what was found.
            setQuery("");
            e.currentTarget.blur();
          }
        }}
      />
      {query ? (
        <span className="search-count">
          {matches.length ? t("editor.search.count", { n: matches.length }) : t("editor.search.none")}
        </span>
      ) : null}
    </div>
  );
}
