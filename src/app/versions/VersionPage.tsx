import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import * as Y from "yjs";
import { comparisonView, type ElementDiff } from "../../derive/model-diff";
import type { Lang } from "../../i18n";
import { translate } from "../../i18n";
import { loadDocumentText, type NagareDocument } from "../../model";
import { ydocFromModel } from "../../sync/doc-shape";
import { ApiError, api, type VersionInfo } from "../api/client";
import type { EditorResources } from "../editor/EditorPage";
import { EditorShell } from "../editor/EditorShell";
import type { Session } from "../session";
import { ChangesExport } from "./ChangesExport";
import "@xyflow/react/dist/style.css";
import "../styles/editor.css";
import "../start/start.css";

export { versionFromLocation } from "./version-route";

const CURRENT = "current";

type Loaded = { model: NagareDocument; name: string };
type Comparison = {
  older: string;
  newer: string;
  /** The two drawings themselves, for the 評価書 with its 変更箇所. */
  olderModel: NagareDocument;
  newerModel: NagareDocument;
  /** The newer drawing with what the older one had in addition, for the canvas. */
  model: NagareDocument;
  changes: Map<string, "added" | "removed" | "changed">;
  list: ElementDiff[];
};

const readOnlyResources = (model: NagareDocument): EditorResources => {
  const ydoc = ydocFromModel(model);
  // Nothing is undone on a read-only page; the manager needs its document when it tracks no type.
  return { ydoc, undo: new Y.UndoManager([], { trackedOrigins: new Set(), doc: ydoc }), connection: null };
};

/**
 * A saved version, read-only; compared with another version or the current drawing, the canvas shows the newer
 * of the two with the elements the older one had in addition, coloured added / removed / changed, and a list.
 */
export function VersionPage({
  lang,
  setLang,
  docId,
  versionId,
  token,
}: {
  lang: Lang;
  setLang: (l: Lang) => void;
  docId: string;
  versionId: string;
  token: string;
}) {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate(lang, k, v);
  const [state, setState] = useState<Loaded | { error: string } | null>(null);
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [target, setTarget] = useState("");
  const [comparison, setComparison] = useState<Comparison | "loading" | { error: string } | null>(null);
  const session = useMemo<Session>(() => ({ docId, token, role: "view" }), [docId, token]);

  useEffect(() => {
    let alive = true;
    api.versionModel(docId, token, versionId).then(
      ({ name, model }) => alive && setState({ name, model }),
      (e) => alive && setState({ error: e instanceof ApiError ? e.text(lang) : String(e) }),
    );
    api.versions(docId, token).then(
      (v) => alive && setVersions(v.versions),
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [docId, versionId, token, lang]);

  useEffect(() => {
    if (!target || !state || "error" in state) {
      setComparison(null);
      return;
    }
    let alive = true;
    setComparison("loading");
    const other: Promise<Loaded> =
      target === CURRENT
        ? api.modelFile(docId, token).then(({ text }) => {
            const r = loadDocumentText(text);
            if (!r.ok) throw new Error(r.problems.map((p) => p.ja).join("\n"));
            return { model: r.doc, name: translate(lang, "versions.compare.current") };
          })
        : api.versionModel(docId, token, target);
    other.then(
      (o) => {
        if (!alive) return;
        // The current drawing is the newest; versions are ordered by when they were saved.
        const at = (id: string) =>
          id === CURRENT ? Number.POSITIVE_INFINITY : (versions.find((v) => v.id === id)?.createdAt ?? 0);
        const thisIsOlder = at(versionId) <= at(target);
        const [older, newer] = thisIsOlder ? [state, o] : [o, state];
        const view = comparisonView(older.model, newer.model);
        const list = view.diff.elements.filter(
          (e) =>
            e.change !== "moved" && (e.collection === "nodes" || e.collection === "flows" || e.collection === "groups"),
        );
        setComparison({
          older: older.name,
          newer: newer.name,
          olderModel: older.model,
          newerModel: newer.model,
          model: view.model,
          changes: view.changes,
          list,
        });
      },
      (e) => alive && setComparison({ error: e instanceof ApiError ? e.text(lang) : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [target, state, versions, docId, token, versionId, lang]);

  const shown = comparison && typeof comparison === "object" && "model" in comparison ? comparison : null;
  const model = shown?.model ?? (state && !("error" in state) ? state.model : null);
  const res = useMemo(() => (model ? readOnlyResources(model) : null), [model]);
  useEffect(() => () => res?.ydoc.destroy(), [res]);

  if (!state) return <main className="editor-page is-loading">{t("app.loading")}</main>;
  if ("error" in state)
    return (
      <main className="editor-page is-loading" role="alert">
        {state.error}
      </main>
    );
  if (!res) return null;
  const counts = shown
    ? {
        added: shown.list.filter((e) => e.change === "added").length,
        removed: shown.list.filter((e) => e.change === "removed").length,
        changed: shown.list.filter((e) => e.change === "changed").length,
      }
    : null;
  return (
    <ReactFlowProvider>
      <div className="version-banner" data-testid="version-banner">
        <span>{t("versions.readOnlyBanner", { name: state.name })}</span>
        <label>
          {t("versions.compare")}{" "}
          <select data-testid="version-compare" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t("versions.compare.none")}</option>
            <option value={CURRENT}>{t("versions.compare.current")}</option>
            {versions
              .filter((v) => v.id !== versionId)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
          </select>
        </label>
        <a href={`/d/${docId}#t=${token}`}>{t("versions.backToLive")}</a>
      </div>
      {comparison === "loading" && (
        <aside className="version-compare" role="status">
          {t("versions.compare.loading")}
        </aside>
      )}
      {comparison && typeof comparison === "object" && "error" in comparison && (
        <aside className="version-compare" role="alert">
          {comparison.error}
        </aside>
      )}
      {shown && counts && (
        <aside
          className="version-compare"
          data-testid="version-changes"
          aria-label={t("versions.compare.title", { older: shown.older, newer: shown.newer })}
        >
          <strong>{t("versions.compare.title", { older: shown.older, newer: shown.newer })}</strong>
          <ChangesExport
            lang={lang}
            session={session}
            older={{ name: shown.older, model: shown.olderModel }}
            newer={shown.newerModel}
          />
          <ul className="version-legend">
            {(["added", "removed", "changed"] as const).map((c) => (
              <li key={c} className={`legend-${c}`}>
                <span className="swatch" aria-hidden="true" />
                {t(`versions.compare.${c}`)} {counts[c]}
              </li>
            ))}
          </ul>
          {shown.list.length === 0 ? (
            <p className="muted">{t("versions.compare.noChange")}</p>
          ) : (
            <ul className="version-change-list">
              {shown.list.map((e) => (
                <li
                  key={`${e.collection}:${e.id}`}
                  className={`legend-${e.change}`}
                  data-change={e.change}
                  data-id={e.id}
                >
                  <span className="swatch" aria-hidden="true" />
                  {t(`versions.compare.${e.change as "added" | "removed" | "changed"}`)}：{e.label}
                </li>
              ))}
            </ul>
          )}
        </aside>
      )}
      <EditorShell
        key={shown ? `${target}` : "plain"}
        res={res}
        lang={lang}
        setLang={setLang}
        session={session}
        {...(shown ? { changes: shown.changes } : {})}
      />
    </ReactFlowProvider>
  );
}
