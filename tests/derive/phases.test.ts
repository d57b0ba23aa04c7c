import { describe, expect, it } from "vitest";
import { classifyFlows, indexGraph, PHASE_RULES, resolveParty } from "../../src/derive";
import { loadDocumentValue, type NagareDocument, type NagareDocumentInput } from "../../src/model";
import { smallJimu } from "../model/fixtures";

function load(input: NagareDocumentInput): NagareDocument {
  const r = loadDocumentValue(input);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.en}`).join("\n"));
  return r.doc;
}

const phases = (doc: NagareDocument) => Object.fromEntries([...classifyFlows(doc)].map(([id, c]) => [id, c.phase]));

describe("resolving who owns a node", () => {
  it("prefers the recorded owner, then the lane, then the kind", () => {
    const doc = load(smallJimu());
    const index = indexGraph(doc);
    const node = (id: string) => doc.nodes.find((n) => n.id === id)!;
    expect(resolveParty(index, node("tax"))).toEqual({ party: "self_department", source: "owner" });
    // A medium has no party of its own kind; inside a lane of 自組織 it is ours.
    expect(resolveParty(index, node("usb"))).toEqual({ party: null, source: null });
    expect(resolveParty(index, node("sys"))).toEqual({ party: "self", source: "lane" });
    expect(resolveParty(index, node("vendor"))).toEqual({ party: "contractor", source: "kind" });
  });
});

describe("classifying flows into 評価書 phases", () => {
  it("classifies the small 事務 by the documented table", () => {
    const doc = load(smallJimu());
    expect(phases(doc)).toEqual({
      f1: "acquisition", // 本人 → 職員
      f2: "use", // within our own organisation
      f3: "acquisition", // 税務課 (other department) → us
      f4: "delegation", // us → 委託先: never 提供
      f5: "provision", // us → 国保連 (other organisation)
      f6: "transfer", // us → 福祉課 (other department)
      f7: null, // the USB medium has no owner yet: said, not guessed
    });
    const c = classifyFlows(doc).get("f7")!;
    expect(c.rule).toBe("owner_unknown");
    expect(c.ja).toMatch(/未設定/);
  });

  it("treats a medium in our lane that passes nothing on as storage, and as use when it carries data onward", () => {
    const input = smallJimu();
    input.nodes!.find((n) => n.id === "usb")!.groupId = "lane-self";
    expect(phases(load(input)).f7).toBe("storage");
    input.flows!.push({ id: "f8", source: "usb", target: "staff", transport: "flash_memory" });
    const p = phases(load(input));
    expect(p.f7).toBe("use");
    expect(p.f8).toBe("use");
  });

  it("never guesses inquiry vs provision on the 情報提供ネットワークシステム, and follows a person's choice", () => {
    const input = smallJimu();
    input.nodes!.push({
      id: "nw",
      kind: "system_external",
      label: "情報提供ネットワークシステム",
      systemRole: "info_provision_network",
      position: { x: 1000, y: 0 },
    });
    input.flows!.push(
      { id: "q", source: "sys", target: "nw", transport: "info_provision_network" },
      { id: "a", source: "nw", target: "sys", transport: "info_provision_network", phase: "network_inquiry" },
    );
    const cls = classifyFlows(load(input));
    expect(cls.get("q")).toMatchObject({
      phase: null,
      rule: "network",
      candidates: ["network_inquiry", "network_provision"],
    });
    expect(cls.get("a")).toMatchObject({ phase: "network_inquiry", rule: "manual" });
  });

  it("covers 本人 notices, contractor chains, disposal, other organs and unknown directions", () => {
    const input = smallJimu();
    input.nodes!.push(
      { id: "sub", kind: "subcontractor", label: "再委託先", position: { x: 0, y: 900 } },
      { id: "shred", kind: "disposal", label: "溶解処理", position: { x: 100, y: 900 } },
      {
        id: "boe",
        kind: "agency",
        label: "教育委員会",
        owner: { party: "self_other_organ" },
        position: { x: 200, y: 900 },
      },
    );
    input.flows!.push(
      { id: "n1", source: "sys", target: "p", transport: "post" },
      { id: "n2", source: "vendor", target: "sub", transport: "paper" },
      { id: "n3", source: "sub", target: "vendor", transport: "removable_media" },
      { id: "n4", source: "staff", target: "shred", transport: "paper" },
      { id: "n5", source: "sys", target: "boe", transport: "intra_linkage" },
      { id: "n6", source: "boe", target: "sys", transport: "intra_linkage" },
      { id: "n7", source: "kokuho", target: "sys", transport: "removable_media", directionUnknown: true },
      { id: "n8", source: "kokuho", target: "welfare", transport: "paper" },
    );
    expect(phases(load(input))).toMatchObject({
      n1: "use",
      n2: "delegation",
      n3: "delegation",
      n4: "disposal",
      n5: "provision",
      n6: "acquisition",
      n7: null,
      n8: null,
    });
  });

  it("documents every rule in both languages, and ends with a rule that always applies", () => {
    for (const r of PHASE_RULES) {
      expect(r.ja.length).toBeGreaterThan(5);
      expect(r.en.length).toBeGreaterThan(5);
    }
    expect(PHASE_RULES.at(-1)?.id).toBe("outside");
    expect(new Set(PHASE_RULES.map((r) => r.id)).size).toBe(PHASE_RULES.length);
  });
});
