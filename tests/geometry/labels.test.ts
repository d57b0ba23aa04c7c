import { describe, expect, it } from "vitest";
import { type Box, LabelPlacer, LabelSpace, placeLabels } from "../../src/geometry/routing";

/**
 * Where a crowded label goes when none of its own spots is free: the nearest spot that covers no node and no
 * label, close to its first spot, not somewhere far off.
 */

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const dist = (a: Box, b: Box) => Math.hypot(a.x - b.x, a.y - b.y);

/** A wall of labels (40 × 16, 2 px apart) over an area, as a crowded part of a large figure has. */
function crowd(space: LabelSpace, x0: number, y0: number, cols: number, rows: number): Box[] {
  const out: Box[] = [];
  for (let i = 0; i < cols; i++)
    for (let j = 0; j < rows; j++) {
      const b = { x: x0 + i * 42, y: y0 + j * 18, w: 40, h: 16 };
      space.add(b, undefined, 3);
      out.push(b);
    }
  return out;
}

describe("LabelSpace.place for a crowded label", () => {
  it("goes to the nearest free spot, just beside what covers its first spot", () => {
    const space = new LabelSpace();
    // The first spot lies in a block of labels whose right side is nearest (12 px away).
    const taken = crowd(space, 0, 0, 5, 8);
    const first = { x: 168, y: 60, w: 30, h: 14 };
    const got = space.place([first]);
    expect(taken.some((t) => overlaps(t, got))).toBe(false);
    // Right of the block, same height as asked: the block ends at x = 208.
    expect(got.y).toBe(first.y);
    expect(got.x).toBeGreaterThanOrEqual(208);
    expect(got.x).toBeLessThanOrEqual(212);
  });

  it("prefers a free spot over fewer lines among those about as near", () => {
    const first = { x: 40, y: 24, w: 20, h: 10 };
    // Below the block is nearest (30 px), above almost as near (36 px).
    const plain = new LabelSpace();
    crowd(plain, 0, 0, 3, 3);
    expect(plain.place([first]).y).toBeGreaterThan(52);
    // With a line along just below the block, above wins.
    const space = new LabelSpace();
    crowd(space, 0, 0, 3, 3);
    space.addLine(
      [
        { x: -50, y: 60 },
        { x: 200, y: 60 },
      ],
      "other",
    );
    const got = space.place([first]);
    expect(got.y).toBeLessThan(0);
  });

  it("stays within reach when anything near is free, and looks further only when nothing is", () => {
    const near = new LabelSpace();
    crowd(near, 0, 0, 12, 12);
    const first = { x: 250, y: 100, w: 30, h: 14 };
    const got = near.place([first]);
    expect(crowd(new LabelSpace(), 0, 0, 12, 12).some((t) => overlaps(t, got))).toBe(false);
    expect(dist(got, first)).toBeLessThanOrEqual(120);

    // A block wider than the first reach around the first spot: still a free spot, not an overlap.
    const far = new LabelSpace();
    const block = crowd(far, -300, -200, 15, 24);
    const centre = { x: 0, y: 0, w: 30, h: 14 };
    const out = far.place([centre]);
    expect(block.some((t) => overlaps(t, out))).toBe(false);
    expect(dist(out, centre)).toBeGreaterThan(120);
    expect(dist(out, centre)).toBeLessThanOrEqual(320);
  });

  it("gives the same spot for the same space (no dependence on insertion accidents)", () => {
    const a = new LabelSpace();
    const b = new LabelSpace();
    crowd(a, 0, 0, 6, 6);
    crowd(b, 0, 0, 6, 6);
    const first = { x: 100, y: 40, w: 30, h: 14 };
    expect(a.place([first])).toEqual(b.place([first]));
  });
});

describe("LabelPlacer keeps its space between updates", () => {
  const line = {
    id: "f",
    points: [
      { x: 0, y: 0 },
      { x: 400, y: 0 },
    ],
  };
  const other = {
    id: "g",
    points: [
      { x: 0, y: 120 },
      { x: 400, y: 120 },
    ],
  };
  const requests = [
    { flowId: "f", mid: { w: 40, h: 14 } },
    { flowId: "g", mid: { w: 40, h: 14 } },
  ];
  const far = { x: 1000, y: 1000, w: 50, h: 50 };
  const middle = { x: 150, y: -30, w: 100, h: 60 };

  it("marks a moved box where it is now and frees where it was", () => {
    const placer = new LabelPlacer();
    const first = placer.update([line, other], requests, [far]);
    const mid = first.get("f")?.mid as Box;
    expect(overlaps(mid, middle)).toBe(true);
    // The box moves over the label's spot: the label moves off it.
    const covered = placer.update([line, other], requests, [middle]);
    expect(overlaps(covered.get("f")?.mid as Box, middle)).toBe(false);
    // The box moves away again and the label is placed again (its size changed): the same spots as placing
    // from nothing, so nothing is left marked where the box was.
    const resized = [{ flowId: "f", mid: { w: 41, h: 14 } }, requests[1] as (typeof requests)[number]];
    const back = placer.update([line, other], resized, [far]);
    expect(placer.lastPlaced).toBe(1);
    expect(back).toEqual(placeLabels([line, other], resized, [far]));
    expect(overlaps(back.get("f")?.mid as Box, middle)).toBe(true);
  });

  it("marks a moved line where it runs now", () => {
    const placer = new LabelPlacer();
    placer.update([line, other], requests, [far]);
    // The other flow now runs along the first one's label: that label is placed again, off the new line.
    const moved = {
      id: "g",
      points: [
        { x: 0, y: 2 },
        { x: 400, y: 2 },
      ],
    };
    const got = placer.update([line, moved], requests, [far]);
    const spot = got.get("f")?.mid as Box;
    expect(placer.lastPlaced).toBeGreaterThan(0);
    expect(spot.y > 3.5 || spot.y + spot.h < 0.5).toBe(true);
    expect(got).toEqual(placeLabels([line, moved], requests, [far]));
    // Back where it ran, with the first label placed again: nothing is left marked along the line it left.
    const resized = [{ flowId: "f", mid: { w: 41, h: 14 } }, requests[1] as (typeof requests)[number]];
    const back = placer.update([line, other], resized, [far]);
    expect(back).toEqual(placeLabels([line, other], resized, [far]));
  });
});
