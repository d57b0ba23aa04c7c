import * as Y from "yjs";
import { CURRENT_SCHEMA_VERSION } from "../model";
import { collection, rootOf } from "../sync/doc-shape";

/**
 * Transactions of this editor on the shared Y.Doc: each local edit is one transaction with LOCAL_ORIGIN, so
 * that the undo manager tracks exactly this user's edits (never remote ones, never loading).
 */

/** Origin of every edit made through this editor; the undo manager tracks only this origin. */
export const LOCAL_ORIGIN = { source: "nagare.canvas" } as const;

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
      "comments",
    ] as const)
      collection(ydoc, name);
  }, "init");
}
