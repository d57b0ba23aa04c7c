import { useSyncExternalStore } from "react";
import type { CommentTarget } from "../../model";

/**
 * View state of the review shared by the pins, the comments panel and the presenter (never in the document):
 * which element's threads the panel shows, whether the presenter runs, and a request to write a new remark.
 */
export interface ReviewUiState {
  /** Show only the threads on this element, point or 評価書 item (`review/list.ts` threadKey; a pin was pressed). */
  focus: string | null;
  presenting: boolean;
  /** Bumped when someone asks to write a remark (Shift+M, context menu): the panel opens its form. */
  composeRequest: number;
  /** What the requested remark is about, when the request names it (a 評価書 line's 「指摘」); taken by the form. */
  composeTarget: CommentTarget | null;
  /** A 評価書 item whose line the 評価書 panel should bring into view (a thread's 「評価書で表示」); taken by it. */
  showItem: { id: string; label: string } | null;
}

let state: ReviewUiState = { focus: null, presenting: false, composeRequest: 0, composeTarget: null, showItem: null };
const listeners = new Set<() => void>();

function set(patch: Partial<ReviewUiState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export const reviewUi = {
  get: () => state,
  focusOn: (id: string | null) => set({ focus: id }),
  present: (on: boolean) => set({ presenting: on }),
  compose: () => set({ composeRequest: state.composeRequest + 1 }),
  composeOn: (target: CommentTarget) => set({ composeRequest: state.composeRequest + 1, composeTarget: target }),
  takeComposeTarget: () => set({ composeTarget: null }),
  showItem: (item: { id: string; label: string } | null) => set({ showItem: item }),
  subscribe: (l: () => void) => {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};

export function useReviewUi(): ReviewUiState {
  return useSyncExternalStore(reviewUi.subscribe, reviewUi.get, reviewUi.get);
}

/** Whether this link may write remarks: every link but a view link. */
export const canComment = (role: string) => role !== "view";
