import { describe, expect, it } from "vitest";
import { canvasLabelObstacles, canvasLabelRequests, canvasRouteInput, geometryJob } from "../../src/canvas/routing";
import { geometryState, runGeometryJob } from "../../src/canvas/routing-job";
import { type Box, FlowRouter, type LabelSpots, type Pt, placeLabels, routeAll } from "../../src/geometry/routing";
import type { NagareDocument } from "../../src/model";
import { renderDiagramSvg } from "../../src/render/svg";
import { templates } from "../render/helpers";
import { flowSegments } from "../render/label-overlap";

/**
 * Over every template: no flow segment crosses a node it does not connect — in the canvas geometry (also after
 * a node is moved, routed incrementally as during a drag) and in the exported SVG (its paths parsed back).
 */

type Seg = { id: string; a: Pt; b: Pt };

function crossings(doc: NagareDocument, segs: Seg[], boxes: Map<string, Box>): string[] {
  const flows = new Map(doc.flows.map((f) => [f.id, f]));
  const out: string[] = [];
  for (const s of segs) {
    const f = flows.get(s.id);
    if (!f) continue;
    for (const [id, b] of boxes) {
      if (id === f.source || id === f.target) continue;
      // Touching an edge is not crossing: shrink the box by a pixel.
      const inside =
        Math.max(s.a.x, s.b.x) > b.x + 1 &&
        Math.min(s.a.x, s.b.x) < b.x + b.w - 1 &&
        Math.max(s.a.y, s.b.y) > b.y + 1 &&
        Math.min(s.a.y, s.b.y) < b.y + b.h - 1;
      if (inside) out.push(`${f.step ?? f.id} ${s.id} crosses ${id}`);
    }
  }
  return out;
}

/** Labels over one another (pairs) and labels over a node box. */
function labelClashes(spots: ReadonlyMap<string, LabelSpots>, boxes: Map<string, Box>) {
  const labels = [...spots.values()].flatMap((s) => [s.step, s.mid].filter((b): b is Box => !!b));
  const over = (a: Box, b: Box) =>
    Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) if (over(labels[i] as Box, labels[j] as Box)) pairs++;
  const onNodes = labels.filter((l) => [...boxes.values()].some((b) => over(l, b)));
  return { labels: labels.length, pairs, onNodes };
}

function segmentsOf(routes: { id: string; points: Pt[] }[]): Seg[] {
  const out: Seg[] = [];
  for (const r of routes)
    for (let i = 0; i + 1 < r.points.length; i++)
      out.push({ id: r.id, a: r.points[i] as Pt, b: r.points[i + 1] as Pt });
  return out;
}

describe("flows go around the boxes they do not connect", () => {
  const all = templates();

  it("the measure sees a crossing when there is one", () => {
    const doc = all[0]?.doc as NagareDocument;
    const f = doc.flows[0];
    if (!f) throw new Error("template without flows");
    const boxes = new Map([["other", { x: 0, y: 0, w: 10, h: 10 }]]);
    expect(crossings(doc, [{ id: f.id, a: { x: -5, y: 5 }, b: { x: 20, y: 5 } }], boxes)).toHaveLength(1);
    expect(crossings(doc, [{ id: f.id, a: { x: -5, y: 0 }, b: { x: 20, y: 0 } }], boxes)).toHaveLength(0);
  });

  it("goes around a box between the ends, also with a pinned bend", () => {
    const boxes = new Map<string, Box>([
      ["a", { x: 0, y: 0, w: 100, h: 60 }],
      ["b", { x: 200, y: -100, w: 100, h: 260 }],
      ["c", { x: 400, y: 0, w: 100, h: 60 }],
    ]);
    const auto = routeAll([{ id: "f", sourceId: "a", targetId: "c" }], boxes);
    const doc = { flows: [{ id: "f", source: "a", target: "c" }] } as NagareDocument;
    expect(crossings(doc, segmentsOf(auto), boxes)).toEqual([]);
    // A bend pinned below the middle box: the route passes through it and still avoids the box.
    const pinned = routeAll([{ id: "f", sourceId: "a", targetId: "c", waypoints: [{ x: 250, y: 220 }] }], boxes);
    const pts = pinned[0]?.points ?? [];
    const through = pts.some((p, i) => {
      const q = pts[i + 1];
      if (!q) return false;
      const onX = Math.min(p.x, q.x) <= 250 && 250 <= Math.max(p.x, q.x);
      const onY = Math.min(p.y, q.y) <= 220 && 220 <= Math.max(p.y, q.y);
      return onX && onY;
    });
    expect(through).toBe(true);
    expect(crossings(doc, segmentsOf(pinned), boxes)).toEqual([]);
    for (let i = 0; i + 1 < pts.length; i++) {
      const p = pts[i] as Pt;
      const q = pts[i + 1] as Pt;
      expect(p.x === q.x || p.y === q.y).toBe(true);
    }
  });

  for (const { name, doc } of all) {
    it(`${name}: canvas geometry, before and after moving nodes`, () => {
      const router = new FlowRouter();
      const input = canvasRouteInput(doc);
      const routes = router.update(input.requests, input.boxes, input.soft);
      expect(routes).toHaveLength(input.requests.length);
      expect(crossings(doc, segmentsOf(routes), input.boxes)).toEqual([]);
      // Move a few nodes 60 px, one after the other, as a drag does; only the flows they touch are routed again.
      const moved = new Map<string, Pt>();
      for (const n of doc.nodes.filter((_, i) => i % 7 === 3)) {
        moved.set(n.id, { x: n.position.x + 60, y: n.position.y + 20 });
        const next = canvasRouteInput(doc, moved);
        const again = router.update(next.requests, next.boxes, next.soft);
        expect(router.lastRerouted).toBeLessThan(doc.flows.length);
        expect(crossings(doc, segmentsOf(again), next.boxes)).toEqual([]);
      }
    });

    it(`${name}: canvas labels keep off the nodes and off one another`, () => {
      const input = canvasRouteInput(doc);
      const routes = routeAll(input.requests, input.boxes, input.soft);
      const spots = placeLabels(routes, canvasLabelRequests(doc, "ja", new Map()), canvasLabelObstacles(doc, input));
      expect(labelClashes(spots, input.boxes)).toEqual({ labels: expect.any(Number), pairs: 0, onNodes: [] });
      expect(labelClashes(spots, input.boxes).labels).toBeGreaterThan(0);
    });

    it(`${name}: canvas labels placed again only where a drag changed something, still clear`, () => {
      const state = geometryState();
      const counts = new Map<string, number | undefined>();
      runGeometryJob(state, geometryJob(1, doc, undefined, "ja", counts));
      const moved = new Map<string, Pt>();
      let partial = 0;
      for (const n of doc.nodes.filter((_, i) => i % 5 === 2))
        for (let step = 1; step <= 6; step++) {
          moved.set(n.id, { x: n.position.x + 10 * step, y: n.position.y + 5 * step });
          const r = runGeometryJob(state, geometryJob(1, doc, moved, "ja", counts));
          if (r.relabelled < doc.flows.length) partial++;
          const spots = new Map(r.labels);
          expect(labelClashes(spots, canvasRouteInput(doc, moved).boxes)).toMatchObject({ pairs: 0, onNodes: [] });
        }
      expect(partial).toBeGreaterThan(0);
    });

    it(`${name}: exported SVG`, () => {
      const { svg } = renderDiagramSvg(doc);
      const segs = flowSegments(svg).map((s) => ({
        id: s.id,
        a: { x: s.a[0], y: s.a[1] },
        b: { x: s.b[0], y: s.b[1] },
      }));
      expect(segs.length).toBeGreaterThanOrEqual(doc.flows.length);
      expect(crossings(doc, segs, canvasRouteInput(doc).boxes)).toEqual([]);
    });
  }
});
