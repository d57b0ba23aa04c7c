import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import type { Lang } from "../../i18n";
import { translate } from "../../i18n";
import { ydocFromModel } from "../../sync/doc-shape";
import { ApiError, api } from "../api/client";
import type { EditorResources } from "../editor/EditorPage";
import { EditorShell } from "../editor/EditorShell";
import "@xyflow/react/dist/style.css";
import "../styles/editor.css";
import "../start/start.css";

export { versionFromLocation } from "./version-route";

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
  const [state, setState] = useState<{ res: EditorResources; name: string } | { error: string } | null>(null);
  useEffect(() => {
    let alive = true;
    let ydoc: Y.Doc | null = null;
    api.versionModel(docId, token, versionId).then(
      ({ name, model }) => {
        if (!alive) return;
        ydoc = ydocFromModel(model);
        setState({ res: { ydoc, undo: new Y.UndoManager([], { trackedOrigins: new Set() }), connection: null }, name });
      },
      (e) => alive && setState({ error: e instanceof ApiError ? e.text(lang) : String(e) }),
    );
    return () => {
      alive = false;
      ydoc?.destroy();
    };
  }, [docId, versionId, token, lang]);
  if (!state) return <main className="editor-page is-loading">{translate(lang, "app.loading")}</main>;
  if ("error" in state)
    return (
      <main className="editor-page is-loading" role="alert">
        {state.error}
      </main>
    );
  return (
    <ReactFlowProvider>
      <div className="version-banner" data-testid="version-banner">
        <span>{translate(lang, "versions.readOnlyBanner", { name: state.name })}</span>
        <a href={`/d/${docId}#t=${token}`}>{translate(lang, "versions.backToLive")}</a>
      </div>
      <EditorShell res={state.res} lang={lang} setLang={setLang} session={{ docId, token, role: "view" }} />
    </ReactFlowProvider>
  );
}
