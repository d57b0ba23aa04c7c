import * as Y from "yjs";
import { CURRENT_SCHEMA_VERSION, FORMAT_ID, type LoadResult, loadDocumentValue, type NagareDocument } from "../model";

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
 *
 * Values are plain JSON; a node's position is one atomic {x, y} value so that two concurrent drags can
 * never mix one user's x with another's y. View state (selection, measured size, viewport) is never stored
 * here: it lives in awareness or in the component.
 */

export const ROOT_KEY = "nagare";
export const ELEMENT_COLLECTIONS = ["nodes", "groups", "flows", "files", "delegations", "provisions"] as const;
export type ElementCollection = (typeof ELEMENT_COLLECTIONS)[number];
export const VALUE_COLLECTIONS = ["decisions", "answers"] as const;

export function rootOf(ydoc: Y.Doc): Y.Map<unknown> {
  return ydoc.getMap(ROOT_KEY);
}

/** The Y.Map of one collection, created on first use. Call inside a transaction when creating. */
export function collection(ydoc: Y.Doc, name: ElementCollection | (typeof VALUE_COLLECTIONS)[number] | "meta") {
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
  }, origin);
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
  return out;
}

/** Reads and validates the model held in a Y.Doc (the Yjs → app boundary). */
export function readModel(ydoc: Y.Doc): LoadResult {
  return loadDocumentValue(readRaw(ydoc));
}
