import { useEffect, useState } from "react";
import type * as Y from "yjs";
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
    const update = () => {
      timer = null;
      setState(readModelTolerant(ydoc));
    };
    const schedule = () => {
      if (!timer) timer = setTimeout(update, 16);
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
