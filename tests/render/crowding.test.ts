import { describe, expect, it } from "vitest";
import { renderDiagramSvg } from "../../src/render/svg";
import { templates } from "./helpers";
import { arrowTips, crowding, flowLabelBoxes, nodeBoxes, overlapArea } from "./label-overlap";

/**
 * The densest published figures (東京都: 30 nodes, 61 flows) must stay readable: step labels and transport
 * badges neither cover one another nor a node, seldom sit across another flow's line, and no two arrowheads are
 * drawn on the same spot.
 */

describe("label placement on the template figures", () => {
  const all = templates();

  it("has the templates to draw", () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
  });

  it("the measure sees an overlap and stacked arrowheads when they are there", () => {
    const a = { x: 0, y: 0, w: 20, h: 10, what: "a" };
    expect(overlapArea(a, { ...a, x: 10 })).toBeGreaterThan(0);
    expect(overlapArea(a, { ...a, x: 20 })).toBe(0);
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><g id="flows"><polygon points="10,10 1,5 1,15"/><polygon points="12,10 3,5 3,15"/><g data-flow-id="f3"><path d="M0 8 L40 8"/></g></g>' +
      '<g id="flow-labels"><g data-flow-id="f1"><g data-step="①"><rect x="0" y="0" width="20" height="17"/></g></g>' +
      '<g data-flow-id="f2"><g data-badge="郵送"><rect x="5" y="5" width="30" height="15"/></g></g></g></svg>';
    expect(flowLabelBoxes(svg)).toHaveLength(2);
    expect(arrowTips(svg)).toHaveLength(2);
    const doc = all[0]!.doc;
    const c = crowding(svg, { ...doc, nodes: [] });
    expect(c).toMatchObject({ labels: 2, labelPairs: 1, labelsOnNodes: 0, stackedArrows: 1, labelsOnLines: 2 });
  });

  for (const { name, doc } of all) {
    it(`${name}: labels stay off the nodes and off one another, arrowheads apart`, () => {
      const { svg } = renderDiagramSvg(doc);
      const labels = flowLabelBoxes(svg);
      expect(labels.length).toBeGreaterThan(0);
      const onNodes = labels.filter((l) => nodeBoxes(doc).some((n) => overlapArea(l, n) > 0)).map((l) => l.what);
      expect(onNodes).toEqual([]);
      const c = crowding(svg, doc);
      // No two labels over each other: when no spot near the line is free, the nearest free one is taken.
      expect(c.labelPairs).toBe(0);
      expect(c.stackedArrows).toBe(0);
      // Badges keep off other flows' lines where they can (東京都 had 28 of 107 labels across a line).
      expect(c.labelsOnLines).toBeLessThanOrEqual(Math.ceil(c.labels * 0.08));
    });
  }
});
