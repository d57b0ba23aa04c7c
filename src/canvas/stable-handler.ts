import { useCallback, useLayoutEffect, useRef } from "react";

/**
 * A function whose identity never changes and that always calls the latest `fn`. React Flow copies some
 * of its props into its store and hands others to every node and edge: a new function on each render of
 * the canvas (several per drag step) would wake thousands of store subscribers and re-render every element.
 */
export function useStableHandler<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}
