import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyFlows } from "../../src/derive";
import { loadDocumentText, loadDocumentValue, NODE_KIND_IDS, serializeDocument, TRANSPORT_IDS } from "../../src/model";

// Random documents, some valid and many broken: loading never throws, and what loads is stable.
const id = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
const node = fc.record({
  id,
  kind: fc.oneof(fc.constantFrom(...NODE_KIND_IDS), fc.string()),
  label: fc.string({ maxLength: 20 }),
  position: fc.record({ x: fc.integer(), y: fc.integer() }),
});
const flow = fc.record(
  {
    id,
    source: id,
    target: id,
    transport: fc.oneof(fc.constantFrom(...TRANSPORT_IDS), fc.string({ maxLength: 5 })),
    carriesMyNumber: fc.oneof(fc.boolean(), fc.constant(null)),
    step: fc.string({ maxLength: 4 }),
  },
  { requiredKeys: ["id", "source", "target"] },
);
const doc = fc.record({
  format: fc.oneof(fc.constant("nagare"), fc.string()),
  schemaVersion: fc.oneof(fc.constant(2), fc.constant(1), fc.integer({ min: -1, max: 4 })),
  meta: fc.constant({}),
  nodes: fc.array(node, { maxLength: 8 }),
  flows: fc.array(flow, { maxLength: 10 }),
});

describe("loading random documents", () => {
  it("never throws; valid results serialize, reload identically and classify every flow", () => {
    fc.assert(
      fc.property(doc, (raw) => {
        const r = loadDocumentValue(raw);
        if (!r.ok) {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(p.ja && p.en).toBeTruthy();
          return;
        }
        const text = serializeDocument(r.doc);
        const again = loadDocumentText(text);
        expect(again.ok).toBe(true);
        if (again.ok) expect(serializeDocument(again.doc)).toBe(text);
        expect(classifyFlows(r.doc).size).toBe(r.doc.flows.length);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const r = loadDocumentText(text);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});
