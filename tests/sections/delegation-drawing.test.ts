import { describe, expect, it } from "vitest";
import { delegationsLosingContractors } from "../../src/app/editor/Dialogs";
import { evaluateRules } from "../../src/rules";
import { type FilledItem, findItem, type GeneratedSections, generateSections } from "../../src/sections";
import { base, build, f, n } from "./build";

const item = (g: GeneratedSections, id: string): FilledItem => {
  const it = findItem(g.items, id);
  if (!it) throw new Error(`no item ${id}`);
  return it;
};
const delegation = (id: string, name: string) => ({ id, name, subcontract: false });

describe("委託 follows the drawing", () => {
  it("a model with no 委託先 gives 委託しない and 委託件数 0, and ticks Ⅲ 委託しない", () => {
    const g = generateSections(build({ nodes: base(), flows: [f("a", "person", "staff", { transport: "paper" })] }));
    expect(item(g, "II.file:F.4.has")).toMatchObject({ value: "委託しない", state: "graph" });
    expect(item(g, "II.file:F.4.count")).toMatchObject({ value: "0", state: "graph" });
    expect(item(g, "III.file:F.4.none").value).toBe("true");
  });

  it("委託件数 counts 委託事項, not 委託先 boxes", () => {
    const doc = build({
      nodes: [
        ...base(),
        n("v1", "contractor", "入力業者（本社）", { delegationId: "d1" }),
        n("v2", "contractor", "入力業者（分室）", { delegationId: "d1" }),
      ],
      flows: [
        f("x", "sys", "v1", { transport: "removable_media" }),
        f("y", "sys", "v2", { transport: "removable_media" }),
      ],
      delegations: [delegation("d1", "データ入力業務")],
    });
    const g = generateSections(doc);
    expect(item(g, "II.file:F.4.count")).toMatchObject({ value: "1", state: "graph" });
  });

  it("委託事項 whose 委託先 were removed from the drawing are 要確認 and a finding, never silently 委託する", () => {
    const doc = build({
      nodes: base(),
      flows: [f("a", "person", "staff", { transport: "paper" })],
      delegations: [delegation("d1", "システム保守"), delegation("d2", "データ入力")],
    });
    const g = generateSections(doc);
    const has = item(g, "II.file:F.4.has");
    expect(has.value).toBe("委託する");
    expect(has.state).toBe("suggested");
    expect(has.note?.ja).toMatch(/委託先が図にない委託事項があります：「システム保守」、「データ入力」/);
    expect(item(g, "II.file:F.4.count")).toMatchObject({ value: "2", state: "suggested" });
    const findings = evaluateRules(doc).filter((x) => x.ruleId === "delegation-no-contractor");
    expect(findings.map((x) => x.elementId).sort()).toEqual(["d1", "d2"]);
  });

  it("deleting the last 委託先 of a 委託事項 is noticed (the delete dialog then asks)", () => {
    const doc = build({
      nodes: [
        ...base(),
        n("v1", "contractor", "保守業者", { delegationId: "d1" }),
        n("v2", "contractor", "入力業者A", { delegationId: "d2" }),
        n("v3", "contractor", "入力業者B", { delegationId: "d2" }),
      ],
      delegations: [delegation("d1", "システム保守"), delegation("d2", "データ入力")],
    });
    expect(delegationsLosingContractors(doc, ["v1", "v2"]).map((d) => d.id)).toEqual(["d1"]);
    expect(delegationsLosingContractors(doc, ["v2", "v3"]).map((d) => d.id)).toEqual(["d2"]);
    expect(delegationsLosingContractors(doc, ["sys"])).toEqual([]);
  });
});
