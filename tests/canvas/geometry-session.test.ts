import { describe, expect, it } from "vitest";
import { FlowShapes } from "../../src/canvas/flow-shapes";
import { GeometrySession } from "../../src/canvas/geometry-session";
import { geometryJob } from "../../src/canvas/routing";
import { geometryState, runGeometryJob } from "../../src/canvas/routing-job";
import { templates } from "../render/helpers";

const tokyo = () => {
  const t = templates().find((x) => x.name.startsWith("tokyo"));
  if (!t) throw new Error("tokyo template missing");
  return t.doc;
};

describe("canvas geometry session (the worker's side)", () => {
  it("answers a drag step with only the flows whose shape changed, the same shapes as a full job", () => {
    const doc = tokyo();
    const session = new GeometrySession();
    const first = session.run({ seq: 1, doc, lang: "ja", dragging: [] });
    expect(first.changed.length).toBe(doc.flows.length);
    expect(first.removed).toEqual([]);

    // Nothing moved: nothing to send.
    expect(session.run({ seq: 2, lang: "ja", dragging: [] }).changed).toEqual([]);

    const moved = doc.nodes[3];
    if (!moved) throw new Error("node missing");
    const at = { x: moved.position.x + 60, y: moved.position.y + 20 };
    const step = session.run({ seq: 3, lang: "ja", dragging: [[moved.id, at]] });
    const touching = doc.flows.filter((f) => f.source === moved.id || f.target === moved.id).map((f) => f.id);
    expect(step.changed.length).toBeGreaterThan(0);
    expect(step.changed.length).toBeLessThan(doc.flows.length);
    for (const id of touching) expect(step.changed.map(([id]) => id)).toContain(id);

    // What the canvas holds after applying both answers is what one full job computes for that position.
    const shapes = new FlowShapes();
    shapes.apply(first);
    shapes.apply(step);
    const full = runGeometryJob(
      geometryState(),
      geometryJob(1, doc, new Map([[moved.id, at]]), "ja", new Map<string, number | undefined>()),
    );
    for (const r of full.routes) expect(shapes.get(r.id)?.points).toEqual(r.points);
  });

  it("reports flows that are gone and wakes only the flows that changed", () => {
    const doc = tokyo();
    const session = new GeometrySession();
    const shapes = new FlowShapes();
    shapes.apply(session.run({ seq: 1, doc, lang: "ja", dragging: [] }));
    const [gone, kept] = doc.flows;
    if (!gone || !kept) throw new Error("flows missing");
    let wokeGone = 0;
    let wokeKept = 0;
    shapes.subscribe(gone.id, () => wokeGone++);
    shapes.subscribe(kept.id, () => wokeKept++);
    const next = session.run({
      seq: 2,
      doc: { ...doc, flows: doc.flows.filter((f) => f.id !== gone.id) },
      lang: "ja",
      dragging: [],
    });
    expect(next.removed).toEqual([gone.id]);
    shapes.apply(next);
    expect(shapes.get(gone.id)).toBeUndefined();
    expect(wokeGone).toBe(1);
    expect(wokeKept).toBe(next.changed.some(([id]) => id === kept.id) ? 1 : 0);
  });

  it("refuses a first request without a drawing", () => {
    expect(() => new GeometrySession().run({ seq: 1, lang: "ja", dragging: [] })).toThrow(/without a drawing/);
  });
});
