import * as Y from "yjs";
import { type MessageKey, translate } from "../i18n";
import {
  delegationSchema,
  flowSchema,
  groupSchema,
  type ModelFlow,
  metaSchema,
  type NagareDocument,
  nodeSchema,
  type Problem,
  piiFileSchema,
  problemsFromZod,
  provisionSchema,
} from "../model";
import { collection, type ElementCollection, rootOf } from "../sync/doc-shape";
import { transactLocal } from "./transact";

/**
 * The write layer over the shared Y.Doc, shared by the canvas, the inspector, the panels and the templates'
 * block insertion. Every write is validated against the model schema first, so the shared document stays
 * valid whatever the UI sends; each call is one transaction (one undo step) unless made inside transactLocal.
 */

export const SCHEMAS = {
  nodes: nodeSchema,
  groups: groupSchema,
  flows: flowSchema,
  files: piiFileSchema,
  delegations: delegationSchema,
  provisions: provisionSchema,
} as const;

/** A message in both languages, for problems that travel as data. */
const bilingual = (key: MessageKey, vars?: Record<string, string | number>) => ({
  ja: translate("ja", key, vars),
  en: translate("en", key, vars),
});

export type WriteResult = { ok: true } | { ok: false; problems: Problem[] };

export function elementMap(ydoc: Y.Doc, coll: ElementCollection, id: string): Y.Map<unknown> | null {
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
  nodes?: readonly string[];
  flows?: readonly string[];
  groups?: readonly string[];
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

export interface ElementBatch {
  groups?: { id: string }[];
  nodes?: { id: string }[];
  flows?: { id: string }[];
  delegations?: { id: string }[];
}

/**
 * Writes elements already validated together with the whole document (a building block: its flows refer to
 * its own nodes, so they cannot be checked one by one). One local transaction, one undo step.
 */
export function writeCheckedElements(ydoc: Y.Doc, batch: ElementBatch): void {
  const put = (name: ElementCollection, el: { id: string }) => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(el)) if (v !== undefined) m.set(k, v);
    collection(ydoc, name).set(el.id, m);
  };
  transactLocal(ydoc, () => {
    for (const g of batch.groups ?? []) put("groups", g);
    for (const n of batch.nodes ?? []) put("nodes", n);
    for (const f of batch.flows ?? []) put("flows", f);
    for (const d of batch.delegations ?? []) put("delegations", d);
  });
}
