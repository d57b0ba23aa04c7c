import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { loadRules, rulesAvailable } from "../../canvas/findings";
import type { PositionWriter } from "../../document";
import type { NagareDocument } from "../../model";
import type { Finding } from "../../rules/types";
import type { Connection, ConnectionStatus, ServerNotice } from "../../sync/connect";
import { readModelTolerant } from "../../sync/doc-shape";
import { ACTIONS, type ActionContext, offered, run } from "./actions";
import { matchesKey } from "./actions/keys";

/** Small state hooks of the editor shell. */

/** Re-renders when the undo or redo stack changes (for the enabled state of undo/redo). */
export function useUndoStacks(undo: Y.UndoManager): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    undo.on("stack-item-added", update);
    undo.on("stack-item-popped", update);
    return () => {
      undo.off("stack-item-added", update);
      undo.off("stack-item-popped", update);
    };
  }, [undo]);
}

/**
 * The connection's status and the server's last notice (read-only link, refused update, limits). Read as
 * external stores: a refusal that lands between the first render and the subscription (the link probe
 * often answers while the editor mounts) is still shown, the notice as well as the status.
 */
export function useConnectionInfo(connection: Connection | null) {
  const onStatus = useCallback(
    (changed: () => void) => (connection ? connection.onStatus(changed) : () => {}),
    [connection],
  );
  const onNotice = useCallback(
    (changed: () => void) => (connection ? connection.onNotice(changed) : () => {}),
    [connection],
  );
  const status = useSyncExternalStore<ConnectionStatus | "local">(onStatus, () =>
    connection ? connection.status() : "local",
  );
  const notice = useSyncExternalStore<ServerNotice | null>(onNotice, () => (connection ? connection.notice() : null));
  return { status, notice };
}

/** What the page offers tests and support on `window.__nagare` (read-only). */
export interface DebugHook {
  /** The validated model the editor shows, as plain data. */
  model: () => NagareDocument | null;
  /**
   * Whether that model shows every change made so far: no dragged position waits to be written, and the
   * document read now equals the model shown (the editor re-reads a frame or more after a change).
   */
  settled: () => boolean;
}

/** Publishes the debug hook for the model of this render. */
export function useDebugHook(ydoc: Y.Doc, model: NagareDocument | null, writer: PositionWriter): void {
  useEffect(() => {
    const hook: DebugHook = {
      model: () => (model ? structuredClone(model) : null),
      settled: () =>
        model !== null && !writer.pending() && JSON.stringify(readModelTolerant(ydoc).doc) === JSON.stringify(model),
    };
    (window as unknown as { __nagare?: DebugHook }).__nagare = hook;
  }, [ydoc, model, writer]);
}

/** Findings of the rules engine, off the critical path: debounced after edits, loaded on demand. */
export function useFindings(model: NagareDocument | null): Finding[] | null {
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
  return findings;
}

export const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/**
 * The keyboard: the first action whose shortcut matches runs. Typing into a field, an open dialog
 * (`blocked`) or a mode with its own keys (the walk-through) take precedence.
 */
export function useActionKeys(ctx: ActionContext | null, blocked: boolean): void {
  const ref = useRef(ctx);
  ref.current = ctx;
  useEffect(() => {
    if (blocked) return;
    const onKey = (e: KeyboardEvent) => {
      const c = ref.current;
      if (!c || isTyping(e.target) || e.defaultPrevented) return;
      const a = ACTIONS.find((x) => offered(x, c) && x.keys?.some((k) => matchesKey(e, k)));
      if (!a) return;
      e.preventDefault();
      run(a, c);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [blocked]);
}
