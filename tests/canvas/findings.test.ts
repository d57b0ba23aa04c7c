import { describe, expect, it } from "vitest";
import { tonesByElement } from "../../src/canvas/findings";
import { emptyDocument } from "../../src/model";
import type { Finding } from "../../src/rules/types";

const finding = (id: string, elementId: string, over: Partial<Finding> = {}): Finding => ({
  id,
  ruleId: id.split(":")[0] as string,
  elementKind: "flow",
  elementId,
  relatedIds: [],
  category: "risk",
  severity: "medium",
  impact: 2,
  likelihood: 2,
  phase: "general",
  riskId: "III.2.risk1",
  title: { ja: "", en: "" },
  detail: { ja: "", en: "" },
  mitigation: { ja: "", en: "" },
  status: "open",
  ...over,
});

describe("finding colours on the canvas", () => {
  it("takes the worst open finding per element and counts the open ones", () => {
    const doc = emptyDocument();
    const tones = tonesByElement(
      [
        finding("a:f1", "f1", { severity: "low" }),
        finding("b:f1", "f1", { severity: "high" }),
        finding("c:f2", "f2", { category: "incomplete", severity: "low" }),
        finding("d:f3", "f3", { severity: "critical" }),
        finding("e:f4", "f4", { severity: "medium" }),
      ],
      { ...doc, decisions: { "d:f3": { status: "accepted" } } },
    );
    expect(tones.get("f1")).toEqual({ tone: "red", count: 2 });
    expect(tones.get("f2")).toEqual({ tone: "grey", count: 1 });
    // Every finding on f3 is decided: green, nothing open.
    expect(tones.get("f3")).toEqual({ tone: "green", count: 0 });
    expect(tones.get("f4")).toEqual({ tone: "amber", count: 1 });
    expect(tones.has("f5")).toBe(false);
  });
});
