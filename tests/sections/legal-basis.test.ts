import { describe, expect, it } from "vitest";
import {
  article19Item,
  citeLegalBases,
  citeLegalBasis,
  LEGAL_BASIS_PRESETS,
  presetById,
  renumberArticle19,
} from "../../src/sections";

describe("legal-basis presets and citations", () => {
  it("第19条 items move on 2021-09-01", () => {
    expect(article19Item("network", "2021-08-31")).toBe(7);
    expect(article19Item("network", "2021-09-01")).toBe(8);
    expect(article19Item("ordinance_network", "2020-01-01")).toBe(8);
    expect(article19Item("ordinance_network", "2023-01-01")).toBe(9);
    expect(article19Item("same_local_government", "2019-01-01")).toBe(10);
    expect(article19Item("same_local_government", null)).toBe(11);
    expect(article19Item("entrustment", "2018-01-01")).toBe(5);
    expect(article19Item("entrustment", "2022-01-01")).toBe(6);
  });

  it("the network preset cites 別表第二 or the 主務省令 by date", () => {
    const p = presetById("network");
    if (!p) throw new Error("missing preset");
    const cite = (d: string) => citeLegalBasis(p.build(d, { tableRow: "31" }), d);
    expect(cite("2018-11-13")).toBe("番号法第19条第7号 別表第二の31の項");
    expect(cite("2022-01-31")).toBe("番号法第19条第8号 別表第二の31の項");
    // 別表第二 rows are not the 主務省令's rows: the row is never copied into 「第2条の表」.
    expect(cite("2024-05-27")).toBe("番号法第19条第8号に基づく主務省令 第2条の表（旧別表第二の31の項に対応する項）");
    const ministerial = p.build("2024-05-27", { ministerialOrdinance: "第2条の表53の項" });
    expect(citeLegalBasis(ministerial, "2024-05-27")).toBe("番号法第19条第8号に基づく主務省令 第2条の表53の項");
  });

  it("use under 第9条第1項 cites 別表第一 before 2024-05-27 and 別表 after", () => {
    const p = presetById("use_table");
    if (!p) throw new Error("missing preset");
    expect(citeLegalBasis(p.build("2020-01-01", { tableRow: "56" }), "2020-01-01")).toBe(
      "番号法第9条第1項 別表第一の56の項",
    );
    expect(citeLegalBasis(p.build("2025-01-01", { tableRow: "56" }), "2025-01-01")).toBe(
      "番号法第9条第1項 別表の56の項",
    );
  });

  it("ordinance-based bases carry the ordinance name", () => {
    const p = presetById("same_local_government");
    if (!p) throw new Error("missing preset");
    expect(citeLegalBasis(p.build("2019-04-01", { ordinance: "テスト市個人番号条例第4条" }), "2019-04-01")).toBe(
      "番号法第19条第10号 テスト市個人番号条例第4条",
    );
    expect(citeLegalBasis(p.build("2023-04-01", { ordinance: "テスト市個人番号条例第4条" }), "2023-04-01")).toBe(
      "番号法第19条第11号 テスト市個人番号条例第4条",
    );
    const use = presetById("use_ordinance")?.build(null, { ordinance: "大阪市個人番号の利用等に関する条例第3条" });
    expect(use && citeLegalBasis(use, null)).toBe("番号法第9条第2項 大阪市個人番号の利用等に関する条例第3条");
  });

  it("住基法 and 第14条第2項 presets", () => {
    expect(citeLegalBasis(presetById("juki_30_6")?.build(null) ?? { law: "other" }, null)).toBe(
      "住民基本台帳法第30条の6",
    );
    expect(citeLegalBasis(presetById("juki_12_4")?.build(null) ?? { law: "other" }, null)).toBe(
      "住民基本台帳法第12条の4",
    );
    expect(citeLegalBasis(presetById("jlis_request")?.build(null) ?? { law: "other" }, null)).toBe("番号法第14条第2項");
  });

  it("renumbering moves a stored item between eras and keeps unrelated bases", () => {
    const old = { law: "mynumber_act" as const, article: "19", item: 7, tableRow: "5" };
    expect(renumberArticle19(old, "2020-01-01", "2022-01-01").item).toBe(8);
    expect(renumberArticle19({ ...old, item: 8 }, "2022-01-01", "2020-01-01").item).toBe(7);
    const nine = { law: "mynumber_act" as const, article: "9", paragraph: 1 };
    expect(renumberArticle19(nine, "2020-01-01", "2022-01-01")).toEqual(nine);
  });

  it("unstructured bases are cited as written, several as a numbered list", () => {
    expect(citeLegalBasis({ law: "other", text: "国民年金法第12条" }, null)).toBe("国民年金法第12条");
    expect(
      citeLegalBases(
        [
          { law: "other", text: "A" },
          { law: "mynumber_act", article: "14", paragraph: 2 },
        ],
        null,
      ),
    ).toBe("(1)A\n(2)番号法第14条第2項");
  });

  it("every preset builds a citable basis with a label in both languages", () => {
    for (const p of LEGAL_BASIS_PRESETS) {
      const b = p.build("2024-06-01", { tableRow: "1", ordinance: "条例", ministerialOrdinance: "第2条" });
      expect(citeLegalBasis(b, "2024-06-01").length).toBeGreaterThan(4);
      expect(p.label.ja && p.label.en).toBeTruthy();
    }
  });
});
