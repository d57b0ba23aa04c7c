import { describe, expect, it } from "vitest";
import { classifyFlows } from "../../src/derive";
import { evaluateRules } from "../../src/rules";
import { type FilledItem, findItem, type GeneratedSections, generateSections } from "../../src/sections";
import { base, build, f, n } from "./build";

const item = (g: GeneratedSections, id: string): FilledItem => {
  const it = findItem(g.items, id);
  if (!it) throw new Error(`no item ${id}`);
  return it;
};
const headings = (g: GeneratedSections, prefix: string) => {
  const out: string[] = [];
  const visit = (items: readonly FilledItem[]) => {
    for (const it of items) {
      if (it.kind === "heading" && it.id.startsWith(prefix) && /\.(prov|tr):[^.]+$/.test(it.id)) out.push(it.title);
      visit(it.children);
    }
  };
  visit(g.items);
  return out;
};

const network = () =>
  n("ipn", "system_external", "情報提供ネットワークシステム", {
    systemRole: "info_provision_network",
    owner: { party: "external", name: "内閣総理大臣", bodyType: "national" },
  });
const city = (id: string, name: string) =>
  n(id, "agency", name, { owner: { party: "external", name, bodyType: "local" } });

describe("routes are not recipients (Ⅱ5)", () => {
  it("a provision only through the network gives one 提供 per 情報照会者 and no 内閣総理大臣", () => {
    const doc = build({
      nodes: [
        ...base(),
        n("mid", "system_own", "中間サーバー", { systemRole: "middle_server" }),
        network(),
        city("a", "A市長"),
        city("b", "B県知事"),
      ],
      flows: [
        f("p1", "sys", "mid", { transport: "intra_network", phase: "network_provision" }),
        f("p2", "mid", "ipn", { transport: "info_provision_network" }),
        f("p3", "ipn", "a", {
          transport: "info_provision_network",
          legalBasis: [{ law: "mynumber_act", article: "19", item: 8 }],
        }),
        f("p4", "ipn", "b", {
          transport: "info_provision_network",
          legalBasis: [{ law: "mynumber_act", article: "19", item: 8 }],
        }),
      ],
    });
    const cls = classifyFlows(doc);
    expect(cls.get("p2")).toMatchObject({ phase: "network_provision", rule: "network_hop_provision" });
    expect(cls.get("p3")).toMatchObject({ phase: "network_provision", rule: "network_to_body" });
    const g = generateSections(doc);
    expect(headings(g, "II.")).toEqual(["A市長", "B県知事"]);
    const has = item(g, "II.file:F.5.has");
    expect(has.value).toBe("提供を行っている (2) 件、移転を行っている (0) 件");
    expect(JSON.stringify(g.items)).not.toContain("内閣総理大臣");
  });

  it("a network route with no 照会者 drawn behind it is a 提供先 to be named, not the network", () => {
    const doc = build({
      nodes: [...base(), network(), city("a", "A市長")],
      flows: [
        f("q", "sys", "ipn", { transport: "info_provision_network", phase: "network_provision" }),
        f("x", "a", "staff", { transport: "paper" }),
      ],
    });
    const g = generateSections(doc);
    expect(headings(g, "II.")).toEqual(["提供先"]);
    const name = item(g, "II.file:F.5.prov:flow-ipn-provision");
    expect(name.needsInput).toBe(true);
    expect(name.note?.ja).toMatch(/経路で、提供先ではありません/);
  });

  it("a 移転 goes to the other department's 事務, not to the 庁内連携システム or the 宛名システム", () => {
    const doc = build({
      nodes: [
        ...base(),
        n("link", "system_own", "庁内連携システム", { systemRole: "intra_linkage" }),
        n("atena", "system_own", "団体内統合宛名システム", { systemRole: "atena" }),
        n("tax", "department", "税務課（個人住民税）"),
        n("welfare", "department", "福祉課（生活保護）"),
      ],
      flows: [
        f("t1", "sys", "link", { transport: "intra_linkage", phase: "transfer" }),
        f("t2", "link", "tax", { transport: "intra_linkage" }),
        f("t3", "sys", "atena", { transport: "intra_linkage", phase: "transfer" }),
        f("t4", "atena", "welfare", { transport: "intra_linkage" }),
        f("t5", "atena", "tax", { transport: "intra_linkage" }),
      ],
    });
    const g = generateSections(doc);
    expect(headings(g, "II.")).toEqual(["税務課（個人住民税）", "福祉課（生活保護）"]);
    expect(item(g, "II.file:F.5.has").value).toBe("提供を行っている (0) 件、移転を行っている (2) 件");
  });

  it("one 提供先 per body, however many boxes stand for it", () => {
    const doc = build({
      nodes: [
        ...base(),
        n("srv1", "system_external", "全国サーバ", {
          owner: { party: "external", name: "地方公共団体情報システム機構" },
        }),
        n("srv2", "system_external", "個人番号カード管理システム", {
          owner: { party: "external", name: "地方公共団体情報システム機構" },
        }),
      ],
      flows: [f("a", "sys", "srv1", { transport: "juki_net" }), f("b", "sys", "srv2", { transport: "juki_net" })],
    });
    const g = generateSections(doc);
    expect(headings(g, "II.")).toEqual(["地方公共団体情報システム機構"]);
  });
});

describe("network flows are decided without asking where the drawing tells", () => {
  it("own system → other body over the network is 提供, and the missing legal basis is still found", () => {
    const doc = build({
      nodes: [...base(), city("a", "A市長")],
      flows: [f("x", "sys", "a", { transport: "info_provision_network" })],
    });
    expect(classifyFlows(doc).get("x")).toMatchObject({ phase: "network_provision", rule: "network_to_body" });
    expect(evaluateRules(doc).some((x) => x.ruleId === "legal-no-basis" && x.elementId === "x")).toBe(true);
  });

  it("other body → own system over the network is 照会（入手）", () => {
    const doc = build({
      nodes: [...base(), city("a", "A市長")],
      flows: [f("x", "a", "sys", { transport: "info_provision_network" })],
    });
    expect(classifyFlows(doc).get("x")).toMatchObject({ phase: "network_inquiry", rule: "network_from_body" });
  });

  it("a request and its answer drawn through the network node leave the phase to a person, visibly and still checked", () => {
    const doc = build({
      nodes: [...base(), network(), city("a", "A市長")],
      flows: [
        f("r1", "sys", "ipn", { transport: "info_provision_network" }),
        f("r2", "ipn", "a", { transport: "info_provision_network" }),
        f("r3", "a", "ipn", { transport: "info_provision_network" }),
        f("r4", "ipn", "sys", { transport: "info_provision_network" }),
      ],
    });
    const cls = classifyFlows(doc);
    for (const id of ["r1", "r2", "r3", "r4"]) expect(cls.get(id)).toMatchObject({ phase: null, rule: "network" });
    const findings = evaluateRules(doc);
    expect(
      findings
        .filter((x) => x.ruleId === "incomplete-phase-unclassified")
        .map((x) => x.elementId)
        .sort(),
    ).toEqual(["r1", "r2", "r3", "r4"]);
    // The undecided flow toward the network may be a provision: its missing basis is a finding, not a silence.
    expect(findings.some((x) => x.ruleId === "legal-no-basis" && x.elementId === "r1")).toBe(true);
  });

  it("bodies that only answer make the hops an inquiry", () => {
    const doc = build({
      nodes: [...base(), network(), city("a", "A市長")],
      flows: [
        f("q1", "sys", "ipn", { transport: "info_provision_network" }),
        f("q2", "a", "ipn", { transport: "info_provision_network" }),
        f("q3", "ipn", "sys", { transport: "info_provision_network" }),
      ],
    });
    const cls = classifyFlows(doc);
    expect(cls.get("q1")).toMatchObject({ phase: "network_inquiry", rule: "network_hop_inquiry" });
    expect(cls.get("q2")).toMatchObject({ phase: "network_inquiry", rule: "network_from_body" });
    expect(cls.get("q3")).toMatchObject({ phase: "network_inquiry", rule: "network_hop_inquiry" });
  });
});
