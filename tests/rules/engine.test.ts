import { describe, expect, it } from "vitest";
import type { NagareDocument } from "../../src/model";
import {
  evaluateDetailed,
  evaluateRules,
  findingsCsv,
  RISKS,
  riskRowsFor,
  rowForRisk,
  severityOf,
  suggestSufficiency,
  worstByElement,
} from "../../src/rules";
import { flow, makeDoc, node, sg } from "./graph";

const base = (decisions: NagareDocument["decisions"] = {}) =>
  makeDoc({
    nodes: [
      node("sys", "system_own", { label: "業務システム" }),
      node("dept", "department", { label: "税務課", purpose: "課税" }),
      node("agency", "agency", { label: "年金機構", purpose: "年金" }),
    ],
    flows: [
      flow("usb", "sys", "dept", {
        transport: "flash_memory",
        legalBasis: [{ law: "mynumber_act", article: "9", paragraph: 2 }],
      }),
      flow("fax", "sys", "agency", {
        transport: "fax",
        legalBasis: [{ law: "mynumber_act", article: "19", item: 11 }],
      }),
    ],
    decisions,
  });

describe("findings engine", () => {
  it("ids are ruleId:elementId and do not depend on element order", () => {
    const a = evaluateRules(base());
    const reordered = base();
    reordered.nodes.reverse();
    reordered.flows.reverse();
    const b = evaluateRules(reordered);
    expect(a.map((f) => f.id)).toEqual(b.map((f) => f.id));
    for (const f of a) expect(f.id).toBe(`${f.ruleId}:${f.elementId}`);
    expect(new Set(a.map((f) => f.id)).size).toBe(a.length);
    expect(JSON.stringify(evaluateRules(base()))).toBe(JSON.stringify(a));
  });

  it("every finding names a known リスク and a phase consistent with it", () => {
    for (const f of evaluateRules(base())) {
      expect(Object.keys(RISKS)).toContain(f.riskId);
      if (f.category === "incomplete") expect(f.riskId).toBe("general");
    }
  });

  it("decisions give the status and survive moving, renaming and adding elements", () => {
    const decisions = {
      "media-unencrypted:usb": {
        status: "accepted" as const,
        justification: "暗号化USBのみ貸与（台帳あり）",
        by: "山田",
      },
      "misdelivery:fax": { status: "resolved" as const },
      "post-untracked:fax": { status: "not_applicable" as const },
    };
    const before = evaluateRules(base(decisions));
    const status = (fs: typeof before, id: string) => fs.find((f) => f.id === id)?.status;
    expect(status(before, "media-unencrypted:usb")).toBe("accepted");
    expect(status(before, "misdelivery:fax")).toBe("resolved");
    expect(status(before, "media-not-deleted:usb")).toBe("open");

    const edited = base(decisions);
    edited.nodes[0].position = { x: 900, y: 400 };
    edited.nodes[1].label = "税務課（市民税担当）";
    edited.flows[0].step = "③";
    edited.flows[0].data = "課税情報";
    const added = makeDoc({
      nodes: [node("sys", "system_own"), node("new", "system_own", { label: "新システム", purpose: "x" })],
      flows: [flow("new-flow", "sys", "new")],
    });
    edited.nodes.push(added.nodes[1]);
    edited.flows.push(added.flows[0]);
    const after = evaluateRules(edited);
    expect(status(after, "media-unencrypted:usb")).toBe("accepted");
    expect(status(after, "misdelivery:fax")).toBe("resolved");
    expect(after.find((f) => f.id === "media-unencrypted:usb")?.decision?.by).toBe("山田");
    expect(after.find((f) => f.id === "media-unencrypted:usb")?.detail.ja).toContain("税務課（市民税担当）");
  });

  it("許容 without a justification does not count as decided", () => {
    const fs = evaluateRules(base({ "media-unencrypted:usb": { status: "accepted", justification: "  " } }));
    expect(fs.find((f) => f.id === "media-unencrypted:usb")?.status).toBe("open");
  });

  it("a decision outlives a finding that stops firing, and applies again when it returns", () => {
    const doc = base({ "media-not-deleted:usb": { status: "accepted", justification: "媒体は返却時に初期化" } });
    doc.flows[0].transport = "dedicated_line";
    expect(evaluateRules(doc).find((f) => f.id === "media-not-deleted:usb")).toBeUndefined();
    expect(doc.decisions["media-not-deleted:usb"].status).toBe("accepted");
    doc.flows[0].transport = "flash_memory";
    expect(evaluateRules(doc).find((f) => f.id === "media-not-deleted:usb")?.status).toBe("accepted");
  });

  it("a safeguard clears a finding as resolved, naming the safeguard", () => {
    const doc = base();
    doc.flows[0].safeguards = sg("encryption");
    const f = evaluateRules(doc).find((x) => x.id === "media-unencrypted:usb")!;
    expect(f.status).toBe("resolved");
    expect(f.mitigatedBy).toEqual(["encryption"]);
  });

  it("severity is impact × likelihood", () => {
    expect(severityOf(4, 3)).toBe("critical");
    expect(severityOf(4, 2)).toBe("high");
    expect(severityOf(2, 2)).toBe("medium");
    expect(severityOf(1, 3)).toBe("low");
    // ordinary personal data rates lower than 特定個人情報 on the same channel
    const mine = evaluateRules(base()).find((f) => f.id === "misdelivery:fax")!;
    const other = base();
    other.flows[1].carriesMyNumber = false;
    const ordinary = evaluateRules(other).find((f) => f.id === "misdelivery:fax")!;
    expect(mine.impact).toBe(4);
    expect(ordinary.impact).toBe(2);
    expect(mine.likelihood).toBe(ordinary.likelihood);
  });

  it("unknown 特定個人情報 is rated like 特定個人情報", () => {
    const doc = base();
    doc.flows[0].carriesMyNumber = null;
    const f = evaluateRules(doc).find((x) => x.id === "media-unencrypted:usb")!;
    expect(f.impact).toBe(4);
    expect(f.detail.ja).toContain("可能性");
  });

  it("crossing an organisation raises the likelihood", () => {
    const doc = makeDoc({
      nodes: [
        node("sys", "system_own"),
        node("sys2", "system_own", { purpose: "x" }),
        node("ag", "agency", { purpose: "x" }),
      ],
      flows: [
        flow("inside", "sys", "sys2", { transport: "email" }),
        flow("outside", "sys", "ag", {
          transport: "email",
          legalBasis: [{ law: "mynumber_act", article: "19", item: 11 }],
        }),
      ],
    });
    const fs = evaluateRules(doc).filter((f) => f.ruleId === "email-no-content-encryption");
    const l = (id: string) => fs.find((f) => f.elementId === id)!.likelihood;
    expect(l("outside")).toBe(l("inside") + 1);
  });

  it("worstByElement gives the canvas one colour per element from open risk findings", () => {
    const worst = worstByElement(evaluateRules(base({ "media-unencrypted:usb": { status: "resolved" } })));
    expect(worst.get("usb")).toBe("high");
    const fixed = base();
    fixed.flows[0].safeguards = sg("encryption", "delete_after_transfer");
    expect(worstByElement(evaluateRules(fixed)).get("usb")).toBeUndefined();
  });
});

describe("「リスクへの対策は十分か」", () => {
  it("open findings leave 課題", () => {
    const fs = evaluateRules(base());
    const s = suggestSufficiency(fs, "III.5.risk2");
    expect(s.value).toBe("課題が残されている");
    expect(s.open).toBeGreaterThan(0);
    expect(s.reason.ja).toContain("件");
  });

  it("nothing open is 十分, measures at several places are 特に力を入れている, 許容 keeps it at 十分", () => {
    const doc = base();
    doc.flows[0].safeguards = sg("encryption", "delete_after_transfer");
    doc.flows[1].safeguards = sg("address_check", "channel_encryption", "tracked_mail");
    const { findings, mitigated } = evaluateDetailed(doc);
    expect(findings.filter((f) => f.riskId === "III.5.risk2" && f.category === "risk" && f.status === "open")).toEqual(
      [],
    );
    const cleared = findings.find((f) => f.id === "media-unencrypted:usb")!;
    expect(cleared.status).toBe("resolved");
    expect(cleared.mitigatedBy).toEqual(["encryption"]);
    expect(suggestSufficiency(findings, "III.5.risk2").value).toBe("特に力を入れている");
    expect(suggestSufficiency(findings, "III.5.risk2", mitigated).value).toBe("特に力を入れている");
    // nothing found and nothing in place: 十分, no stronger claim
    expect(suggestSufficiency([], "III.5.risk2").value).toBe("十分である");

    const accepted = base({ "media-unencrypted:usb": { status: "accepted", justification: "理由" } });
    accepted.flows[0].safeguards = sg("delete_after_transfer");
    accepted.flows[1].safeguards = sg("address_check", "channel_encryption");
    const r = evaluateDetailed(accepted);
    const s = suggestSufficiency(r.findings, "III.5.risk2", r.mitigated);
    expect(s.value).toBe("十分である");
    expect(s.reason.ja).toContain("許容");
  });
});

describe("CSV of the findings", () => {
  it("has a BOM, one row per finding, and quotes what needs quoting", () => {
    const doc = base({ "misdelivery:fax": { status: "accepted", justification: 'FAXは "短縮ダイヤル", 二人で確認' } });
    const fs = evaluateRules(doc);
    const csv = findingsCsv(fs);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines.length).toBe(fs.length + 1);
    expect(lines[0]).toContain("リスク / risk");
    expect(csv).toContain('"FAXは ""短縮ダイヤル"", 二人で確認"');
    expect(findingsCsv(fs, { bom: false }).startsWith("ID,")).toBe(true);
  });
});

describe("risk grid rows", () => {
  it("全項目 lists every リスク; 重点 folds them into its shorter list", () => {
    expect(riskRowsFor("full")).toContain("III.6.risk7");
    expect(riskRowsFor("focused")).not.toContain("III.6.risk7");
    expect(rowForRisk("focused", "III.6.risk7")).toBe("III.6.risk5");
    expect(rowForRisk("focused", "III.4.risk5")).toBe("III.4.risk1");
    expect(rowForRisk("full", "III.4.risk5")).toBe("III.4.risk5");
    expect(rowForRisk("focused", "nonsense")).toBe("general");
  });
});
