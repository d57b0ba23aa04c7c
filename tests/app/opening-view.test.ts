import { describe, expect, it } from "vitest";
import { fitZoom, MIN_OPENING_ZOOM, openingViewport, READABLE_PX } from "../../src/canvas/opening-view";
import { NODE_FONT } from "../../src/shapes";

const pane = { width: 1100, height: 900 };

describe("opening view of a drawing", () => {
  it("leaves a drawing that fits at a legible zoom to the ordinary fit view", () => {
    const small = { x: 0, y: 0, width: 800, height: 600 };
    expect(fitZoom(small, pane)).toBeGreaterThanOrEqual(MIN_OPENING_ZOOM);
    expect(openingViewport(small, pane)).toBeNull();
  });

  it("opens a large drawing at the minimum legible zoom from its top-left corner", () => {
    const large = { x: 40, y: -20, width: 3200, height: 1900 };
    expect(fitZoom(large, pane)).toBeLessThan(MIN_OPENING_ZOOM);
    const vp = openingViewport(large, pane);
    expect(vp?.zoom).toBe(MIN_OPENING_ZOOM);
    // The drawing's top-left corner lands a small margin inside the pane's top-left corner.
    const screenX = 40 * MIN_OPENING_ZOOM + (vp?.x ?? 0);
    const screenY = -20 * MIN_OPENING_ZOOM + (vp?.y ?? 0);
    expect(screenX).toBeGreaterThan(0);
    expect(screenX).toBeLessThan(50);
    expect(screenY).toBeGreaterThan(0);
    expect(screenY).toBeLessThan(50);
  });

  it("centres a wide but low drawing vertically", () => {
    const wide = { x: 0, y: 100, width: 5000, height: 500 };
    const vp = openingViewport(wide, pane);
    if (!vp) throw new Error("expected an opening viewport");
    const top = 100 * vp.zoom + vp.y;
    const bottom = 600 * vp.zoom + vp.y;
    expect(top).toBeCloseTo(pane.height - bottom, 5);
  });

  it("opens at a zoom where node labels are at least 11 px on screen", () => {
    expect(NODE_FONT * MIN_OPENING_ZOOM).toBeGreaterThanOrEqual(READABLE_PX - 0.05);
    expect(MIN_OPENING_ZOOM).toBeGreaterThan(0.6);
  });
});
