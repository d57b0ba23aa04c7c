import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeRect } from "../../src/document/geometry";
import { loadDocumentText, type NagareDocument } from "../../src/model";
import { paperTabText, tabFigure } from "../../src/shapes";
import { templateIds } from "../../src/templates/catalog";

/**
 * Room on the committed templates for what the 別添1 figure draws between the nodes: a node above another in
 * the same column leaves space for the flows between them, their step labels and the 委託 tab of the lower one,
 * and no figure is so flat that it shrinks to nothing on a page.
 */

const DIR = path.resolve("templates");
const IDS = templateIds(DIR);
/** Least vertical gap between two nodes of one column, tabs counted. */
const MIN_GAP = 30;
/** Width : height of the lanes at most. */
const MAX_ASPECT = 3.2;

function load(id: string): NagareDocument {
  const result = loadDocumentText(fs.readFileSync(path.join(DIR, `${id}.nagare.json`), "utf8"));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.en}`).join("\n"));
  return result.doc;
}

/** What a node covers as drawn (its box grown to hold its whole label), with the 委託事項 tab above it. */
function covered(doc: NagareDocument, n: NagareDocument["nodes"][number]) {
  const r = nodeRect(n);
  const name = doc.delegations.find((d) => d.id === n.delegationId)?.name;
  const text = paperTabText(n.kind, name);
  const tab = text ? tabFigure({ x: r.x, y: r.y, w: r.width, h: r.height }, text).box.h : 0;
  return { id: n.id, x: r.x, y: r.y - tab, w: r.width, h: r.height + tab };
}

describe("spacing of the templates", () => {
  it("has templates to check", () => {
    expect(IDS.length).toBeGreaterThanOrEqual(5);
  });
  for (const id of IDS) {
    it(`${id}: nodes of one column are at least ${MIN_GAP} px apart, tabs included`, () => {
      const doc = load(id);
      const rects = doc.nodes.map((n) => covered(doc, n));
      const tight: string[] = [];
      for (const a of rects)
        for (const b of rects) {
          if (a === b || a.x >= b.x + b.w || b.x >= a.x + a.w) continue;
          const gap = b.y - (a.y + a.h);
          if (gap >= 0 && gap < MIN_GAP) tight.push(`${a.id} above ${b.id}: ${gap} px`);
        }
      expect(tight).toEqual([]);
    });

    it(`${id}: the lanes are at most ${MAX_ASPECT} times as wide as they are high`, () => {
      const lanes = load(id).groups.filter((g) => g.type === "lane");
      expect(lanes.length).toBeGreaterThan(0);
      const x0 = Math.min(...lanes.map((g) => g.position.x));
      const x1 = Math.max(...lanes.map((g) => g.position.x + g.size.width));
      const y0 = Math.min(...lanes.map((g) => g.position.y));
      const y1 = Math.max(...lanes.map((g) => g.position.y + g.size.height));
      expect((x1 - x0) / (y1 - y0)).toBeLessThanOrEqual(MAX_ASPECT);
    });
  }
});
