import * as Y from "yjs";
import {
  answerSchema,
  type CommentThread,
  CURRENT_SCHEMA_VERSION,
  commentThreadSchema,
  decisionSchema,
  delegationSchema,
  FORMAT_ID,
  flowSchema,
  groupSchema,
  type LoadResult,
  loadDocumentValue,
  metaSchema,
  type NagareDocument,
  nodeSchema,
  piiFileSchema,
  provisionSchema,
} from "../model";

/**
 * The shape of the shared document (Y.Doc) that the canvas edits and the server syncs and stores.
 *
 *   root Y.Map "nagare"
 *     schemaVersion: number
 *     title: string
 *     meta:        Y.Map<field, JSON value>
 *     nodes, groups, flows, files, delegations, provisions:
 *                  Y.Map<id, Y.Map<field, JSON value>>   (one Y.Map per element, so that two people
 *                                                           editing different fields of one element merge)
 *     decisions, answers: Y.Map<id, JSON value>
 *     comments:    Y.Map<threadId, Y.Map<field, JSON value>>, the thread's replies in a nested
 *                  Y.Map<replyId, {author, at, text}> so that two people answering at once both stay.
 *                  Review threads; a review link may change nothing else (server/sync/validate.ts).
 *
 * Values are plain JSON; a node's position is one atomic {x, y} value so that two concurrent drags can
 * never mix one user's x with another's y. View state (selection, measured size, viewport) is never stored
 * here: it lives in awareness or in the component.
 */

export const ROOT_KEY = "nagare";
export const ELEMENT_COLLECTIONS = ["nodes", "groups", "flows", "files", "delegations", "provisions"] as const;
export type ElementCollection = (typeof ELEMENT_COLLECTIONS)[number];
export const VALUE_COLLECTIONS = ["decisions", "answers"] as const;
export const COMMENTS = "comments";

export function rootOf(ydoc: Y.Doc): Y.Map<unknown> {
  return ydoc.getMap(ROOT_KEY);
}

/** The Y.Map of one collection, created on first use. Call inside a transaction when creating. */
export function collection(
  ydoc: Y.Doc,
  name: ElementCollection | (typeof VALUE_COLLECTIONS)[number] | "meta" | typeof COMMENTS,
) {
  const root = rootOf(ydoc);
  let m = root.get(name);
  if (!(m instanceof Y.Map)) {
    m = new Y.Map();
    root.set(name, m);
  }
  return m as Y.Map<unknown>;
}

function toYElement(obj: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) m.set(k, v);
  return m;
}

/** Writes a whole model into an empty (or to-be-replaced) Y.Doc, in one transaction. */
export function writeModel(ydoc: Y.Doc, doc: NagareDocument, origin: unknown = "load"): void {
  ydoc.transact(() => {
    const root = rootOf(ydoc);
    for (const key of [...root.keys()]) root.delete(key);
    root.set("schemaVersion", CURRENT_SCHEMA_VERSION);
    root.set("title", doc.title);
    const meta = collection(ydoc, "meta");
    for (const [k, v] of Object.entries(doc.meta)) if (v !== undefined) meta.set(k, v);
    for (const name of ELEMENT_COLLECTIONS) {
      const coll = collection(ydoc, name);
      for (const el of doc[name] as { id: string }[]) coll.set(el.id, toYElement(el as Record<string, unknown>));
    }
    for (const name of VALUE_COLLECTIONS) {
      const coll = collection(ydoc, name);
      for (const [id, v] of Object.entries(doc[name])) coll.set(id, v);
    }
    const comments = collection(ydoc, COMMENTS);
    for (const thread of doc.comments ?? []) comments.set(thread.id, threadToY(thread));
  }, origin);
}

/** One review thread as stored in the shared document. */
export function threadToY(thread: CommentThread): Y.Map<unknown> {
  const { id: _id, replies, ...fields } = thread;
  const m = toYElement(fields);
  const r = new Y.Map<unknown>();
  for (const reply of replies) {
    const { id, ...rest } = reply;
    r.set(id, rest);
  }
  m.set("replies", r);
  return m;
}

/** The file-format shape of a stored thread (replies in time order); not validated. */
export function threadFromY(id: string, value: unknown): Record<string, unknown> {
  const json = (value instanceof Y.AbstractType ? value.toJSON() : value) as Record<string, unknown>;
  if (!json || typeof json !== "object" || Array.isArray(json)) return { id, invalid: json };
  const stored = json.replies;
  const replies =
    stored && typeof stored === "object" && !Array.isArray(stored)
      ? Object.entries(stored as Record<string, unknown>)
          .map(([rid, r]) => (r && typeof r === "object" ? { ...(r as Record<string, unknown>), id: rid } : r))
          .sort(byTime)
      : (stored ?? []);
  return { ...json, id, replies };
}

/** Threads and replies in the order they were written (time, then id). */
function byTime(a: unknown, b: unknown): number {
  const ka = `${String((a as { at?: unknown })?.at ?? "")} ${String((a as { id?: unknown })?.id ?? "")}`;
  const kb = `${String((b as { at?: unknown })?.at ?? "")} ${String((b as { id?: unknown })?.id ?? "")}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Creates a Y.Doc holding the model. */
export function ydocFromModel(doc: NagareDocument): Y.Doc {
  const ydoc = new Y.Doc();
  writeModel(ydoc, doc);
  return ydoc;
}

/** The raw (unvalidated) model object of a Y.Doc; elements ordered by id so exports are deterministic. */
export function readRaw(ydoc: Y.Doc): Record<string, unknown> {
  const root = rootOf(ydoc);
  const out: Record<string, unknown> = {
    format: FORMAT_ID,
    schemaVersion: root.get("schemaVersion") ?? CURRENT_SCHEMA_VERSION,
    title: root.get("title") ?? "",
  };
  const meta = root.get("meta");
  out.meta = meta instanceof Y.Map ? meta.toJSON() : {};
  for (const name of ELEMENT_COLLECTIONS) {
    const coll = root.get(name);
    const items: unknown[] = [];
    if (coll instanceof Y.Map) {
      const ids = [...coll.keys()].sort();
      for (const id of ids) {
        const el = coll.get(id);
        items.push(el instanceof Y.Map ? { ...el.toJSON(), id } : el);
      }
    }
    out[name] = items;
  }
  for (const name of VALUE_COLLECTIONS) {
    const coll = root.get(name);
    out[name] = coll instanceof Y.Map ? coll.toJSON() : {};
  }
  // Optional in the file: written only when there are threads, so documents without review stay as they were.
  const comments = root.get(COMMENTS);
  if (comments instanceof Y.Map && comments.size > 0)
    out.comments = [...comments.entries()].map(([id, v]) => threadFromY(id, v)).sort(byTime);
  return out;
}

/** Reads and validates the model held in a Y.Doc (the Yjs → app boundary). */
export function readModel(ydoc: Y.Doc): LoadResult {
  return loadDocumentValue(readRaw(ydoc));
}

export interface TolerantRead {
  doc: NagareDocument;
  /** Elements left out because they are invalid or dangling (e.g. a flow whose node another user deleted). */
  dropped: { collection: string; id: string; ja: string; en: string }[];
}

/**
 * Reads the model from a Y.Doc that concurrent edits may have left inconsistent: one user deletes a node
 * while another draws a flow to it. Instead of refusing the whole document, the elements that cannot stand
 * are left out and listed, so that everyone keeps working on a valid model; the shared document itself is
 * not changed here (repairs are explicit edits).
 */
export function readModelTolerant(ydoc: Y.Doc): TolerantRead {
  const raw = readRaw(ydoc);
  const dropped: TolerantRead["dropped"] = [];
  const first = loadDocumentValue(raw);
  if (first.ok) return { doc: first.doc, dropped };

  // Validate element by element, dropping what fails, then drop references that no longer resolve.
  const meta = metaSchema.safeParse(raw.meta);
  const clean: Record<string, unknown> = {
    ...raw,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: typeof raw.title === "string" ? raw.title.slice(0, 300) : "",
    meta: meta.success ? meta.data : {},
  };
  if (!meta.success)
    dropped.push({
      collection: "meta",
      id: "meta",
      ja: "文書情報が不正なため既定値を使います",
      en: "invalid metadata replaced by defaults",
    });
  const schemas = {
    nodes: nodeSchema,
    groups: groupSchema,
    flows: flowSchema,
    files: piiFileSchema,
    delegations: delegationSchema,
    provisions: provisionSchema,
  } as const;
  for (const name of ELEMENT_COLLECTIONS) {
    const items = (raw[name] as Record<string, unknown>[]) ?? [];
    clean[name] = items.filter((el) => {
      const ok = schemas[name].safeParse(el).success;
      if (!ok)
        dropped.push({
          collection: name,
          id: String(el?.id ?? "?"),
          ja: "形式が不正な要素を除外",
          en: "invalid element left out",
        });
      return ok;
    });
  }
  for (const name of VALUE_COLLECTIONS) {
    const entries = Object.entries((raw[name] as Record<string, unknown>) ?? {});
    const schema = name === "decisions" ? decisionSchema : answerSchema;
    clean[name] = Object.fromEntries(entries.filter(([, v]) => schema.safeParse(v).success));
  }
  if (Array.isArray(raw.comments))
    clean.comments = (raw.comments as Record<string, unknown>[]).filter((t) => {
      const ok = commentThreadSchema.safeParse(t).success;
      if (!ok)
        dropped.push({
          collection: COMMENTS,
          id: String(t?.id ?? "?"),
          ja: "形式が不正な指摘を除外",
          en: "invalid review thread left out",
        });
      return ok;
    });
  const nodes = clean.nodes as { id: string; groupId?: string; delegationId?: string; fileIds?: string[] }[];
  const groups = clean.groups as { id: string; parentId?: string }[];
  const nodeIds = new Set(nodes.map((n) => n.id));
  const groupIds = new Set(groups.map((g) => g.id));
  const fileIds = new Set((clean.files as { id: string }[]).map((f) => f.id));
  const delegationIds = new Set((clean.delegations as { id: string }[]).map((d) => d.id));
  const provisionIds = new Set((clean.provisions as { id: string }[]).map((p) => p.id));
  clean.flows = (clean.flows as { id: string; source: string; target: string }[]).filter((f) => {
    const ok = nodeIds.has(f.source) && nodeIds.has(f.target);
    if (!ok)
      dropped.push({
        collection: "flows",
        id: f.id,
        ja: "始点または終点が削除された流れを除外",
        en: "flow whose end was deleted left out",
      });
    return ok;
  });
  // Dangling optional references are cleared rather than dropping the element.
  const strip = <T extends Record<string, unknown>>(el: T, key: string, valid: Set<string>) => {
    if (typeof el[key] === "string" && !valid.has(el[key] as string)) delete el[key];
  };
  for (const n of nodes as Record<string, unknown>[]) {
    strip(n, "groupId", groupIds);
    strip(n, "delegationId", delegationIds);
    if (Array.isArray(n.fileIds)) n.fileIds = (n.fileIds as string[]).filter((id) => fileIds.has(id));
  }
  for (const g of groups as Record<string, unknown>[]) strip(g, "parentId", groupIds);
  for (const f of clean.flows as Record<string, unknown>[]) {
    strip(f, "delegationId", delegationIds);
    strip(f, "provisionId", provisionIds);
    if (Array.isArray(f.fileIds)) f.fileIds = (f.fileIds as string[]).filter((id) => fileIds.has(id));
  }
  for (const p of clean.provisions as Record<string, unknown>[]) strip(p, "recipientNodeId", nodeIds);
  // Break group cycles by detaching the group that closes one.
  const parent = new Map(groups.map((g) => [g.id, g.parentId]));
  for (const g of groups as Record<string, unknown>[]) {
    const seen = new Set<string>([g.id as string]);
    let cur = parent.get(g.id as string);
    while (cur) {
      if (seen.has(cur)) {
        delete g.parentId;
        parent.set(g.id as string, undefined);
        dropped.push({
          collection: "groups",
          id: String(g.id),
          ja: "循環する入れ子を解除",
          en: "cyclic nesting removed",
        });
        break;
      }
      seen.add(cur);
      cur = parent.get(cur);
    }
  }
  // Duplicate ids cannot arise from Y.Map keys within one collection; across collections, keep the first.
  const seenIds = new Set<string>();
  for (const name of ["nodes", "groups", "flows"] as const) {
    clean[name] = (clean[name] as { id: string }[]).filter((el) => {
      if (seenIds.has(el.id)) {
        dropped.push({
          collection: name,
          id: el.id,
          ja: "重複した ID の要素を除外",
          en: "element with a duplicate id left out",
        });
        return false;
      }
      seenIds.add(el.id);
      return true;
    });
  }
  const second = loadDocumentValue(clean);
  if (second.ok) return { doc: second.doc, dropped };
  // Last resort: an empty document keeps the app usable; the problems are reported.
  for (const p of second.problems) dropped.push({ collection: "document", id: p.path, ja: p.ja, en: p.en });
  const empty = loadDocumentValue({ format: FORMAT_ID, schemaVersion: CURRENT_SCHEMA_VERSION, meta: {} });
  if (!empty.ok) throw new Error("empty document must be valid");
  return { doc: empty.doc, dropped };
}
