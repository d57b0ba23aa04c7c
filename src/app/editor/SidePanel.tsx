import { Suspense } from "react";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import { PANELS, type PanelProps } from "./panels";

/**
 * The side panel: the inspector and the registered panels as tabs (tab / tabpanel), collapsible to a thin
 * strip so that the canvas gets the width.
 */
export function SidePanel({
  lang,
  tab,
  setTab,
  collapsed,
  setCollapsed,
  inspector,
  panelProps,
}: {
  lang: Lang;
  tab: string;
  setTab: (id: string) => void;
  collapsed: boolean;
  setCollapsed: (c: boolean) => void;
  inspector: React.ReactNode;
  panelProps: PanelProps;
}) {
  const t = (k: MessageKey) => translate(lang, k);
  const tabs: { id: string; title: MessageKey }[] = [
    { id: "inspector", title: "editor.panel.inspector" },
    ...PANELS.map((p) => ({ id: p.id, title: p.titleKey })),
  ];
  const active = PANELS.find((p) => p.id === tab);
  const current = active ? tab : "inspector";
  const toggle = (
    <button
      type="button"
      className="collapse-toggle"
      aria-expanded={!collapsed}
      aria-controls="side-panel-body"
      data-testid="side-collapse"
      title={t(collapsed ? "editor.side.expand" : "editor.side.collapse")}
      aria-label={t(collapsed ? "editor.side.expand" : "editor.side.collapse")}
      onClick={() => setCollapsed(!collapsed)}
    >
      {collapsed ? "«" : "»"}
    </button>
  );
  if (collapsed)
    return (
      <aside className="side is-collapsed" aria-label={t("editor.side.title")}>
        {toggle}
      </aside>
    );
  return (
    <aside className="side" aria-label={t("editor.side.title")}>
      <div className="side-head">
        <div className="side-tabs" role="tablist" aria-label={t("editor.side.title")}>
          {tabs.map((x) => (
            <button
              key={x.id}
              id={`tab-${x.id}`}
              type="button"
              role="tab"
              aria-selected={current === x.id}
              aria-controls="side-panel-body"
              tabIndex={current === x.id ? 0 : -1}
              className={current === x.id ? "is-current" : ""}
              data-testid={`tab-${x.id}`}
              onClick={() => setTab(x.id)}
              onKeyDown={(e) => {
                // Arrow keys move between tabs, as a tab list does.
                const i = tabs.findIndex((y) => y.id === current);
                const d =
                  e.key === "ArrowRight" || e.key === "ArrowDown"
                    ? 1
                    : e.key === "ArrowLeft" || e.key === "ArrowUp"
                      ? -1
                      : 0;
                if (!d) return;
                e.preventDefault();
                const next = tabs[(i + d + tabs.length) % tabs.length] as { id: string };
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }}
            >
              {t(x.title)}
            </button>
          ))}
        </div>
        {toggle}
      </div>
      <div className="side-body" id="side-panel-body" role="tabpanel" aria-labelledby={`tab-${current}`}>
        {active ? (
          <Suspense fallback={<p className="panel-loading">{t("app.loading")}</p>}>
            <active.component {...panelProps} />
          </Suspense>
        ) : (
          inspector
        )}
      </div>
    </aside>
  );
}
