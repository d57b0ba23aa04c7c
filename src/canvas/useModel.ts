import { startTransition, useEffect, useState } from "react";
import type * as Y from "yjs";
import { QUIET } from "../document/transact";
import { readModelTolerant, rootOf, type TolerantRead } from "../sync/doc-shape";

/**
 * The validated model of a Y.Doc, re-read (tolerantly) at most once per frame after changes. Invalid or
 * dangling elements are left out and reported in `dropped`.
 */
export function useDocModel(ydoc: Y.Doc | null): TolerantRead | null {
  const [state, setState] = useState<TolerantRead | null>(null);
  useEffect(() => {
    if (!ydoc) {
      setState(null);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Reading validates the whole document; on large drawings it is spaced out so that the main thread
    // keeps time for the canvas (three times the cost of the last read, at least one frame).
    let cost = 0;
    const update = () => {
      timer = null;
      const t0 = performance.now();
      const next = readModelTolerant(ydoc);
      cost = performance.now() - t0;
      // Re-rendering a large drawing is interruptible: typing and dragging stay responsive meanwhile.
      startTransition(() => setState(next));
    };
    const schedule = (_: unknown, tr: Y.Transaction) => {
      if (tr.meta.get(QUIET)) return; // our own drag in progress: the view already shows it
      if (!timer) timer = setTimeout(update, Math.max(16, cost * 3));
    };
    update();
    const root = rootOf(ydoc);
    root.observeDeep(schedule);
    return () => {
      root.unobserveDeep(schedule);
      if (timer) clearTimeout(timer);
    };
  }, [ydoc]);
  return state;
}
