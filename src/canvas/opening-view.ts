import type { Rect } from "../document/geometry";
import { NODE_FONT } from "../shapes";

/** Node labels read comfortably from about 11 px on screen: a drawing never opens smaller than that. */
export const READABLE_PX = 11;
export const MIN_OPENING_ZOOM = Math.round((READABLE_PX / NODE_FONT) * 100) / 100;
/** Space kept between the pane edge and the drawing when it is shown from its top-left corner. */
const EDGE_MARGIN = 24;

export interface ViewportLike {
  x: number;
  y: number;
  zoom: number;
}

/** The zoom at which the whole drawing fits the pane (with `padding` as a share of the pane on each side). */
export function fitZoom(bounds: Rect, pane: { width: number; height: number }, padding = 0.1): number {
  if (bounds.width <= 0 || bounds.height <= 0 || pane.width <= 0 || pane.height <= 0) return 1;
  const usable = 1 - 2 * padding;
  return Math.min((pane.width * usable) / bounds.width, (pane.height * usable) / bounds.height);
}

/**
 * The view a drawing opens with when fitting it whole would make it unreadable: the minimum legible zoom,
 * centred along an axis where the drawing fits and otherwise starting at its top-left corner, where the
 * first steps of a flow are drawn. Returns null when the whole drawing already fits at a legible zoom
 * (then the ordinary fit view applies).
 */
export function openingViewport(
  bounds: Rect,
  pane: { width: number; height: number },
  minZoom = MIN_OPENING_ZOOM,
  padding = 0.1,
): ViewportLike | null {
  if (fitZoom(bounds, pane, padding) >= minZoom) return null;
  const axis = (start: number, size: number, paneSize: number) =>
    size * minZoom <= paneSize - 2 * EDGE_MARGIN
      ? (paneSize - size * minZoom) / 2 - start * minZoom
      : EDGE_MARGIN - start * minZoom;
  return {
    x: axis(bounds.x, bounds.width, pane.width),
    y: axis(bounds.y, bounds.height, pane.height),
    zoom: minZoom,
  };
}
