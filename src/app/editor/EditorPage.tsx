import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { createUndoManager, ensureInitialized } from "../../document";
import type { Lang } from "../../i18n";
import { translate } from "../../i18n";
import { type Connection, connectDocument } from "../../sync/connect";
import type { Session } from "../session";
import { rememberLink } from "../start/links";
import { EditorShell } from "./EditorShell";
import "@xyflow/react/dist/style.css";
import "../styles/editor.css";

export interface EditorResources {
  ydoc: Y.Doc;
  undo: Y.UndoManager;
  connection: Connection | null;
}

/**
 * The editor for one document. The Y.Doc lives for as long as this page: it is kept in IndexedDB (keyed by
 * the document id, or "local"), and connected to the server when the link carries a token. StrictMode mounts
 * twice, so everything is created in the effect and destroyed in its cleanup.
 */
export function EditorPage({ lang, setLang, session }: { lang: Lang; setLang: (l: Lang) => void; session: Session }) {
  const [res, setRes] = useState<EditorResources | null>(null);
  const { docId, token } = session;
  useEffect(() => {
    const ydoc = new Y.Doc();
    const undo = createUndoManager(ydoc);
    const idb = new IndexeddbPersistence(`nagare:${docId ?? "local"}`, ydoc);
    const connection = docId && token ? connectDocument(ydoc, { docId, token }) : null;
    // A link opened directly (e.g. from a mail) appears on this browser's start page from now on.
    if (docId && token) rememberLink({ id: docId, token, role: session.role });
    let alive = true;
    const onSync = (synced: boolean) => {
      if (synced && alive) ensureInitialized(ydoc);
    };
    connection?.provider.on("sync", onSync);
    // When the system reports the network gone, say so at once (rather than after the socket times out);
    // edits go on into IndexedDB and are sent when the network is back.
    const offline = () => connection?.provider.disconnect();
    const online = () => connection?.provider.connect();
    window.addEventListener("offline", offline);
    window.addEventListener("online", online);
    idb.whenSynced.then(() => {
      if (!alive) return;
      // A shared document is initialised by whoever syncs with the server first; a local one right away.
      if (!connection) ensureInitialized(ydoc);
      setRes({ ydoc, undo, connection });
    });
    return () => {
      alive = false;
      setRes(null);
      connection?.provider.off("sync", onSync);
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", online);
      undo.destroy();
      connection?.destroy();
      void idb.destroy();
      ydoc.destroy();
    };
  }, [docId, token, session.role]);
  if (!res)
    return (
      <main className="editor-page is-loading" data-doc={docId ?? "local"}>
        {translate(lang, "app.loading")}
      </main>
    );
  return (
    <ReactFlowProvider>
      <EditorShell key={res.ydoc.guid} res={res} lang={lang} setLang={setLang} session={session} />
    </ReactFlowProvider>
  );
}
