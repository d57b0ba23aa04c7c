import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rulesModel } from "../../bench/rules.bench";
import { evaluateRules } from "../../src/rules";
import { type FilledItem, generateSections, walk } from "../../src/sections";

/**
 * Over random models of every kind: generation never throws, item ids are unique and fit the answers key
 * (≤ 200 characters), states and needsInput agree, boxes are booleans, and an answer written under any id
 * comes back as that item's value.
 */
describe("generated sections over random models", () => {
  it("hold their invariants", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 80 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom("basic", "focused", "full"),
        fc.boolean(),
        (n, m, seed, kind, twoFiles) => {
          const doc = rulesModel(n, m, seed);
          doc.meta.assessmentKind = kind as "basic" | "focused" | "full";
          if (twoFiles) {
            doc.files.push({ id: "file2", name: "ファイル2", mainRecordItems: [] });
            doc.flows.forEach((f, i) => {
              if (i % 3 === 0) f.fileIds = ["file2"];
            });
          }
          const g = generateSections(doc, evaluateRules(doc));
          const ids = new Set<string>();
          const all: FilledItem[] = [];
          walk(g.items, (it) => {
            expect(ids.has(it.id), it.id).toBe(false);
            ids.add(it.id);
            all.push(it);
            expect(it.id.length).toBeLessThanOrEqual(200);
            if (it.kind !== "heading") expect(it.needsInput).toBe(it.state === "missing" || it.state === "suggested");
            if (it.kind === "none_box") expect(["true", "false"]).toContain(it.value);
          });
          // An answer under a random item id is laid over that item.
          const target = all.filter((it) => it.kind === "text")[
            seed % Math.max(1, all.filter((it) => it.kind === "text").length)
          ];
          if (target) {
            const again = generateSections({ ...doc, answers: { [target.id]: { value: "回答", confirmed: true } } });
            const found: FilledItem[] = [];
            walk(again.items, (it) => {
              if (it.id === target.id) found.push(it);
            });
            expect(found.length).toBe(1);
            expect(found[0]?.value).toBe("回答");
            expect(found[0]?.state).toBe("answer");
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
