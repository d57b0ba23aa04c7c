import type { NodeKind } from "../model";

/**
 * Sizes of the 別添1 legend kinds, for the canvas, the templates and every export. Icon-like kinds are drawn as
 * a symbol with the label below; the others as a shape with the label inside.
 */
export const ICON_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>([
  "person",
  "staff",
  "terminal",
  "media",
  "network_device",
  "disposal",
]);

/** Node label type: the same size and line height on screen and on paper (px at 100 %). */
export const NODE_FONT = 12;
export const NODE_LINE = 15;
/** The 委託事項 tab above a 委託先/再委託先: height and font size. */
export const TAB_HEIGHT = 16;
export const TAB_FONT = 10;
/** Line spacing when a long 委託事項 takes more than one line of the tab. */
export const TAB_LINE = 13;

/** The size a node gets when none is stored. */
export function defaultNodeSize(kind: NodeKind): { width: number; height: number } {
  if (ICON_KINDS.has(kind)) return { width: 110, height: 86 };
  if (kind === "store") return { width: 130, height: 78 };
  return { width: 150, height: 60 };
}

/** A node size that leaves room for its label (shapes wrap the label inside; icons carry it below). */
export function sizeForLabel(kind: NodeKind, label: string): { width: number; height: number } {
  const chars = [...label].length;
  if (ICON_KINDS.has(kind)) {
    const lines = Math.min(4, Math.max(1, Math.ceil(chars / 9)));
    return { width: 130, height: 64 + 16 * lines };
  }
  const lines = Math.min(5, Math.max(1, Math.ceil(chars / 11)));
  return { width: 180, height: Math.max(60, 26 + 17 * lines) };
}
