import type { Edge, Node } from "@xyflow/react";
import * as Y from "yjs";
import { type MessageKey, translate } from "../i18n";
import {
  CURRENT_SCHEMA_VERSION,
  delegationSchema,
  flowSchema,
  groupSchema,
  type ModelFlow,
  type ModelGroup,
  type ModelNode,
  metaSchema,
  type NagareDocument,
  nodeSchema,
  type Problem,
  piiFileSchema,
  problemsFromZod,
  provisionSchema,
} from "../model";
import { collection, type ElementCollection, rootOf } from "../sync/doc-shape";
import { facingSides, groupDepth, groupRect, groupSubtree, nodeRect, type Point, type Rect } from "./geometry";

/**
 * The one place where React Flow meets the shared Y.Doc.
 *
 *  Y.Doc → view:  `toFlowGraph` turns the validated model (readModelTolerant) into React Flow nodes/edges.
 *  view → Y.Doc:  the write functions below, each one transaction with LOCAL_ORIGIN so that the undo
 *                 manager tracks exactly this user's edits. Every write is validated against the model
 *                 schema first, so the shared document stays valid whatever the UI sends.
 *
 * View state (selection, measured size, dragging, viewport) never goes into the document.
 */

/** Origin of every edit made through this editor; the undo manager tracks only this origin. */
export const LOCAL_ORIGIN = { source: "nagare.canvas" } as const;

export const SCHEMAS = {
  nodes: nodeSchema,
  groups: groupSchema,
  flows: flowSchema,
  files: piiFileSchema,
  delegations: delegationSchema,
  provisions: provisionSchema,
} as const;

// ---------------------------------------------------------------- Y.Doc → React Flow

/** Extra, view-only marks on an element: findings colour, dimming, other people's selections. */
export interface Decoration {
  tone?: "red" | "amber" | "grey" | "green";
  count?: number;
  dim?: boolean;
  focus?: boolean;
  remote?: { name: string; color: string }[];
}

/** `delegation`: the name of the 委託事項 a contractor node carries out (shown on its tag). */
export type NodeData = { node: ModelNode; deco?: Decoration; delegation?: string };
export type GroupData = { group: ModelGroup; deco?: Decoration };
/** `offset` spreads flows between the same two nodes apart (px, view only). */
export type FlowData = { flow: ModelFlow; deco?: Decoration; offset?: number };
export type KindRFNode = Node<NodeData, "kind">;
export type GroupRFNode = Node<GroupData, "container">;
export type AnyRFNode = KindRFNode | GroupRFNode;
export type FlowRFEdge = Edge<FlowData, "flow">;

export interface ViewState {
  selected?: ReadonlySet<string>;
  /** Absolute positions of elements being dragged here (they win over the document while dragging). */
  dragging?: ReadonlyMap<string, Point>;
  decorations?: ReadonlyMap<string, Decoration>;
}

/** The React Flow nodes (groups first, parents before children) and edges of a model. */
export function toFlowGraph(doc: NagareDocument, view: ViewState = {}): { nodes: AnyRFNode[]; edges: FlowRFEdge[] } {
  const selected = view.selected ?? new Set<string>();
  const dragging = view.dragging ?? new Map<string, Point>();
  const groupsById = new Map(doc.groups.map((g) => [g.id, g]));
  const abs = new Map<string, Rect>();
  for (const g of doc.groups) abs.set(g.id, { ...groupRect(g), ...(dragging.get(g.id) ?? {}) });
  for (const n of doc.nodes) abs.set(n.id, { ...nodeRect(n), ...(dragging.get(n.id) ?? {}) });

  const rel = (id: string, parentId: string | undefined): Point => {
    const r = abs.get(id) as Rect;
    const p = parentId ? abs.get(parentId) : undefined;
    return p ? { x: r.x - p.x, y: r.y - p.y } : { x: r.x, y: r.y };
  };
  const delegationNames = new Map(doc.delegations.map((d) => [d.id, d.name]));
  const sortedGroups = [...doc.groups].sort((a, b) => groupDepth(groupsById, a.id) - groupDepth(groupsById, b.id));
  const nodes: AnyRFNode[] = [];
  for (const g of sortedGroups) {
    const parentId = g.parentId && groupsById.has(g.parentId) ? g.parentId : undefined;
    nodes.push({
      id: g.id,
      type: "container",
      position: rel(g.id, parentId),
      ...(parentId ? { parentId } : {}),
      width: g.size.width,
      height: g.size.height,
      selected: selected.has(g.id),
      zIndex: g.type === "lane" ? -10 : -5 + groupDepth(groupsById, g.id),
      data: { group: g, deco: view.decorations?.get(g.id) },
      dragHandle: ".group-header",
    });
  }
  for (const n of doc.nodes) {
    const parentId = n.groupId && groupsById.has(n.groupId) ? n.groupId : undefined;
    const r = abs.get(n.id) as Rect;
    nodes.push({
      id: n.id,
      type: "kind",
      position: rel(n.id, parentId),
      ...(parentId ? { parentId } : {}),
      width: r.width,
      height: r.height,
      selected: selected.has(n.id),
      data: {
        node: n,
        deco: view.decorations?.get(n.id),
        ...(n.delegationId ? { delegation: delegationNames.get(n.delegationId) } : {}),
      },
    });
  }
  // Flows between the same two nodes (a request and its reply, several steps) are drawn side by side.
  const pairKey = (f: ModelFlow) => (f.source < f.target ? `${f.source}|${f.target}` : `${f.target}|${f.source}`);
  const pairCount = new Map<string, number>();
  for (const f of doc.flows) pairCount.set(pairKey(f), (pairCount.get(pairKey(f)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();
  const edges: FlowRFEdge[] = [];
  for (const f of doc.flows) {
    const s = abs.get(f.source);
    const t = abs.get(f.target);
    if (!s || !t) continue;
    // A flow from a node to itself (a process step such as creating a file) loops out right and back on top.
    const sides = f.source === f.target ? { source: "r" as const, target: "t" as const } : facingSides(s, t);
    const key = pairKey(f);
    const n = pairCount.get(key) ?? 1;
    const i = pairSeen.get(key) ?? 0;
    pairSeen.set(key, i + 1);
    // The shift is in absolute x or y, so it needs no sign for the direction of the flow.
    const offset = n > 1 ? (i - (n - 1) / 2) * 16 : 0;
    edges.push({
      id: f.id,
      type: "flow",
      source: f.source,
      target: f.target,
      sourceHandle: `s-${sides.source}`,
      targetHandle: `t-${sides.target}`,
      selected: selected.has(f.id),
      data: { flow: f, deco: view.decorations?.get(f.id), ...(offset ? { offset } : {}) },
    });
  }
  return { nodes, edges };
}

// ---------------------------------------------------------------- view → Y.Doc

/** A message in both languages, for problems that travel as data. */
const bilingual = (key: MessageKey, vars?: Record<string, string | number>) => ({
  ja: translate("ja", key, vars),
  en: translate("en", key, vars),
});

export type WriteResult = { ok: true } | { ok: false; problems: Problem[] };

const undoManagers = new WeakMap<Y.Doc, Y.UndoManager>();
const lastGesture = new WeakMap<Y.Doc, string | undefined>();

/**
 * Runs `fn` as one local transaction, which is one undo step. Consecutive transactions of the same
 * `gesture` (one drag, typing into one field) merge into a single step; anything else starts a new one.
 */
export function transactLocal(ydoc: Y.Doc, fn: () => void, gesture?: string, quiet = false): void {
  const um = undoManagers.get(ydoc);
  if (um && (gesture === undefined || lastGesture.get(ydoc) !== gesture)) um.stopCapturing();
  lastGesture.set(ydoc, gesture);
  ydoc.transact((tr) => {
    if (quiet) tr.meta.set(QUIET, true);
    fn();
  }, LOCAL_ORIGIN);
}

/**
 * Marks a transaction this editor need not re-read: the intermediate position writes of its own drag, which
 * its view already shows. Other participants receive them as usual.
 */
export const QUIET = "nagare.quiet";

function elementMap(ydoc: Y.Doc, coll: ElementCollection, id: string): Y.Map<unknown> | null {
  const m = collection(ydoc, coll).get(id);
  return m instanceof Y.Map ? (m as Y.Map<unknown>) : null;
}

function elementJson(ydoc: Y.Doc, coll: ElementCollection, id: string): Record<string, unknown> | null {
  const m = elementMap(ydoc, coll, id);
  return m ? { ...(m.toJSON() as Record<string, unknown>), id } : null;
}

function validate(coll: ElementCollection, el: unknown): WriteResult & { value?: Record<string, unknown> } {
  const r = SCHEMAS[coll].safeParse(el);
  if (!r.success) return { ok: false, problems: problemsFromZod(r.error, el) };
  return { ok: true, value: r.data as Record<string, unknown> };
}

/** Adds (or replaces) one element after validating it. Call inside transactLocal to group several. */
export function putElement(
  ydoc: Y.Doc,
  coll: ElementCollection,
  el: { id: string; [k: string]: unknown },
): WriteResult {
  const v = validate(coll, el);
  if (!v.ok) return v;
  const m = new Y.Map<unknown>();
  for (const [k, val] of Object.entries(v.value as Record<string, unknown>)) if (val !== undefined) m.set(k, val);
  const doIt = () => collection(ydoc, coll).set(el.id, m);
  if (ydoc._transaction) doIt();
  else transactLocal(ydoc, doIt);
  return { ok: true };
}

/**
 * Changes some fields of one element; `undefined` removes a field. The merged element is validated first:
 * nothing is written when it would break the schema. Only changed keys are written, so that two people
 * editing different fields of one element merge.
 */
export function patchElement(
  ydoc: Y.Doc,
  coll: ElementCollection,
  id: string,
  patch: Record<string, unknown>,
  gesture?: string,
): WriteResult {
  const current = elementJson(ydoc, coll, id);
  if (!current)
    return {
      ok: false,
      problems: [{ path: `${coll}.${id}`, code: "missing", ...bilingual("editor.msg.missing") }],
    };
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const v = validate(coll, merged);
  if (!v.ok) return v;
  const m = elementMap(ydoc, coll, id) as Y.Map<unknown>;
  const doIt = () => {
    for (const [k, val] of Object.entries(patch)) {
      if (val === undefined) m.delete(k);
      else if (JSON.stringify(m.get(k)) !== JSON.stringify(val)) m.set(k, val);
    }
  };
  if (ydoc._transaction) doIt();
  else transactLocal(ydoc, doIt, gesture);
  return { ok: true };
}

/** Changes document metadata fields (validated as a whole) and optionally the title. */
export function patchMeta(ydoc: Y.Doc, patch: Record<string, unknown>, gesture?: string): WriteResult {
  const meta = collection(ydoc, "meta");
  const merged: Record<string, unknown> = { ...(meta.toJSON() as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const r = metaSchema.safeParse(merged);
  if (!r.success) return { ok: false, problems: problemsFromZod(r.error, merged) };
  transactLocal(
    ydoc,
    () => {
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) meta.delete(k);
        else meta.set(k, v);
      }
    },
    gesture,
  );
  return { ok: true };
}

export function setTitle(ydoc: Y.Doc, title: string, gesture?: string): WriteResult {
  if (title.length > 300)
    return {
      ok: false,
      problems: [{ path: "title", code: "too_long", ...bilingual("editor.msg.titleTooLong", { max: 300 }) }],
    };
  transactLocal(ydoc, () => rootOf(ydoc).set("title", title), gesture);
  return { ok: true };
}

export interface ElementSelection {
  nodes?: string[];
  flows?: string[];
  groups?: string[];
}

/** The flows that would be removed with these nodes (for the confirmation). */
export function connectedFlows(doc: NagareDocument, nodeIds: Iterable<string>): ModelFlow[] {
  const set = new Set(nodeIds);
  return doc.flows.filter((f) => set.has(f.source) || set.has(f.target));
}

/**
 * Deletes elements in one transaction, with what they take along: flows of deleted nodes; the members of a
 * deleted group move to its parent group (they are not deleted); references to deleted nodes are cleared.
 */
export function deleteElements(ydoc: Y.Doc, doc: NagareDocument, sel: ElementSelection): void {
  const nodeIds = new Set(sel.nodes ?? []);
  const groupIds = new Set(sel.groups ?? []);
  const flowIds = new Set([...(sel.flows ?? []), ...connectedFlows(doc, nodeIds).map((f) => f.id)]);
  const groupsById = new Map(doc.groups.map((g) => [g.id, g]));
  /** The nearest ancestor that survives. */
  const survivor = (id: string | undefined): string | undefined => {
    let cur = id;
    for (let i = 0; cur && groupIds.has(cur) && i < 64; i++) cur = groupsById.get(cur)?.parentId;
    return cur && !groupIds.has(cur) ? cur : undefined;
  };
  transactLocal(ydoc, () => {
    const nodes = collection(ydoc, "nodes");
    const groups = collection(ydoc, "groups");
    const flows = collection(ydoc, "flows");
    for (const id of flowIds) flows.delete(id);
    for (const id of nodeIds) nodes.delete(id);
    for (const id of groupIds) groups.delete(id);
    for (const n of doc.nodes)
      if (!nodeIds.has(n.id) && n.groupId && groupIds.has(n.groupId)) {
        const m = nodes.get(n.id) as Y.Map<unknown>;
        const to = survivor(n.groupId);
        if (to) m.set("groupId", to);
        else m.delete("groupId");
      }
    for (const g of doc.groups)
      if (!groupIds.has(g.id) && g.parentId && groupIds.has(g.parentId)) {
        const m = groups.get(g.id) as Y.Map<unknown>;
        const to = survivor(g.parentId);
        if (to) m.set("parentId", to);
        else m.delete("parentId");
      }
    const provisions = collection(ydoc, "provisions");
    for (const p of doc.provisions)
      if (p.recipientNodeId && nodeIds.has(p.recipientNodeId))
        (provisions.get(p.id) as Y.Map<unknown>).delete("recipientNodeId");
  });
}

/** Deletes one entry of a list collection (files, delegations, provisions) and the references to it. */
export function deleteListEntry(
  ydoc: Y.Doc,
  doc: NagareDocument,
  coll: "files" | "delegations" | "provisions",
  id: string,
) {
  transactLocal(ydoc, () => {
    collection(ydoc, coll).delete(id);
    const refs: [ElementCollection, { id: string; [k: string]: unknown }[]][] = [
      ["nodes", doc.nodes],
      ["flows", doc.flows],
      ["delegations", doc.delegations],
      ["provisions", doc.provisions],
    ];
    for (const [c, items] of refs)
      for (const el of items) {
        const m = elementMap(ydoc, c, el.id);
        if (!m) continue;
        if (coll === "files" && Array.isArray(el.fileIds) && (el.fileIds as string[]).includes(id))
          m.set(
            "fileIds",
            (el.fileIds as string[]).filter((x) => x !== id),
          );
        if (coll === "delegations" && el.delegationId === id) m.delete("delegationId");
        if (coll === "provisions" && el.provisionId === id) m.delete("provisionId");
      }
  });
}

/**
 * Repairs the shared document by removing the elements the tolerant reader had to leave out (a flow whose
 * node was deleted by someone else, an element that no longer validates). One undoable step.
 */
export function removeDropped(ydoc: Y.Doc, dropped: { collection: string; id: string }[]): number {
  let n = 0;
  transactLocal(ydoc, () => {
    for (const d of dropped) {
      if (!(ELEMENT_NAMES as readonly string[]).includes(d.collection)) continue;
      const coll = collection(ydoc, d.collection as ElementCollection);
      if (coll.has(d.id)) {
        coll.delete(d.id);
        n++;
      }
    }
  });
  return n;
}
const ELEMENT_NAMES = ["nodes", "groups", "flows", "files", "delegations", "provisions"] as const;

export interface PositionWrite {
  coll: "nodes" | "groups";
  id: string;
  position: Point;
  size?: { width: number; height: number };
}

/** Writes positions (and sizes) in one transaction; each position is one atomic {x, y} value. */
export function writePositions(ydoc: Y.Doc, writes: PositionWrite[], gesture?: string, quiet = false): void {
  if (!writes.length) return;
  transactLocal(
    ydoc,
    () => {
      for (const w of writes) {
        const m = elementMap(ydoc, w.coll, w.id);
        if (!m) continue; // deleted meanwhile by someone else
        const x = Math.round(w.position.x * 10) / 10;
        const y = Math.round(w.position.y * 10) / 10;
        if (Number.isFinite(x) && Number.isFinite(y)) m.set("position", { x, y });
        if (w.size && w.size.width > 0 && w.size.height > 0)
          m.set("size", { width: Math.round(w.size.width), height: Math.round(w.size.height) });
      }
    },
    gesture,
    quiet,
  );
}

/**
 * Moves a group and everything inside it (positions are absolute, so the members move too).
 */
export function groupMoveWrites(doc: NagareDocument, groupId: string, to: Point): PositionWrite[] {
  const g = doc.groups.find((x) => x.id === groupId);
  if (!g) return [];
  const dx = to.x - g.position.x;
  const dy = to.y - g.position.y;
  const sub = groupSubtree(doc, groupId);
  const out: PositionWrite[] = [];
  for (const x of doc.groups)
    if (sub.has(x.id)) out.push({ coll: "groups", id: x.id, position: { x: x.position.x + dx, y: x.position.y + dy } });
  for (const n of doc.nodes)
    if (n.groupId && sub.has(n.groupId))
      out.push({ coll: "nodes", id: n.id, position: { x: n.position.x + dx, y: n.position.y + dy } });
  return out;
}

/**
 * Throttles shared position writes during a drag: the view updates every frame, the document at most
 * every `intervalMs`, and `flush` writes the last position at once (on drag stop).
 */
export function createPositionWriter(ydoc: Y.Doc, intervalMs = 80) {
  const pending = new Map<string, PositionWrite>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let gesture: string | undefined;
  const write = (quiet: boolean) => {
    if (timer) clearTimeout(timer);
    timer = null;
    const writes = [...pending.values()];
    pending.clear();
    writePositions(ydoc, writes, gesture, quiet);
  };
  /** The last write of a drag: everyone, this editor included, reads it. */
  const flush = () => write(false);
  return {
    /** Names the drag the following writes belong to (one undo step per drag). */
    begin(name: string) {
      gesture = name;
    },
    gesture: () => gesture,
    push(writes: PositionWrite[]) {
      for (const w of writes) pending.set(`${w.coll}:${w.id}`, w);
      if (!timer) timer = setTimeout(() => write(true), intervalMs);
    },
    flush,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
export type PositionWriter = ReturnType<typeof createPositionWriter>;

/** Undo/redo of this user's edits only (remote edits and loading are never undone here). */
export function createUndoManager(ydoc: Y.Doc): Y.UndoManager {
  // Steps are delimited by transactLocal (see gestures), not by time.
  const um = new Y.UndoManager(rootOf(ydoc), {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: 24 * 3600 * 1000,
  });
  undoManagers.set(ydoc, um);
  lastGesture.delete(ydoc);
  return um;
}

/** Creates the collections of an empty document (not an undoable edit). */
export function ensureInitialized(ydoc: Y.Doc, title = ""): void {
  const root = rootOf(ydoc);
  if (root.has("schemaVersion") && root.has("nodes")) return;
  ydoc.transact(() => {
    if (!root.has("schemaVersion")) root.set("schemaVersion", CURRENT_SCHEMA_VERSION);
    if (!root.has("title")) root.set("title", title);
    for (const name of [
      "meta",
      "nodes",
      "groups",
      "flows",
      "files",
      "delegations",
      "provisions",
      "decisions",
      "answers",
    ] as const)
      collection(ydoc, name);
  }, "init");
}
