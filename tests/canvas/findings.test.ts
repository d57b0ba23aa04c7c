import { describe, expect, it } from "vitest";
import { computeDecorations } from "../../src/canvas/decorations";
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

describe("canvas decorations", () => {
  const doc = () => {
    const d = emptyDocument();
    const node = (id: string) => ({
      id,
      kind: "staff" as const,
      label: id,
      position: { x: 0, y: 0 },
      functions: [],
      safeguards: [],
      fileIds: [],
    });
    d.nodes.push(node("a"), node("b"), node("c"));
    const flow = (id: string, source: string, target: string) => ({
      id,
      source,
      target,
      carriesMyNumber: true,
      legalBasis: [],
      safeguards: [],
      fileIds: [],
    });
    d.flows.push(flow("f1", "a", "b"), flow("f2", "b", "c"));
    return d;
  };
  const base = {
    findings: null,
    walkFlow: null,
    walking: false,
    highlight: null,
    matches: [],
    riskView: false,
    remote: new Map(),
  };

  it("walk-through rings the step and its two ends and dims the rest", () => {
    const model = doc();
    const d = computeDecorations({ ...base, model, walking: true, walkFlow: model.flows[1] });
    expect(d.get("f2")?.focus && d.get("b")?.focus && d.get("c")?.focus).toBe(true);
    expect(d.get("a")?.dim && d.get("f1")?.dim).toBe(true);
  });

  it("the risk view dims elements without open risks; other people's selections are marked", () => {
    const model = doc();
    const d = computeDecorations({
      ...base,
      model,
      riskView: true,
      findings: [finding("r:f1", "f1", { severity: "high" })],
      remote: new Map([["c", [{ name: "鈴木", color: "#123456" }]]]),
    });
    expect(d.get("f1")).toMatchObject({ tone: "red", count: 1 });
    expect(d.get("f1")?.dim).toBeUndefined();
    expect(d.get("f2")?.dim).toBe(true);
    expect(d.get("c")?.remote?.[0]?.name).toBe("鈴木");
  });

  it("nothing active: no dimming at all", () => {
    const d = computeDecorations({ ...base, model: doc() });
    expect([...d.values()].some((x) => x.dim)).toBe(false);
  });
});
