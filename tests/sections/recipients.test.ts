import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocumentText } from "../../src/model";
import { renderReportMarkdown } from "../../src/render/markdown/report";
import { type FilledItem, findItem, type GeneratedSections, generateSections } from "../../src/sections";
import { base, build, f, n } from "./build";

const item = (g: GeneratedSections, id: string): FilledItem => {
  const it = findItem(g.items, id);
  if (!it) throw new Error(`no item ${id}`);
  return it;
};
const all = (items: readonly FilledItem[]): FilledItem[] => items.flatMap((i) => [i, ...all(i.children)]);
const recipientHeadings = (g: GeneratedSections, file: string) =>
  all(g.items)
    .filter((i) => i.kind === "heading" && new RegExp(`^II\\.file:${file}\\.5\\.(prov|tr):[^.]+$`).test(i.id))
    .map((i) => i.title);

const template = (id: string) => {
  const r = loadDocumentText(
    fs.readFileSync(path.resolve(import.meta.dirname, `../../templates/${id}.nagare.json`), "utf8"),
  );
  if (!r.ok) throw new Error(id);
  return r.doc;
};

describe("Ⅱ5 counts recipients as the 様式 does", () => {
  it("one box standing for a list counts the rows, and the list becomes 別紙1 referred to from Ⅱ5", () => {
    const doc = build({
      nodes: [
        ...base(),
        n("others", "agency", "他の地方公共団体等", { owner: { party: "external", bodyType: "local" } }),
      ],
      flows: [f("p", "sys", "others", { transport: "info_provision_network" })],
      provisions: [
        {
          id: "list",
          kind: "provision",
          recipient: "他の地方公共団体等",
          recipientNodeId: "others",
          legalBasis: [{ law: "mynumber_act", article: "19", item: 8 }],
          recipients: [
            {
              name: "A市長",
              basis: "主務省令第2条の表の項",
              information: "住民票関係情報",
              method: "情報提供ネットワークシステム",
              timing: "照会の都度",
            },
            {
              name: "B県知事",
              basis: "主務省令第2条の表の項",
              information: "住民票関係情報",
              method: "情報提供ネットワークシステム",
              timing: "照会の都度",
            },
            {
              name: "C町長",
              basis: "主務省令第2条の表の項",
              information: "住民票関係情報",
              method: "情報提供ネットワークシステム",
              timing: "照会の都度",
            },
          ],
        },
      ],
    });
    const g = generateSections(doc);
    expect(item(g, "II.file:F.5.has").value).toBe("提供を行っている (3) 件、移転を行っている (0) 件");
    expect(recipientHeadings(g, "F")).toEqual(["他の地方公共団体等（別紙1参照）"]);
    const annex = item(g, "annex:list");
    expect(annex.number).toBe("別紙1");
    expect(annex.title).toBe("提供先一覧");
    const table = item(g, "annex:list.list");
    expect(table.header).toEqual(["提供先", "法令上の根拠", "提供する情報", "提供方法", "時期・頻度"]);
    expect(table.rows?.map((r) => r.cells[0])).toEqual(["A市長", "B県知事", "C町長"]);
    expect(table.needsInput).toBe(false);
    const md = renderReportMarkdown(g);
    expect(md).toContain("## 別紙1 提供先一覧");
    expect(md).toContain(
      "| A市長 | 主務省令第2条の表の項 | 住民票関係情報 | 情報提供ネットワークシステム | 照会の都度 |",
    );
  });

  it("a count without its list is printed as such, and the 別紙 asks for the list", () => {
    const doc = build({
      nodes: [...base(), n("depts", "department", "番号法第9条第1項別表の事務を行う部署")],
      flows: [f("t", "sys", "depts", { transport: "intra_linkage" })],
      provisions: [
        { id: "tr", kind: "transfer", recipient: "別表の事務を行う部署", recipientNodeId: "depts", recipientCount: 33 },
      ],
    });
    const g = generateSections(doc);
    expect(item(g, "II.file:F.5.has").value).toBe("提供を行っている (0) 件、移転を行っている (33) 件");
    const table = item(g, "annex:tr.list");
    expect(table.needsInput).toBe(true);
    expect(table.value).toBe("移転先 33 件（一覧は未入力）");
    expect(item(g, "annex:tr").title).toBe("移転先一覧");
  });

  it("昭島: Ⅱ5 lists bodies and 事務 only (59 提供先, 33 移転先 as published), with 別紙1 and 別紙2", () => {
    const g = generateSections(template("akishima-juki"));
    expect(item(g, "II.file:f1.5.has").value).toBe("提供を行っている (59) 件、移転を行っている (33) 件");
    expect(recipientHeadings(g, "f1")).toEqual([
      "省令第2条の表に規定する情報照会者(別紙1参照)",
      "番号法第9条第1項別表の事務を行う部署(別紙2参照)",
    ]);
    const titles = all(g.items)
      .filter((i) => /^II\.file:[^.]+\.5\.(prov|tr):[^.]+$/.test(i.id))
      .map((i) => i.title)
      .join("\n");
    for (const route of ["内閣総理大臣", "昭島市", "共通基盤システム", "団体内統合宛名システム", "中間サーバー"])
      expect(titles).not.toContain(route);
    expect(item(g, "annex:p_network").number).toBe("別紙1");
    expect(item(g, "annex:p_transfer").number).toBe("別紙2");
    expect(item(g, "annex:p_network.list").value).toBe("提供先 59 件（一覧は未入力）");
  });

  it("no template lists the 情報提供ネットワークシステム, the 中間サーバー or a 庁内連携 system as a recipient", () => {
    for (const id of ["tokyo-toei-jutaku", "sakai-kokumin-nenkin", "osaka-shiei-jutaku", "toyonaka-kodomo-iryohi"]) {
      const g = generateSections(template(id));
      const titles = all(g.items)
        .filter((i) => /^II\.file:[^.]+\.5\.(prov|tr):[^.]+$/.test(i.id))
        .map((i) => i.title)
        .join("\n");
      expect(titles, id).not.toMatch(/内閣総理大臣|情報提供ネットワークシステム|中間サーバ|庁内連携|統合宛名/);
    }
  });
});
