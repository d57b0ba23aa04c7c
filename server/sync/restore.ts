import * as Y from "yjs";
import { CURRENT_SCHEMA_VERSION, type NagareDocument } from "../../src/model";
import { collection, ELEMENT_COLLECTIONS, ROOT_KEY, VALUE_COLLECTIONS } from "../../src/sync/doc-shape";

/**
 * Makes the shared document equal to a model with the smallest set of changes: elements that did not
 * change keep their identity, so a person editing one of them while a version is restored loses nothing
 * else. Call inside a transaction.
 */
export function writeModelDiff(ydoc: Y.Doc, target: NagareDocument): void {
  const root = ydoc.getMap<unknown>(ROOT_KEY);
  if (root.get("schemaVersion") !== CURRENT_SCHEMA_VERSION) root.set("schemaVersion", CURRENT_SCHEMA_VERSION);
  if (root.get("title") !== target.title) root.set("title", target.title);
  syncFields(collection(ydoc, "meta"), target.meta as Record<string, unknown>);
  for (const name of ELEMENT_COLLECTIONS) {
    const coll = collection(ydoc, name);
    const wanted = new Map((target[name] as { id: string }[]).map((el) => [el.id, el as Record<string, unknown>]));
    for (const id of [...coll.keys()]) if (!wanted.has(id)) coll.delete(id);
    for (const [id, el] of wanted) {
      const current = coll.get(id);
      if (current instanceof Y.Map) syncFields(current as Y.Map<unknown>, el);
      else {
        const m = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(el)) if (v !== undefined) m.set(k, v);
        coll.set(id, m);
      }
    }
  }
  for (const name of VALUE_COLLECTIONS) {
    const coll = collection(ydoc, name);
    syncFields(coll, target[name] as Record<string, unknown>);
  }
}

function syncFields(map: Y.Map<unknown>, wanted: Record<string, unknown>): void {
  for (const k of [...map.keys()]) if (wanted[k] === undefined) map.delete(k);
  for (const [k, v] of Object.entries(wanted)) {
    if (v === undefined) continue;
    const cur = map.get(k);
    const curJson = cur instanceof Y.AbstractType ? undefined : cur;
    if (!sameJson(curJson, v)) map.set(k, v);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
