import { Panel, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Decoration } from "../../canvas/binding";
import { Canvas, type CanvasApi, type PaletteItem } from "../../canvas/Canvas";
import { computeDecorations } from "../../canvas/decorations";
import { effectiveStatus } from "../../canvas/findings";
import { type AwarenessLike, remoteSelections, savedIdentity, saveIdentity } from "../../canvas/presence";
import { useDocModel } from "../../canvas/useModel";
import {
  connectNodes,
  createPositionWriter,
  createStandardLanes,
  deleteElements,
  deleteListEntry,
  flowsInStepOrder,
  groupRect,
  nodeRect,
  type Rect,
  removeDropped,
  transactLocal,
} from "../../document";
import type { Lang, MessageKey } from "../../i18n";
import { translate } from "../../i18n";
import type { NagareDocument } from "../../model";
import { CommentPins } from "../review/CommentPins";
import { ReviewPresenter } from "../review/Presenter";
import { canComment, reviewUi, useReviewUi } from "../review/state";
import type { Session } from "../session";
import type { ActionContext, EditorUi } from "./actions";
import { ContextMenu, type MenuRequest } from "./ContextMenu";
import { useClipboard } from "./clipboard";
import { DeleteDialog, HelpDialog, IdentityDialog, Legend, type PendingDelete } from "./Dialogs";
import type { EditorResources } from "./EditorPage";
import { EditorToolbar } from "./EditorToolbar";
import { FlowTargetDialog } from "./FlowTargetDialog";
import { useActionKeys, useConnectionInfo, useDebugHook, useFindings, useUndoStacks } from "./hooks";
import { Inspector } from "./Inspector";
import { Palette } from "./Palette";
import { RemoteCursors, usePresence } from "./Presence";
import type { CanvasSelection, ElementIds, PanelProps } from "./panels";
import { usePlacementNotes } from "./placement-notes";
import { SidePanel } from "./SidePanel";
import { Toasts, useToasts } from "./Toasts";
import type { ViewSwitches } from "./Toolbar";
import { Walkthrough } from "./Walkthrough";

/**
 * Everything around the canvas: toolbar, palette, side panel, dialogs, presence. What the editor can do lives
 * in ./actions (one module per action); this component holds the view state and wires the pieces together.
 */
export function EditorShell({
  res,
  lang,
  setLang,
  session,
  changes,
}: {
  res: EditorResources;
  lang: Lang;
  setLang: (l: Lang) => void;
  session: Session;
  /** Comparing versions: each differing element's change, coloured on the canvas (versions page). */
  changes?: ReadonlyMap<string, "added" | "removed" | "changed">;
}) {
  const { ydoc, undo, connection } = res;
  const read = useDocModel(ydoc);
  const model = read?.doc ?? null;
  // A review link (点検用リンク) cannot change the drawing: it writes review remarks only.
  const readOnly = session.role === "view" || session.role === "review";
  const review = useReviewUi();
  const t = useCallback((k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v), [lang]);
  const rf = useReactFlow();
  const { toasts, notify, dismiss } = useToasts();
  useUndoStacks(undo);
  const { status, notice } = useConnectionInfo(connection);
  const findings = useFindings(model);
  const placementNotes = usePlacementNotes(ydoc, lang, t, notify);

  // ---- view state (never in the document)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editingId, setEditingId] = useState<string | null>(null);
  const [placing, setPlacing] = useState<PaletteItem>({ type: "node", kind: "system_own" });
  const [view, setView] = useState<ViewSwitches>({ snap: true, minimap: true, legend: false, riskView: false });
  const [dialog, setDialog] = useState<
    { kind: "help" } | { kind: "delete"; pending: PendingDelete } | { kind: "flow"; source: string } | null
  >(null);
  const [highlight, setHighlight] = useState<Set<string> | null>(null);
  const [walk, setWalk] = useState<number | null>(null);
  const [search, setSearch] = useState({ query: "", index: 0 });
  const [busy, setBusyState] = useState<ReadonlySet<string>>(new Set());
  const [tab, setTab] = useState<string>("inspector");
  const [sideCollapsed, setSideCollapsed] = useState(false);
  const [paletteCollapsed, setPaletteCollapsed] = useState(false);
  const [menu, setMenu] = useState<MenuRequest | null>(null);
  const [droppedOpen, setDroppedOpen] = useState(true);
  const searchRef = useRef<HTMLInputElement>(null);
  const canvasApi = useRef<CanvasApi | null>(null);
  const writer = useMemo(() => createPositionWriter(ydoc, 80), [ydoc]);
  useEffect(() => () => writer.flush(), [writer]);

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

  const matches = useMemo(() => {
    const q = search.query.trim().toLowerCase();
    if (!q || !model) return [];
    return [
      ...model.nodes.filter((n) => n.label.toLowerCase().includes(q)).map((n) => n.id),
      ...model.groups.filter((g) => g.label.toLowerCase().includes(q)).map((g) => g.id),
    ];
  }, [search.query, model]);

  const stepFlows = useMemo(() => (model ? flowsInStepOrder(model) : []), [model]);

  // Other people's selections change far less often than their cursors: recompute only when they do.
  const selectionKey = JSON.stringify(
    presence.participants.filter((p) => !p.self).map((p) => [p.clientId, p.user, p.selection ?? []]),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the selections, not on cursor moves
  const remoteSel = useMemo(() => remoteSelections(presence.participants), [selectionKey]);

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
            riskView: view.riskView,
            remote: remoteSel,
          })
        : new Map<string, Decoration>(),
    [model, findings, walk, stepFlows, highlight, matches, view.riskView, remoteSel],
  );
  const shownDecorations = useMemo(() => {
    if (!changes?.size) return decorations;
    const out = new Map(decorations);
    for (const [id, change] of changes) out.set(id, { ...out.get(id), change });
    return out;
  }, [decorations, changes]);

  // ---- selecting and centring
  const centreOn = useCallback(
    (ids: Iterable<string>) => {
      const b = model ? boundsOf(model, ids) : null;
      if (!b) return;
      // Keep the zoom the person chose unless the elements do not fit at it.
      const el = document.querySelector(".nagare-canvas");
      const zoom = rf.getZoom();
      const fits = el && b.width * zoom < el.clientWidth * 0.8 && b.height * zoom < el.clientHeight * 0.8;
      if (fits) void rf.setCenter(b.x + b.width / 2, b.y + b.height / 2, { zoom, duration: 250 });
      else void rf.fitBounds(b, { padding: 0.3, duration: 250 });
    },
    [model, rf],
  );
  const selectIds = useCallback(
    (ids: ElementIds) => {
      const all = [...(ids.nodes ?? []), ...(ids.flows ?? []), ...(ids.groups ?? [])];
      setSelected(new Set(all));
      setTab("inspector");
      centreOn(all);
    },
    [centreOn],
  );

  // The canvas selection split by collection (only ids that exist); recomputed only when it changes.
  const selection = useMemo<CanvasSelection>(
    () => ({
      nodes: (model?.nodes ?? []).filter((n) => selected.has(n.id)).map((n) => n.id),
      flows: (model?.flows ?? []).filter((f) => selected.has(f.id)).map((f) => f.id),
      groups: (model?.groups ?? []).filter((g) => selected.has(g.id)).map((g) => g.id),
    }),
    [model, selected],
  );

  const fitView = useCallback(() => void rf.fitView({ padding: 0.1, duration: 250 }), [rf]);
  const ui = useMemo<EditorUi>(
    () => ({
      openHelp: () => setDialog({ kind: "help" }),
      startWalk: () => setWalk(0),
      focusSearch: () => searchRef.current?.focus(),
      confirmDelete: (pending) => setDialog({ kind: "delete", pending }),
      chooseFlowTarget: (source) => setDialog({ kind: "flow", source }),
      clear: () => {
        setSelected(new Set());
        setHighlight(null);
        setSearch({ query: "", index: 0 });
      },
      fitView,
      reportPlaced: (ids) => placementNotes(ids, "moved"),
      canComment: canComment(session.role),
      compose: () => {
        setSideCollapsed(false);
        setTab("comments");
        reviewUi.compose();
      },
      presentReview: () => reviewUi.present(true),
      busy,
      setBusy: (id, on) =>
        setBusyState((prev) => {
          const next = new Set(prev);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        }),
    }),
    [busy, fitView, placementNotes, session.role],
  );
  const ctx = useMemo<ActionContext | null>(
    () =>
      model
        ? {
            ydoc,
            model,
            lang,
            t,
            readOnly,
            selection,
            select: selectIds,
            notify,
            undo,
            flushDrag: writer.flush,
            ui,
          }
        : null,
    [ydoc, model, lang, t, readOnly, selection, selectIds, notify, undo, writer, ui],
  );
  useActionKeys(ctx, dialog !== null || walk !== null || menu !== null || review.presenting);
  useClipboard({ ydoc, model, selection, readOnly, lang, t, notify, select: selectIds });

  useDebugHook(ydoc, model, writer);

  // Walkthrough follows the current step on the canvas.
  useEffect(() => {
    if (walk === null) return;
    const f = stepFlows[walk];
    if (f) centreOn([f.id]);
  }, [walk, stepFlows, centreOn]);

  if (!model || !ctx) return <main className="editor-page is-loading">{t("app.loading")}</main>;

  const addLanes = () => {
    createStandardLanes(ydoc, model, lang);
    setTimeout(fitView, 80);
  };
  const panelProps: PanelProps = {
    ydoc,
    model,
    lang,
    session,
    readOnly,
    select: selectIds,
    reveal: (ids) => {
      const all = [...(ids.nodes ?? []), ...(ids.flows ?? []), ...(ids.groups ?? [])];
      setSelected(new Set(all));
      centreOn(all);
    },
    highlight: (ids) =>
      setHighlight(ids ? new Set([...(ids.nodes ?? []), ...(ids.flows ?? []), ...(ids.groups ?? [])]) : null),
    openPanel: (id) => {
      setSideCollapsed(false);
      setTab(id);
    },
    selection,
  };
  const openFindings = findings?.filter((f) => effectiveStatus(f, model) === "open").length ?? 0;

  return (
    <main className={`editor-page ${readOnly ? "is-readonly" : ""}`} data-doc={session.docId ?? "local"}>
      <EditorToolbar
        ctx={ctx}
        title={model.title || model.meta.jimuName || t("editor.untitled")}
        docId={session.docId}
        status={status}
        notice={notice}
        setLang={setLang}
        view={view}
        setView={setView}
        openFindings={findings ? openFindings : null}
        search={{
          inputRef: searchRef,
          query: search.query,
          setQuery: (query) => setSearch({ query, index: 0 }),
          matches,
          onPick: () => {
            selectIds({ nodes: [matches[search.index % matches.length] as string] });
            setSearch((s) => ({ ...s, index: s.index + 1 }));
          },
        }}
        participants={presence.participants}
        following={following}
        onFollow={setFollowing}
      />
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
            collapsed={paletteCollapsed}
            setCollapsed={setPaletteCollapsed}
            placing={placing}
            onChoose={setPlacing}
            onAdd={(item) => canvasApi.current?.add(item)}
            onStandardLanes={addLanes}
          />
        ) : null}
        <div className="canvas-wrap">
          <Canvas
            ydoc={ydoc}
            model={model}
            lang={lang}
            readOnly={readOnly}
            selected={selected}
            setSelected={(u) => setSelected((p) => u(p))}
            decorations={shownDecorations}
            writer={writer}
            notify={notify}
            placing={placing}
            snap={view.snap}
            showMinimap={view.minimap}
            onToggleMinimap={() => setView((v) => ({ ...v, minimap: !v.minimap }))}
            editingId={editingId}
            setEditingId={setEditingId}
            onPointer={presence.publish.cursor}
            onViewport={presence.publish.viewport}
            apiRef={canvasApi}
            onPlaced={placementNotes}
            onContextMenu={(target, id, at) => {
              // A right click on something not selected selects it, as drawing tools do.
              if (id && !selected.has(id)) setSelected(new Set([id]));
              setMenu({ target, ...at });
            }}
          >
            <RemoteCursors list={presence.participants} />
            <CommentPins
              model={model}
              lang={lang}
              onOpen={() => {
                setSideCollapsed(false);
                setTab("comments");
              }}
            />
            {view.legend ? (
              <Panel position="bottom-left">
                <Legend lang={lang} />
              </Panel>
            ) : null}
            {!readOnly && model.nodes.length === 0 && model.groups.length === 0 ? (
              <Panel position="bottom-center" className="empty-hint-panel">
                <div className="empty-hint" data-testid="empty-hint">
                  <p>{t("editor.empty.hint")}</p>
                  <button type="button" onClick={addLanes}>
                    {t("editor.empty.lanes")}
                  </button>
                </div>
              </Panel>
            ) : null}
            {view.riskView && findings === null ? (
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
          {review.presenting ? (
            <ReviewPresenter
              model={model}
              lang={lang}
              show={(target) => {
                if ("elementId" in target) {
                  setSelected(new Set([target.elementId]));
                  centreOn([target.elementId]);
                } else void rf.setCenter(target.x, target.y, { zoom: Math.max(rf.getZoom(), 1), duration: 250 });
              }}
            />
          ) : null}
          <Toasts toasts={toasts} dismiss={dismiss} />
        </div>
        <SidePanel
          lang={lang}
          tab={tab}
          setTab={setTab}
          collapsed={sideCollapsed}
          setCollapsed={setSideCollapsed}
          panelProps={panelProps}
          inspector={
            <Inspector
              ydoc={ydoc}
              model={model}
              lang={lang}
              readOnly={readOnly}
              selected={[...selected].filter((id) => exists(model, id))}
              select={(id) => selectIds({ nodes: [id] })}
            />
          }
        />
      </div>
      {dialog?.kind === "delete" ? (
        <DeleteDialog
          pending={dialog.pending}
          model={model}
          lang={lang}
          onCancel={() => setDialog(null)}
          onConfirm={(delegationIds) => {
            const p = dialog.pending;
            // One undoable step: the elements and the 委託事項 the person chose to delete with them.
            transactLocal(ydoc, () => {
              deleteElements(ydoc, model, p);
              for (const id of delegationIds) deleteListEntry(ydoc, model, "delegations", id);
            });
            notify(t("editor.msg.deleted", { n: p.nodes.length + p.groups.length + p.flows.length }));
            setDialog(null);
            setSelected(new Set());
          }}
        />
      ) : null}
      {menu ? <ContextMenu request={menu} ctx={ctx} onClose={() => setMenu(null)} /> : null}
      {dialog?.kind === "flow" ? (
        <FlowTargetDialog
          model={model}
          source={dialog.source}
          lang={lang}
          onActive={(id) => setHighlight(new Set([dialog.source, ...(id ? [id] : [])]))}
          onCancel={() => {
            setDialog(null);
            setHighlight(null);
          }}
          onChoose={(target) => {
            setDialog(null);
            setHighlight(null);
            const r = connectNodes(ydoc, model, dialog.source, target);
            if (r.ok) {
              selectIds({ flows: [r.id] });
              notify(t("editor.msg.connected"));
            } else notify(t("editor.msg.missingEnd"), "error");
          }}
        />
      ) : null}
      {dialog?.kind === "help" ? <HelpDialog lang={lang} readOnly={readOnly} onClose={() => setDialog(null)} /> : null}
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

/** The box around some elements (a flow counts as its two ends). */
function boundsOf(model: NagareDocument, ids: Iterable<string>): Rect | null {
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
}
