import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PanelProps } from "../../src/app/editor/panels";
import { FindingsPanel } from "../../src/app/risk/FindingsPanel";
import { RiskMapPanel } from "../../src/app/risk/RiskMapPanel";
import type { NagareDocument } from "../../src/model";
import { ydocFromModel } from "../../src/sync/doc-shape";
import { flow, makeDoc, node, sg } from "./graph";

/** The two panels rendered to HTML from a small model (their interactions are covered in the browser test). */
const doc = (kind: "full" | "focused") =>
  makeDoc({
    meta: { organization: "テスト市長", jimuName: "テスト", assessmentKind: kind },
    nodes: [
      node("sys", "system_own", {
        label: "業務システム",
        safeguards: sg("authentication", "access_control", "operation_log"),
      }),
      node("dept", "department", { label: "税務課", purpose: "課税" }),
    ],
    flows: [
      flow("usb", "sys", "dept", {
        transport: "flash_memory",
        legalBasis: [{ law: "mynumber_act", article: "9", paragraph: 2 }],
        safeguards: sg("encryption"),
      }),
    ],
    decisions: { "media-not-deleted:usb": { status: "accepted", justification: "返却時に初期化" } },
  });

const props = (model: NagareDocument, lang: "ja" | "en" = "ja"): PanelProps => ({
  ydoc: ydocFromModel(model),
  model,
  lang,
  session: { docId: null, token: null, role: "edit" },
  readOnly: false,
  select: () => {},
  highlight: () => {},
});

describe("findings panel", () => {
  it("lists the open findings grouped by phase, with their mitigation and decision buttons", () => {
    const html = renderToStaticMarkup(createElement(FindingsPanel, props(doc("full"))));
    expect(html).toContain('data-testid="findings-panel"');
    expect(html).toContain("移転"); // the group of the transfer flow
    expect(html).not.toContain('data-finding="media-unencrypted:usb"'); // cleared by encryption
    expect(html).not.toContain('data-finding="media-not-deleted:usb"'); // 許容: not open
    expect(html).toContain("対応済み");
    const en = renderToStaticMarkup(createElement(FindingsPanel, props(doc("full"), "en")));
    expect(en).toContain("Mitigation");
  });

  it("says so when the document cannot be checked", () => {
    const html = renderToStaticMarkup(createElement(FindingsPanel, { ...props(doc("full")), model: null }));
    expect(html).toContain("点検できません");
  });
});

describe("risk grid", () => {
  it("has one row per リスク of the 全項目評価書, and fewer rows for the 重点項目評価書", () => {
    const full = renderToStaticMarkup(createElement(RiskMapPanel, props(doc("full"))));
    const focused = renderToStaticMarkup(createElement(RiskMapPanel, props(doc("focused"))));
    const rows = (html: string) => (html.match(/data-risk="/g) ?? []).length;
    expect(rows(full)).toBe(27);
    expect(rows(focused)).toBeLessThan(rows(full));
    expect(full).toContain('data-risk="III.4.risk5"');
    expect(focused).not.toContain('data-risk="III.4.risk5"');
    expect(focused).toContain("委託先における不正な使用等のリスク");
    expect(full).toContain("全項目評価書");
    // The row of a risk with open findings suggests 課題; one with measures in place and nothing open does not.
    const row = (html: string, id: string) => {
      const start = html.indexOf(`data-risk="${id}"`);
      return html.slice(start, html.indexOf("</tr>", start));
    };
    expect(row(full, "III.5.risk2")).toContain('data-suggest="課題が残されている"');
    expect(row(full, "III.3.risk2")).toContain('data-suggest="特に力を入れている"');
    expect(row(full, "III.5.risk3")).toContain('data-suggest="十分である"');
    // No 入手 or 委託 flows in this drawing: no suggestion, the block is 「しない」.
    expect(row(full, "III.2.risk1")).toContain('data-suggest=""');
    expect(row(full, "III.4.risk1")).toContain("図に該当する流れがありません");
    expect(full).toContain('data-testid="risk-matrix"');
  });
});
