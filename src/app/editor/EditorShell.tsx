import { Panel, useReactFlow } from "@xyflow/react";
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  connectedFlows,
  createPositionWriter,
  type Decoration,
  deleteElements,
  removeDropped,
  writePositions,
} from "../../canvas/binding";
import { Canvas, type CanvasApi, type PaletteItem } from "../../canvas/Canvas";
import { computeDecorations } from "../../canvas/decorations";
import { effectiveStatus, loadRules, rulesAvailable } from "../../canvas/findings";
import { groupRect, nodeRect, type Rect } from "../../canvas/geometry";
import { computeLayout } from "../../canvas/layout/client";
import { copyPayload, createStandardLanes, pasteText } from "../../canvas/ops";
import { type AwarenessLike, remoteSelections, savedIdentity, saveIdentity } from "../../canvas/presence";
import { applyRenumber, flowsInStepOrder } from "../../canvas/steps";
import { useDocModel } from "../../canvas/useModel";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import type { NagareDocument } from "../../model";
import type { Finding } from "../../rules/types";
import type { ConnectionStatus, ServerNotice } from "../../sync/connect";
import type { Session } from "../session";
import { DeleteDialog, HelpDialog, IdentityDialog, Legend, type PendingDelete } from "./Dialogs";
import type { EditorResources } from "./EditorPage";
import { Inspector } from "./Inspector";
import { discardLocalCopy } from "./local-copy";
import { Palette } from "./Palette";
import { ParticipantList, RemoteCursors, usePresence } from "./Presence";
import { type CanvasSelection, type ElementIds, PANELS, type PanelProps } from "./panels";
import { SearchBox, ViewToggles } from "./Toolbar";
import { Walkthrough } from "./Walkthrough";

interface Toast {
  id: number;
  text: string;
  kind: "info" | "error";
}

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/** Everything around the canvas: toolbar, palette, inspector and panels, dialogs, shortcuts, presence. */
export function EditorShell({
  res,
  lang,
  setLang,
  session,
}: {
  res: EditorResources;
  lang: Lang;
  setLang: (l: Lang) => void;
  session: Session;
}) {
  const { ydoc, undo, connection } = res;
  const read = useDocModel(ydoc);
  const model = read?.doc ?? null;
  const readOnly = session.role === "view";
  const t = useCallback((k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v), [lang]);
  const rf = useReactFlow();

  // ---- messages
  const [toasts, setToasts] = useState<Toast[]>([]);
  const notify = useCallback((text: string, kind: "info" | "error" = "info") => {
    const id = Date.now() + Math.random();
    setToasts((ts) => [...ts.slice(-3), { id, text, kind }]);
    setTimeout(() => setToasts((ts) => ts.filter((x) => x.id !== id)), kind === "error" ? 8000 : 4000);
  }, []);
  const [droppedOpen, setDroppedOpen] = useState(true);

  // ---- view state (never in the document)
  const [selected, setSelectedState] = useState<ReadonlySet<string>>(new Set());
  const setSelected = useCallback(
    (u: (prev: ReadonlySet<string>) => ReadonlySet<string>) => setSelectedState((p) => u(p)),
    [],
  );
  const [editingId, setEditingId] = useState<string | null>(null);
  const [placing, setPlacing] = useState<PaletteItem>({ type: "node", kind: "system_own" });
  const [snap, setSnap] = useState(true);
  const [showMinimap, setShowMinimap] = useState(true);
  const [showLegend, setShowLegend] = useState(false);
  const [riskView, setRiskView] = useState(false);
  const [help, setHelp] = useState(false);
  const [pendingDelete, setPendingDelete] = useState<PendingDelete | null>(null);
  const [highlight, setHighlight] = useState<Set<string> | null>(null);
  const [walk, setWalk] = useState<number | null>(null);
  const [search, setSearch] = useState("");
  const [searchIndex, setSearchIndex] = useState(0);
  const [layoutBusy, setLayoutBusy] = useState(false);
  const [tab, setTab] = useState<string>("inspector");
  const [canUndo, setCanUndo] = useState({ undo: false, redo: false });
  const searchRef = useRef<HTMLInputElement>(null);
  const canvasApi = useRef<CanvasApi | null>(null);
  const writer = useMemo(() => createPositionWriter(ydoc, 80), [ydoc]);
  useEffect(() => () => writer.flush(), [writer]);

  useEffect(() => {
    const update = () => setCanUndo({ undo: undo.canUndo(), redo: undo.canRedo() });
    undo.on("stack-item-added", update);
    undo.on("stack-item-popped", update);
    update();
    return () => {
      undo.off("stack-item-added", update);
      undo.off("stack-item-popped", update);
    };
  }, [undo]);

  // ---- server notices (read-only link, refused update, limits)
  const [notice, setNotice] = useState<ServerNotice | null>(connection ? connection.notice() : null);
  useEffect(() => connection?.onNotice(setNotice), [connection]);

  // ---- connection status
  const [status, setStatus] = useState<ConnectionStatus | "local">(connection ? connection.status() : "local");
  useEffect(() => {
    if (!connection) return;
    const off = connection.onStatus(setStatus);
    // The socket may have opened between the first render and this subscription.
    setStatus(connection.status());
    return () => {
      off();
    };
  }, [connection]);

  // ---- presence
  const [identity, setIdentity] = useState(savedIdentity);
  const awareness = (connection?.awareness ?? null) as AwarenessLike | null;
  const presence = usePresence(awareness, identity);
  const [following, setFollowing] = useState<number | null>(null);
  useEffect(() => presence.publish.selection([...selected]), [selected, presence.publish]);
  useEffect(() => {
    if (following === null) return;
    const p = presence.participants.find((x) => x.clientId === following);
    if (!p) setFollowing(null);
    else if (p.viewport) rf.setViewport(p.viewport);
  }, [following, presence.participants, rf]);

  // ---- findings (off the critical path: debounced after edits)
  const [findings, setFindings] = useState<Finding[] | null>(null);
  useEffect(() => {
    if (!model || !rulesAvailable()) return;
    const timer = setTimeout(() => {
      loadRules().then((m) => {
        if (!m) return;
        try {
          setFindings(m.evaluateRules(model));
        } catch {
          setFindings(null);
        }
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [model]);

  // ---- search
  const matches = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q || !model) return [];
    return [
      ...model.nodes.filter((n) => n.label.toLowerCase().includes(q)).map((n) => n.id),
      ...model.groups.filter((g) => g.label.toLowerCase().includes(q)).map((g) => g.id),
    ];
  }, [search, model]);

  const stepFlows = useMemo(() => (model ? flowsInStepOrder(model) : []), [model]);

  // Other people's selections change far less often than their cursors: recompute only when they do.
  const selectionKey = JSON.stringify(
    presence.participants.filter((p) => !p.self).map((p) => [p.clientId, p.user, p.selection ?? []]),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the selections, not on cursor moves
  const remoteSel = useMemo(() => remoteSelections(presence.participants), [selectionKey]);

  // ---- decorations: findings, highlight, walkthrough, search, other people's selections
  const decorations = useMemo(
    () =>
      model
        ? computeDecorations({
            model,
            findings,
            walking: walk !== null,
            walkFlow: walk !== null ? stepFlows[walk] : null,
            highlight,
            matches,
            riskView,
            remote: remoteSel,
          })
        : new Map<string, Decoration>(),
    [model, findings, walk, stepFlows, highlight, matches, riskView, remoteSel],
  );

  // ---- selecting and centring
  const boundsOf = useCallback(
    (ids: Iterable<string>): Rect | null => {
      if (!model) return null;
      const rects: Rect[] = [];
      for (const id of ids) {
        const n = model.nodes.find((x) => x.id === id);
        if (n) rects.push(nodeRect(n));
        const g = model.groups.find((x) => x.id === id);
        if (g) rects.push(groupRect(g));
        const f = model.flows.find((x) => x.id === id);
        if (f)
          for (const end of [f.source, f.target]) {
            const e = model.nodes.find((x) => x.id === end);
            if (e) rects.push(nodeRect(e));
          }
      }
      if (!rects.length) return null;
      const x = Math.min(...rects.map((r) => r.x));
      const y = Math.min(...rects.map((r) => r.y));
      return {
        x,
        y,
        width: Math.max(...rects.map((r) => r.x + r.width)) - x,
        height: Math.max(...rects.map((r) => r.y + r.height)) - y,
      };
    },
    [model],
  );
  const centreOn = useCallback(
    (ids: Iterable<string>) => {
      const b = boundsOf(ids);
      if (!b) return;
      // Keep the zoom the person chose unless the elements do not fit at it.
      const el = document.querySelector(".nagare-canvas");
      const zoom = rf.getZoom();
      const fits = el && b.width * zoom < el.clientWidth * 0.8 && b.height * zoom < el.clientHeight * 0.8;
      if (fits) void rf.setCenter(b.x + b.width / 2, b.y + b.height / 2, { zoom, duration: 250 });
      else void rf.fitBounds(b, { padding: 0.3, duration: 250 });
    },
    [boundsOf, rf],
  );
  const selectIds = useCallback(
    (ids: ElementIds) => {
      const all = [...(ids.nodes ?? []), ...(ids.flows ?? []), ...(ids.groups ?? [])];
      setSelectedState(new Set(all));
      setTab("inspector");
      centreOn(all);
    },
    [centreOn],
  );
  const selectOne = useCallback((id: string) => selectIds({ nodes: [id] }), [selectIds]);

  // ---- actions
  const doUndo = useCallback(() => {
    writer.flush();
    undo.undo();
  }, [undo, writer]);
  const doRedo = useCallback(() => undo.redo(), [undo]);
  const runLayout = useCallback(async () => {
    if (!model || readOnly || layoutBusy) return;
    setLayoutBusy(true);
    try {
      const started = performance.now();
      const out = await computeLayout(model);
      writePositions(ydoc, out.writes);
      notify(t("editor.msg.layoutDone", { ms: Math.round(performance.now() - started) }));
      setTimeout(() => void rf.fitView({ padding: 0.1, duration: 300 }), 60);
    } catch (e) {
      notify(t("editor.msg.layoutFailed", { error: e instanceof Error ? e.message : String(e) }), "error");
    } finally {
      setLayoutBusy(false);
    }
  }, [model, readOnly, layoutBusy, ydoc, notify, t, rf]);
  const renumber = useCallback(() => {
    if (!model || readOnly) return;
    notify(t("editor.msg.renumbered", { n: applyRenumber(ydoc, model) }));
  }, [model, readOnly, ydoc, notify, t]);
  const askDelete = useCallback(() => {
    if (!model || readOnly) return;
    const nodes = model.nodes.filter((n) => selected.has(n.id)).map((n) => n.id);
    const groups = model.groups.filter((g) => selected.has(g.id)).map((g) => g.id);
    const flows = model.flows.filter((f) => selected.has(f.id)).map((f) => f.id);
    if (!nodes.length && !groups.length && !flows.length) return notify(t("editor.msg.nothingSelected"));
    setPendingDelete({ nodes, groups, flows, connected: connectedFlows(model, nodes) });
  }, [model, readOnly, selected, notify, t]);
  const addAtCentre = useCallback(
    (item: PaletteItem) => {
      if (!model || readOnly) return;
      const el = document.querySelector(".nagare-canvas");
      const r = el?.getBoundingClientRect();
      const at = r
        ? rf.screenToFlowPosition({
            x: r.left + r.width / 2 + (Math.random() - 0.5) * 80,
            y: r.top + r.height / 2 + (Math.random() - 0.5) * 60,
          })
        : { x: 0, y: 0 };
      // The same path as a drop, so that membership is decided the same way.
      canvasApi.current?.place(item, at);
    },
    [model, readOnly, rf],
  );

  // ---- keyboard
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || pendingDelete || help) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (walk !== null) {
        if (e.key === "ArrowRight") setWalk((w) => Math.min((w ?? 0) + 1, stepFlows.length - 1));
        else if (e.key === "ArrowLeft") setWalk((w) => Math.max((w ?? 0) - 1, 0));
        else if (e.key === "Escape") setWalk(null);
        else return;
        e.preventDefault();
        return;
      }
      if (mod && k === "z" && !e.shiftKey) doUndo();
      else if (mod && ((k === "z" && e.shiftKey) || k === "y")) doRedo();
      else if (mod && k === "a")
        setSelectedState(new Set([...(model?.nodes ?? []).map((n) => n.id), ...(model?.flows ?? []).map((f) => f.id)]));
      else if (mod && k === "f") searchRef.current?.focus();
      else if (e.key === "Delete" || e.key === "Backspace") askDelete();
      else if (e.key === "Escape") {
        setSelectedState(new Set());
        setHighlight(null);
        setSearch("");
      } else if (e.key === "?") setHelp(true);
      else if (e.shiftKey && e.code === "Digit1") void rf.fitView({ padding: 0.1, duration: 250 });
      else if (e.shiftKey && k === "l") void runLayout();
      else if (e.shiftKey && k === "r") renumber();
      else if (e.shiftKey && k === "w") setWalk(0);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [walk, stepFlows.length, doUndo, doRedo, askDelete, runLayout, renumber, model, rf, pendingDelete, help]);

  // ---- clipboard
  useEffect(() => {
    const onCopy = (e: ClipboardEvent) => {
      if (isTyping(e.target) || !model || !selected.size) return;
      const sel = {
        nodes: model.nodes.filter((n) => selected.has(n.id)).map((n) => n.id),
        groups: model.groups.filter((g) => selected.has(g.id)).map((g) => g.id),
        flows: model.flows.filter((f) => selected.has(f.id)).map((f) => f.id),
      };
      e.clipboardData?.setData("text/plain", copyPayload(model, sel));
      e.preventDefault();
      notify(t("editor.msg.copied", { n: sel.nodes.length + sel.groups.length }));
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTyping(e.target) || !model) return;
      e.preventDefault();
      if (readOnly) return notify(t("editor.msg.readOnly"), "error");
      const text = e.clipboardData?.getData("text/plain") ?? "";
      const r = pasteText(ydoc, model, text, { x: 40, y: 40 });
      if (!r.ok)
        notify(
          t("editor.msg.pasteRefused", {
            detail: r.problems
              .slice(0, 2)
              .map((p) => p[lang])
              .join(" / "),
          }),
          "error",
        );
      else {
        setSelectedState(new Set([...r.nodes, ...r.groups, ...r.flows]));
        notify(t("editor.msg.pasted", { n: r.nodes.length + r.groups.length }));
      }
    };
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, [model, selected, ydoc, readOnly, notify, t, lang]);

  // Read-only debug hook for tests and support: the validated model as plain data.
  useEffect(() => {
    const w = window as unknown as { __nagare?: { model: () => NagareDocument | null } };
    w.__nagare = { model: () => (model ? structuredClone(model) : null) };
  }, [model]);

  // The canvas selection as panels see it (export of the selection); recomputed only when it changes.
  const canvasSelection = useMemo<CanvasSelection>(
    () => ({
      nodes: (model?.nodes ?? []).filter((n) => selected.has(n.id)).map((n) => n.id),
      flows: (model?.flows ?? []).filter((f) => selected.has(f.id)).map((f) => f.id),
      groups: (model?.groups ?? []).filter((g) => selected.has(g.id)).map((g) => g.id),
    }),
    [model, selected],
  );

  // Walkthrough follows the current step on the canvas.
  useEffect(() => {
    if (walk === null) return;
    const f = stepFlows[walk];
    if (f) centreOn([f.id]);
  }, [walk, stepFlows, centreOn]);

  if (!model) return <main className="editor-page is-loading">{t("app.loading")}</main>;

  const panelProps: PanelProps = {
    ydoc,
    model,
    lang,
    session,
    readOnly,
    select: selectIds,
    highlight: (ids) =>
      setHighlight(ids ? new Set([...(ids.nodes ?? []), ...(ids.flows ?? []), ...(ids.groups ?? [])]) : null),
    selection: canvasSelection,
  };
  const activePanel = PANELS.find((p) => p.id === tab);
  const openFindings = findings?.filter((f) => effectiveStatus(f, model) === "open").length ?? 0;

  return (
    <main className={`editor-page ${readOnly ? "is-readonly" : ""}`} data-doc={session.docId ?? "local"}>
      <header className="editor-toolbar">
        <a className="brand" href="/">
          {t("app.title")}
        </a>
        <span className="doc-title">{model.title || model.meta.jimuName || t("editor.untitled")}</span>
        {readOnly ? <span className="badge readonly">{t("editor.readOnly")}</span> : null}
        <span className={`status status-${status}`} data-testid="status">
          {t(`editor.status.${status}` as MessageKey)}
        </span>
        {notice ? (
          <span className="server-notice" role="alert" data-testid="server-notice" data-code={notice.code}>
            {lang === "ja" ? notice.ja : notice.en}
            {status === "refused" && session.docId ? (
              <button
                type="button"
                onClick={() => discardLocalCopy(session.docId as string, t("editor.notice.discardConfirm"))}
              >
                {t("editor.notice.discardLocal")}
              </button>
            ) : null}
          </span>
        ) : null}
        <div className="toolbar-group">
          {!readOnly ? (
            <>
              <button type="button" onClick={doUndo} disabled={!canUndo.undo} title="Ctrl+Z">
                {t("editor.undo")}
              </button>
              <button type="button" onClick={doRedo} disabled={!canUndo.redo} title="Ctrl+Shift+Z">
                {t("editor.redo")}
              </button>
              <button type="button" onClick={() => void runLayout()} disabled={layoutBusy} title="Shift+L">
                {layoutBusy ? t("editor.layout.running") : t("editor.layout")}
              </button>
              <button type="button" onClick={renumber} title="Shift+R">
                {t("editor.renumber")}
              </button>
            </>
          ) : null}
          <button type="button" onClick={() => void rf.fitView({ padding: 0.1, duration: 250 })} title="Shift+1">
            {t("editor.fit")}
          </button>
          <button type="button" onClick={() => setWalk(0)} title="Shift+W">
            {t("editor.walkthrough")}
          </button>
        </div>
        <ViewToggles
          lang={lang}
          value={{ snap, minimap: showMinimap, legend: showLegend, riskView }}
          onChange={(v) => {
            setSnap(v.snap);
            setShowMinimap(v.minimap);
            setShowLegend(v.legend);
            setRiskView(v.riskView);
          }}
          openFindings={findings ? openFindings : null}
          engineMissing={!rulesAvailable()}
        />
        <SearchBox
          lang={lang}
          inputRef={searchRef}
          query={search}
          setQuery={(q) => {
            setSearch(q);
            setSearchIndex(0);
          }}
          matches={matches}
          onPick={() => {
            selectOne(matches[searchIndex % matches.length] as string);
            setSearchIndex((i) => i + 1);
          }}
        />
        <ParticipantList list={presence.participants} lang={lang} following={following} onFollow={setFollowing} />
        <button type="button" onClick={() => setHelp(true)} title="?">
          {t("editor.help")}
        </button>
        <button type="button" onClick={() => setLang(lang === "ja" ? "en" : "ja")}>
          {t("app.language")}
        </button>
      </header>
      {read && read.dropped.length > 0 && droppedOpen ? (
        <div className="dropped-banner" role="alert" data-testid="dropped">
          <strong>{t("editor.msg.dropped", { n: read.dropped.length })}</strong>
          <ul>
            {read.dropped.slice(0, 5).map((d) => (
              <li key={`${d.collection}:${d.id}`}>
                {d.collection} “{d.id}”: {lang === "ja" ? d.ja : d.en}
              </li>
            ))}
          </ul>
          {!readOnly ? (
            <button
              type="button"
              onClick={() => notify(t("editor.msg.repaired", { n: removeDropped(ydoc, read.dropped) }))}
            >
              {t("editor.repair")}
            </button>
          ) : null}{" "}
          <button type="button" className="link" onClick={() => setDroppedOpen(false)}>
            {t("editor.dismiss")}
          </button>
        </div>
      ) : null}
      <div className="editor-body">
        {!readOnly ? (
          <Palette
            lang={lang}
            placing={placing}
            onChoose={setPlacing}
            onAdd={addAtCentre}
            onStandardLanes={() => {
              createStandardLanes(ydoc, model, lang);
              setTimeout(() => void rf.fitView({ padding: 0.1, duration: 250 }), 80);
            }}
          />
        ) : null}
        <div className="canvas-wrap">
          <Canvas
            ydoc={ydoc}
            model={model}
            lang={lang}
            readOnly={readOnly}
            selected={selected}
            setSelected={setSelected}
            decorations={decorations}
            writer={writer}
            notify={notify}
            placing={placing}
            snap={snap}
            showMinimap={showMinimap}
            editingId={editingId}
            setEditingId={setEditingId}
            onPointer={presence.publish.cursor}
            onViewport={presence.publish.viewport}
            apiRef={canvasApi}
          >
            <RemoteCursors list={presence.participants} />
            {showLegend ? (
              <Panel position="bottom-left">
                <Legend lang={lang} />
              </Panel>
            ) : null}
            {!readOnly && model.nodes.length === 0 && model.groups.length === 0 ? (
              <Panel position="bottom-center" className="empty-hint-panel">
                <div className="empty-hint" data-testid="empty-hint">
                  <p>{t("editor.empty.hint")}</p>
                  <button
                    type="button"
                    onClick={() => {
                      createStandardLanes(ydoc, model, lang);
                      setTimeout(() => void rf.fitView({ padding: 0.1, duration: 250 }), 80);
                    }}
                  >
                    {t("editor.empty.lanes")}
                  </button>
                </div>
              </Panel>
            ) : null}
            {riskView && findings === null ? (
              <Panel position="top-center">
                <div className="canvas-note">{t("editor.risk.noEngine")}</div>
              </Panel>
            ) : null}
          </Canvas>
          {walk !== null ? (
            <Walkthrough
              model={model}
              flows={stepFlows}
              index={walk}
              lang={lang}
              onMove={setWalk}
              onClose={() => setWalk(null)}
            />
          ) : null}
          <div className="toasts" aria-live="polite">
            {toasts.map((x) => (
              <div key={x.id} className={`toast toast-${x.kind}`} role={x.kind === "error" ? "alert" : "status"}>
                {x.text}
              </div>
            ))}
          </div>
        </div>
        <aside className="side">
          <div className="side-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === "inspector"}
              className={tab === "inspector" ? "is-current" : ""}
              onClick={() => setTab("inspector")}
            >
              {t("editor.panel.inspector")}
            </button>
            {PANELS.map((p) => (
              <button
                key={p.id}
                type="button"
                role="tab"
                aria-selected={tab === p.id}
                className={tab === p.id ? "is-current" : ""}
                data-testid={`tab-${p.id}`}
                onClick={() => setTab(p.id)}
              >
                {t(p.titleKey)}
              </button>
            ))}
          </div>
          <div className="side-body">
            {tab === "inspector" || !activePanel ? (
              <Inspector
                ydoc={ydoc}
                model={model}
                lang={lang}
                readOnly={readOnly}
                selected={[...selected].filter((id) => exists(model, id))}
                select={selectOne}
              />
            ) : (
              <Suspense fallback={<p className="panel-loading">{t("app.loading")}</p>}>
                <activePanel.component {...panelProps} />
              </Suspense>
            )}
          </div>
        </aside>
      </div>
      {pendingDelete ? (
        <DeleteDialog
          pending={pendingDelete}
          model={model}
          lang={lang}
          onCancel={() => setPendingDelete(null)}
          onConfirm={() => {
            deleteElements(ydoc, model, pendingDelete);
            notify(
              t("editor.msg.deleted", {
                n: pendingDelete.nodes.length + pendingDelete.groups.length + pendingDelete.flows.length,
              }),
            );
            setPendingDelete(null);
            setSelectedState(new Set());
          }}
        />
      ) : null}
      {help ? <HelpDialog lang={lang} onClose={() => setHelp(false)} /> : null}
      {connection && !identity ? (
        <IdentityDialog
          lang={lang}
          onDone={(id) => {
            saveIdentity(id);
            setIdentity(id);
          }}
        />
      ) : null}
    </main>
  );
}

function exists(model: NagareDocument, id: string): boolean {
  return (
    model.nodes.some((n) => n.id === id) ||
    model.flows.some((f) => f.id === id) ||
    model.groups.some((g) => g.id === id)
  );
}
